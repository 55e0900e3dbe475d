// Word expansion in bash's order: tilde, parameter/command/arithmetic substitution (left to right),
// field splitting, pathname expansion, quote removal.
import type { Word, WordPart } from '../../syntax/ast';
import { ExpansionError } from '../control';
import { commandSubstitution } from '../exec/substitution';
import type { Shell } from '../runtime';
import { braceExpand } from './brace';
import { type Chunk, FIELD_BREAK, splitFields, fieldText } from './fields';
import { expandPathname } from './glob';
import { arithValue, currentIfs, expandParam, lookupParam } from './param';
import { escapePattern, hasGlobChars } from './pattern';

export interface PartsContext {
  inDq: boolean;
  /** Literal text splits too (the word of an unquoted `${x:-a b}`). */
  literalSplit: boolean;
}

function tildeValue(sh: Shell, user: string): string | null {
  if (user === '') return sh.getVar('HOME') ?? sh.host.homeDir(sh.getVar('USER') ?? 'root');
  if (user === '+') return sh.getVar('PWD') ?? null;
  if (user === '-') return sh.getVar('OLDPWD') ?? null;
  if (!/^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/.test(user)) return null;
  return sh.host.homeDir(user);
}

/** Tilde expansion of a word's leading `~` or `~user` (the result is quoted: not split or globbed). */
export function tildeParts(sh: Shell, parts: WordPart[]): WordPart[] {
  const first = parts[0];
  if (!first || first.type !== 'Literal' || !first.text.startsWith('~')) return parts;
  const slash = first.text.indexOf('/');
  if (slash < 0 && parts.length > 1) return parts;
  const prefix = slash < 0 ? first.text : first.text.slice(0, slash);
  const home = tildeValue(sh, prefix.slice(1));
  if (home === null) return parts;
  const rest = first.text.slice(prefix.length);
  const out: WordPart[] = [{ type: 'SingleQuoted', span: first.span, text: home }];
  if (rest !== '') out.push({ type: 'Literal', span: first.span, text: rest });
  return [...out, ...parts.slice(1)];
}

/** In assignments, `~` also expands after each unquoted `:` (PATH=~/bin:~/x). */
function assignmentTilde(sh: Shell, parts: WordPart[]): WordPart[] {
  return parts.map((part, i) => {
    if (part.type !== 'Literal' || !part.text.includes('~')) return part;
    const text = part.text.replace(/(^|:)~([A-Za-z0-9_.+-]*)(?=\/|:|$)/g, (m, lead: string, user: string, offset: number) => {
      if (offset === 0 && lead === '' && i !== 0) return m;
      const home = tildeValue(sh, user);
      return home === null ? m : lead + home;
    });
    return { ...part, text };
  });
}

export async function expandParts(sh: Shell, parts: WordPart[], ctx: PartsContext): Promise<Chunk[]> {
  const out: Chunk[] = [];
  const { inDq } = ctx;
  for (const part of parts) {
    switch (part.type) {
      case 'Literal':
        out.push({ text: part.text, quoted: inDq, split: ctx.literalSplit && !inDq });
        break;
      case 'Escaped':
      case 'SingleQuoted':
      case 'AnsiC':
        out.push({ text: part.text, quoted: true, split: false });
        break;
      case 'DoubleQuoted': {
        const only = part.parts.length === 1 ? part.parts[0] : null;
        const soleAt = only !== null && only.type === 'Param' && only.name === '@' && !only.length && !only.indirect && (only.op === null || only.op.kind === 'substring');
        // "" is an empty field, but "$@" with no parameters is no field at all.
        if (!soleAt) out.push({ text: '', quoted: true, split: false });
        out.push(...(await expandParts(sh, part.parts, { inDq: true, literalSplit: false })));
        break;
      }
      case 'Param':
        out.push(...(await expandParam(sh, part, inDq)));
        break;
      case 'CommandSub': {
        const text = await commandSubstitution(sh, part.body);
        out.push({ text, quoted: inDq, split: !inDq });
        break;
      }
      case 'ArithSub': {
        const expr = await expandString(sh, part.expr);
        out.push({ text: String(arithValue(sh, expr)), quoted: inDq, split: !inDq });
        break;
      }
      case 'BadSubst':
        sh.error(`${part.text}: bad substitution`);
        throw new ExpansionError(1, !sh.interactive);
    }
  }
  return out;
}

/** A command word expanded to its fields (after splitting and pathname expansion). */
export async function expandWordFields(sh: Shell, word: Word): Promise<string[]> {
  if (sh.dialect !== 'bash') return expandPartsToFields(sh, word.parts);
  const out: string[] = [];
  for (const parts of braceExpand(word.parts)) out.push(...(await expandPartsToFields(sh, parts)));
  return out;
}

async function expandPartsToFields(sh: Shell, parts: WordPart[]): Promise<string[]> {
  const chunks = await expandParts(sh, tildeParts(sh, parts), { inDq: false, literalSplit: false });
  const fields = splitFields(chunks, currentIfs(sh));
  const out: string[] = [];
  for (const field of fields) {
    const text = fieldText(field);
    if (!sh.state.options.noglob && field.some((p) => !p.quoted && hasGlobChars(p.text))) {
      const pattern = field.map((p) => (p.quoted ? escapePattern(p.text) : p.text)).join('');
      const matches = expandPathname(sh, pattern);
      if (matches.length > 0) {
        out.push(...matches);
        continue;
      }
    }
    out.push(text);
  }
  return out;
}

export async function expandWords(sh: Shell, words: Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const w of words) out.push(...(await expandWordFields(sh, w)));
  return out;
}

/**
 * A word expanded to one string, without splitting or globbing: assignment values, here-documents,
 * `case` subjects, `[[ ]]` operands.
 */
export async function expandString(sh: Shell, word: Word, opts: { assignment?: boolean } = {}): Promise<string> {
  const parts = opts.assignment ? assignmentTilde(sh, word.parts) : tildeParts(sh, word.parts);
  const chunks = await expandParts(sh, parts, { inDq: false, literalSplit: false });
  return chunks.map((c) => (c === FIELD_BREAK ? ' ' : c.text)).join('');
}

/** A word expanded as a pattern: quoted characters are escaped so they match literally. */
export async function expandPatternWord(sh: Shell, word: Word): Promise<string> {
  const chunks = await expandParts(sh, tildeParts(sh, word.parts), { inDq: false, literalSplit: false });
  return chunks.map((c) => (c === FIELD_BREAK ? ' ' : c.quoted ? escapePattern(c.text) : c.text)).join('');
}

export { lookupParam };
