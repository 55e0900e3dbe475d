// Rule output formats: `%field` / `%Nfield` / `%field[arg]` tokens parsed like sinsp_evt_formatter, and rendered.
import type { FieldDef, FieldRegistry, FieldValue } from '../fields/types';
import { CheckCompileError } from '../compiler/check';
import { bindField } from '../compiler/filter';

export type OutputToken<E> =
  | { kind: 'text'; text: string }
  | {
      kind: 'field';
      /** The token as written after `%` (and any width): the JSON output_fields key. */
      key: string;
      def: FieldDef<E>;
      arg: string | undefined;
      /** `%20proc.name` pads the value to 20 columns. */
      width: number;
    };

export interface OutputFormat<E> {
  tokens: OutputToken<E>[];
}

export type OutputFormatResult<E> = { ok: true; format: OutputFormat<E> } | { ok: false; message: string };

/** Scalar JSON-ready value of one output field; null when not extractable. */
export type OutputFieldValue = string | number | boolean | null | Array<string | number | boolean>;

export interface RenderedOutput {
  text: string;
  fields: Record<string, OutputFieldValue>;
  /** The same fields as JSON text fragments, exactly as Falco serialises them (evt.time as raw ns). */
  json: Record<string, string>;
}

/** JSON text the way jsoncpp's FastWriter writes strings: non-ASCII escaped as \uXXXX. */
export function jsonText(v: unknown): string {
  return JSON.stringify(v).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const ARG_CHAR = /[A-Za-z0-9_]/;

/** Parses an output format. A leading `*` (print even with missing values) is accepted and dropped. */
export function compileOutputFormat<E>(format: string, fields: FieldRegistry<E>): OutputFormatResult<E> {
  let fmt = format;
  if (fmt === '') return { ok: false, message: 'empty formatting token' };
  if (fmt[0] === '*') fmt = fmt.slice(1);
  const tokens: OutputToken<E>[] = [];
  let textStart = 0;
  try {
    for (let j = 0; j < fmt.length; j++) {
      if (fmt[j] !== '%') continue;
      if (textStart !== j) tokens.push({ kind: 'text', text: fmt.slice(textStart, j) });
      if (j === fmt.length - 1) return { ok: false, message: 'invalid formatting syntax: formatting cannot end with a %' };
      let width = 0;
      let k = j + 1;
      if (/[0-9]/.test(fmt[k])) {
        const m = /^[0-9]+/.exec(fmt.slice(k)) as RegExpExecArray;
        width = Number(m[0]);
        k += m[0].length;
        if (k >= fmt.length) return { ok: false, message: 'invalid formatting syntax: formatting cannot end with a number' };
      }
      const rest = fmt.slice(k);
      const found = fields.longestPrefix(rest);
      if (!found || found.def.filterOnly) return { ok: false, message: `invalid formatting token ${rest}` };
      let len = found.length;
      let arg: string | undefined;
      if (rest[len] === '[' && found.def.arg.kind !== 'none') {
        const close = rest.indexOf(']', len);
        if (close < 0) return { ok: false, message: `wrong syntax for ${found.def.name}` };
        arg = rest.slice(len + 1, close);
        len = close + 1;
      } else if (rest[len] === '.' && found.def.arg.dotted) {
        let e = len + 1;
        while (e < rest.length && ARG_CHAR.test(rest[e])) e++;
        arg = rest.slice(len + 1, e);
        len = e;
      }
      const bound = bindField(fields, found.def.name, arg);
      tokens.push({ kind: 'field', key: rest.slice(0, len), def: bound.def, arg: bound.arg, width });
      j = k + len - 1;
      textStart = j + 1;
    }
  } catch (e) {
    if (e instanceof CheckCompileError) return { ok: false, message: e.message };
    throw e;
  }
  if (textStart < fmt.length) tokens.push({ kind: 'text', text: fmt.slice(textStart) });
  return { ok: true, format: { tokens } };
}

/** How libsinsp prints a value in text outputs. */
export function fieldText<E>(def: FieldDef<E>, v: FieldValue | undefined): string {
  if (v === null || v === undefined) return '<NA>';
  if (Array.isArray(v)) {
    if (def.multi === 'list') return `(${v.join(',')})`;
    return v.length > 0 ? String(v[0]) : '<NA>';
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (def.type === 'bytebuf') return String(v).replace(/[^\x20-\x7e]/g, '.');
  return String(v);
}

function fieldJson<E>(def: FieldDef<E>, v: FieldValue | undefined): OutputFieldValue {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return def.multi === 'list' ? v : (v[0] ?? null);
  return v;
}

export function renderOutput<E>(format: OutputFormat<E>, e: E): RenderedOutput {
  let text = '';
  const fields: Record<string, OutputFieldValue> = {};
  const json: Record<string, string> = {};
  for (const t of format.tokens) {
    if (t.kind === 'text') {
      text += t.text;
      continue;
    }
    const v = t.def.extract(e, t.arg);
    let s = fieldText(t.def, v);
    if (t.width > 0 && s.length < t.width) s = s.padEnd(t.width);
    text += s;
    const jv = fieldJson(t.def, t.def.json ? t.def.json(e, t.arg) : v);
    fields[t.key] = jv;
    // Absolute times are integers too large for a double: written as bare digits.
    json[t.key] = typeof jv === 'string' && (t.def.json || t.def.type === 'abstime') && /^[0-9]+$/.test(jv) ? jv : jsonText(jv);
  }
  return { text, fields, json };
}
