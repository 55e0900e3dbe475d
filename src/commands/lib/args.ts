// getopt_long as GNU programs use it: clustered short options, attached or separate arguments, long
// options with unique-prefix abbreviation, `--`, and operands mixed with options (argv permutation).

export type ArgKind = 'none' | 'required' | 'optional';

export interface LongOpt {
  /** Key reported for this option (usually its short letter, or the long name). */
  key: string;
  arg: ArgKind;
}

export interface OptSpec {
  /** getopt string: `n:c:qv` (a colon after a letter means it takes an argument). */
  short?: string;
  long?: Record<string, LongOpt>;
  /** Stop at the first operand (POSIXLY_CORRECT / `+` in the getopt string): env, sudo, xargs, nice. */
  stopAtOperand?: boolean;
  /** Accept `-NUM` as option key `#` with value NUM (head -5, tail -20). */
  numeric?: boolean;
}

export interface ParsedOpt {
  key: string;
  value: string | undefined;
}

export interface ParsedArgs {
  opts: ParsedOpt[];
  operands: string[];
}

export type ParseResult = ({ ok: true } & ParsedArgs) | { ok: false; error: string };

function shortTable(spec: string): Map<string, ArgKind> {
  const m = new Map<string, ArgKind>();
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i];
    if (c === ':') continue;
    if (spec[i + 1] === ':' && spec[i + 2] === ':') m.set(c, 'optional');
    else if (spec[i + 1] === ':') m.set(c, 'required');
    else m.set(c, 'none');
  }
  return m;
}

/** Parse argv (without argv[0]). Error texts are glibc getopt's. */
export function parseArgs(args: string[], spec: OptSpec): ParseResult {
  const shorts = shortTable(spec.short ?? '');
  const longs = spec.long ?? {};
  const opts: ParsedOpt[] = [];
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      let match = longs[name] ? name : undefined;
      if (!match) {
        const cands = Object.keys(longs).filter((k) => k.startsWith(name));
        const distinct = new Set(cands.map((k) => `${longs[k].key}/${longs[k].arg}`));
        if (cands.length === 0) return { ok: false, error: `unrecognized option '${a}'` };
        if (distinct.size > 1) return { ok: false, error: `option '${a}' is ambiguous; possibilities:${cands.map((c) => ` '--${c}'`).join('')}` };
        match = cands[0];
      }
      const lo = longs[match];
      if (lo.arg === 'none') {
        if (inline !== undefined) return { ok: false, error: `option '--${match}' doesn't allow an argument` };
        opts.push({ key: lo.key, value: undefined });
      } else if (lo.arg === 'optional') {
        opts.push({ key: lo.key, value: inline });
      } else if (inline !== undefined) {
        opts.push({ key: lo.key, value: inline });
      } else if (i + 1 < args.length) {
        opts.push({ key: lo.key, value: args[++i] });
      } else {
        return { ok: false, error: `option '--${match}' requires an argument` };
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      if (spec.numeric && /^-\d+$/.test(a)) {
        opts.push({ key: '#', value: a.slice(1) });
        continue;
      }
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const kind = shorts.get(c);
        if (kind === undefined) return { ok: false, error: `invalid option -- '${c}'` };
        if (kind === 'none') {
          opts.push({ key: c, value: undefined });
          continue;
        }
        const rest = a.slice(j + 1);
        if (rest !== '') opts.push({ key: c, value: rest });
        else if (kind === 'optional') opts.push({ key: c, value: undefined });
        else if (i + 1 < args.length) opts.push({ key: c, value: args[++i] });
        else return { ok: false, error: `option requires an argument -- '${c}'` };
        break;
      }
      continue;
    }
    if (spec.stopAtOperand) {
      operands.push(...args.slice(i));
      break;
    }
    operands.push(a);
  }
  return { ok: true, opts, operands };
}

/** The usual usage-error tail GNU tools print after a getopt message. */
export function tryHelp(prog: string): string {
  return `Try '${prog} --help' for more information.\n`;
}

/** Last value given for a key, or undefined. */
export function lastValue(p: ParsedArgs, key: string): string | undefined {
  let v: string | undefined;
  for (const o of p.opts) if (o.key === key) v = o.value;
  return v;
}

export function has(p: ParsedArgs, key: string): boolean {
  return p.opts.some((o) => o.key === key);
}
