// Parameter expansion: special parameters, positional parameters, and the ${…} operators.
import type { ParamPart, Word } from '../../syntax/ast';
import { ExpansionError } from '../control';
import type { Shell } from '../runtime';
import { NAME_RE } from '../state';
import { evaluateArithmetic, ArithError } from './arithmetic';
import { DEFAULT_IFS, FIELD_BREAK, type Chunk } from './fields';
import { matchPattern } from './pattern';
import { expandParts, expandPatternWord, expandString, tildeParts } from './word';

/** `$-`: the single-letter options in effect. */
export function optionFlags(sh: Shell): string {
  const o = sh.state.options;
  const i = sh.interactive;
  let f = '';
  if (o.allexport) f += 'a';
  if (o.errexit) f += 'e';
  if (o.noglob) f += 'f';
  f += 'h';
  if (i) f += 'im';
  if (o.nounset) f += 'u';
  if (o.xtrace) f += 'x';
  if (sh.dialect === 'bash') f += 'B';
  if (o.noclobber) f += 'C';
  if (i && sh.dialect === 'bash') f += 'H';
  if (sh.state.mode === 'command') f += 'c';
  if (i) f += 's';
  return f;
}

export function ifsFirst(sh: Shell): string {
  const ifs = sh.getVar('IFS');
  return ifs === undefined ? ' ' : ifs.slice(0, 1);
}

/** The value of a parameter by name, undefined when unset. */
export function lookupParam(sh: Shell, name: string): string | undefined {
  const s = sh.state;
  switch (name) {
    case '?':
      return String(s.lastStatus);
    case '$':
      return String(s.pid);
    case '#':
      return String(s.positional.length);
    case '0':
      return s.argv0;
    case '!':
      return s.lastBackgroundPid === null ? undefined : String(s.lastBackgroundPid);
    case '-':
      return optionFlags(sh);
    case '@':
      return s.positional.length ? s.positional.join(' ') : undefined;
    case '*':
      return s.positional.length ? s.positional.join(ifsFirst(sh)) : undefined;
  }
  if (/^[0-9]+$/.test(name)) return s.positional[Number(name) - 1];
  const v = sh.getVar(name);
  if (v !== undefined) return v;
  if (name === 'RANDOM') return String(Math.floor(sh.host.random() * 32768));
  if (name === 'PIPESTATUS') return String(sh.pipeStatus[0] ?? 0);
  if (name === 'BASH_VERSINFO' && sh.dialect === 'bash') return '5';
  if (name === 'LINENO') return String(sh.line);
  if (name === 'SECONDS') return String(Math.floor((sh.host.now() - sh.startedAt) / 1000));
  if (name === 'EPOCHSECONDS') return String(Math.floor(sh.host.now() / 1000));
  return undefined;
}

const fatal = (sh: Shell): boolean => !sh.interactive;

function unbound(sh: Shell, name: string): never {
  sh.error(`${name}: unbound variable`);
  throw new ExpansionError(1, fatal(sh));
}

export function arithValue(sh: Shell, expr: string): bigint {
  try {
    return evaluateArithmetic(expr, { get: (n) => lookupParam(sh, n), set: (n, v) => void sh.setVar(n, v) });
  } catch (e) {
    if (!(e instanceof ArithError)) throw e;
    sh.error(e.toString());
    throw new ExpansionError(1, fatal(sh));
  }
}

function removeAffix(value: string, pattern: string, prefix: boolean, longest: boolean): string {
  const n = value.length;
  if (prefix) {
    for (let k = longest ? n : 0; longest ? k >= 0 : k <= n; k += longest ? -1 : 1) {
      if (matchPattern(pattern, value.slice(0, k))) return value.slice(k);
    }
  } else {
    for (let k = longest ? 0 : n; longest ? k <= n : k >= 0; k += longest ? 1 : -1) {
      if (matchPattern(pattern, value.slice(k))) return value.slice(0, k);
    }
  }
  return value;
}

function replacePattern(value: string, pattern: string, rep: string, all: boolean, anchor: 'start' | 'end' | null): string {
  if (pattern === '') return value;
  const n = value.length;
  let out = '';
  let i = 0;
  while (i <= n) {
    let matchEnd = -1;
    if (anchor === 'end') {
      if (matchPattern(pattern, value.slice(i))) matchEnd = n;
    } else {
      for (let j = n; j >= i; j--) {
        if (matchPattern(pattern, value.slice(i, j))) {
          matchEnd = j;
          break;
        }
      }
    }
    if (matchEnd >= 0 && (matchEnd > i || pattern === '')) {
      out += rep;
      i = matchEnd;
      if (!all) return out + value.slice(i);
      continue;
    }
    if (anchor === 'start') return value;
    if (i < n) out += value[i];
    i++;
  }
  return out;
}

function caseModify(value: string, upper: boolean, all: boolean, pattern: string | null): string {
  let out = '';
  let done = false;
  for (const c of value) {
    if (!done && (pattern === null || matchPattern(pattern, c))) {
      out += upper ? c.toUpperCase() : c.toLowerCase();
      if (!all) done = true;
    } else {
      out += c;
      if (!all) done = true;
    }
  }
  return out;
}

/** `${@:off:len}`, `${x:off:len}` offsets: negative counts from the end. */
function sliceBounds(total: number, off: bigint, len: bigint | null): [number, number] | null {
  let start = Number(off);
  if (start < 0) start = Math.max(total + start, -1);
  if (start < 0 || start > total) return null;
  let end = total;
  if (len !== null) {
    const l = Number(len);
    end = l < 0 ? total + l : Math.min(total, start + l);
    if (end < start) return null;
  }
  return [start, end];
}

export async function expandParam(sh: Shell, p: ParamPart, inDq: boolean): Promise<Chunk[]> {
  const seg = (text: string): Chunk => ({ text, quoted: inDq, split: !inDq });
  const name = p.name;
  const multi = name === '@' || name === '*';
  const positional = sh.state.positional;

  if (p.length) {
    if (multi) return [seg(String(positional.length))];
    const v = lookupParam(sh, name);
    if (v === undefined && sh.state.options.nounset) unbound(sh, name);
    return [seg(String([...(v ?? '')].length))];
  }

  if (multi && !p.indirect && (p.op === null || p.op.kind === 'substring')) {
    let list = positional;
    if (p.op?.kind === 'substring') {
      const all = [sh.state.argv0, ...positional];
      const off = arithValue(sh, await expandString(sh, p.op.offset));
      const len = p.op.length ? arithValue(sh, await expandString(sh, p.op.length)) : null;
      const b = sliceBounds(all.length, off, len);
      list = b ? all.slice(b[0], b[1]) : [];
    }
    return listChunks(sh, list, name === '*', inDq);
  }
  if (p.index) return expandIndexed(sh, p, p.index, inDq);

  let value = lookupParam(sh, name);
  if (p.indirect) value = value === undefined ? undefined : lookupParam(sh, value);
  return applyOp(sh, p, value, inDq);
}

/** `"$@"`-style fields for a list of values (`"$*"`-style: one field joined by IFS's first character). */
function listChunks(sh: Shell, list: string[], star: boolean, inDq: boolean): Chunk[] {
  if (inDq && star) return [{ text: list.join(ifsFirst(sh)), quoted: true, split: false }];
  const out: Chunk[] = [];
  list.forEach((v, i) => {
    if (i > 0) out.push(FIELD_BREAK);
    out.push(inDq ? { text: v, quoted: true, split: false } : { text: v, quoted: false, split: true });
  });
  return out;
}

/** Elements of an array: bash's own read-only arrays, or a scalar as a one-element array. */
function arrayElements(sh: Shell, name: string): string[] {
  if (name === 'BASH_VERSINFO') return ['5', '0', '17', '1', 'release', 'x86_64-pc-linux-gnu'];
  if (name === 'PIPESTATUS') return sh.pipeStatus.map(String);
  const v = lookupParam(sh, name);
  return v === undefined ? [] : [v];
}

async function expandIndexed(sh: Shell, p: ParamPart, index: Word, inDq: boolean): Promise<Chunk[]> {
  if (sh.dialect !== 'bash') {
    sh.error(`${p.text}: bad substitution`);
    throw new ExpansionError(1, fatal(sh));
  }
  const sub = await expandString(sh, index);
  const elements = arrayElements(sh, p.name);
  if (sub === '@' || sub === '*') {
    if (p.length) return [{ text: String(elements.length), quoted: inDq, split: !inDq }];
    if (p.op === null) return listChunks(sh, elements, sub === '*', inDq);
    return applyOp(sh, p, elements.length ? elements.join(' ') : undefined, inDq);
  }
  const i = Number(arithValue(sh, sub));
  const value = elements[i < 0 ? elements.length + i : i];
  if (p.length) return [{ text: String([...(value ?? '')].length), quoted: inDq, split: !inDq }];
  return applyOp(sh, p, value, inDq);
}

async function applyOp(sh: Shell, p: ParamPart, value: string | undefined, inDq: boolean): Promise<Chunk[]> {
  const seg = (text: string): Chunk => ({ text, quoted: inDq, split: !inDq });
  const name = p.name;
  const multi = name === '@' || name === '*';
  const op = p.op;
  if (op === null) {
    if (value === undefined && sh.state.options.nounset && !multi) unbound(sh, name);
    return [seg(value ?? '')];
  }

  switch (op.kind) {
    case 'default':
    case 'assign':
    case 'error':
    case 'alternative': {
      const isNull = value === undefined || (op.colon && value === '');
      if (op.kind === 'alternative') {
        return isNull ? [] : expandParts(sh, tildeParts(sh, op.word.parts), { inDq, literalSplit: true });
      }
      if (!isNull) return [seg(value as string)];
      if (op.kind === 'default') return expandParts(sh, tildeParts(sh, op.word.parts), { inDq, literalSplit: true });
      if (op.kind === 'assign') {
        const v = await expandString(sh, op.word);
        if (!NAME_RE.test(name)) {
          sh.error(`$${name}: cannot assign in this way`);
          throw new ExpansionError(1, fatal(sh));
        }
        if (!sh.setVar(name, v)) throw new ExpansionError(1, fatal(sh));
        return [seg(v)];
      }
      const msg = op.word.parts.length > 0 ? await expandString(sh, op.word) : op.colon ? 'parameter null or not set' : 'parameter not set';
      sh.error(`${name}: ${msg}`);
      throw new ExpansionError(1, fatal(sh));
    }
  }

  if (value === undefined && sh.state.options.nounset) unbound(sh, name);
  const v = value ?? '';
  switch (op.kind) {
    case 'removePrefix':
    case 'removeSuffix':
      return [seg(removeAffix(v, await expandPatternWord(sh, op.pattern), op.kind === 'removePrefix', op.longest))];
    case 'replace': {
      const pattern = await expandPatternWord(sh, op.pattern);
      const rep = op.replacement ? await expandString(sh, op.replacement) : '';
      return [seg(replacePattern(v, pattern, rep, op.all, op.anchor))];
    }
    case 'substring': {
      const chars = [...v];
      const off = arithValue(sh, await expandString(sh, op.offset));
      const len = op.length ? arithValue(sh, await expandString(sh, op.length)) : null;
      const b = sliceBounds(chars.length, off, len);
      if (len !== null && len < 0n && b === null) {
        sh.error(`${len}: substring expression < 0`);
        throw new ExpansionError(1, fatal(sh));
      }
      return [seg(b ? chars.slice(b[0], b[1]).join('') : '')];
    }
    case 'case': {
      const pattern = op.pattern ? await expandPatternWord(sh, op.pattern) : null;
      return [seg(caseModify(v, op.upper, op.all, pattern))];
    }
  }
}

/** The IFS in effect for splitting. */
export function currentIfs(sh: Shell): string {
  return sh.getVar('IFS') ?? DEFAULT_IFS;
}
