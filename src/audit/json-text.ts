// encoding/json's text for the strings and bodies of audit events: HTML-safe escaping, U+2028/9 and
// lone surrogates as Go writes them, map keys in Go's order, encodings of recurring strings remembered,
// and whether raw non-ASCII was written (so a line's UTF-8 length needs no rescan when it was not).

import { goJsonString, goJsonValue, nonAsciiSeen, resetNonAsciiSeen } from './go-format';
import type { JsonValue } from './types';

// Whether the text encoded since beginLine() holds raw non-ASCII characters: if not, its UTF-8
// length is its string length. Everything cached below is ASCII, so only fresh encodings set it.
let rawNonAscii = false;

/** Printable ASCII that encoding/json writes as is: no quote, backslash or HTML-escaped `<`, `>`, `&`. */
const JSON_SAFE = /^[\x20\x21\x23-\x25\x27-\x3b\x3d\x3f-\x5b\x5d-\x7e]*$/;
const NON_ASCII = /[^\x00-\x7f]/;

/**
 * The same text, flattened: a fragment kept for reuse is joined into line after line, and V8 copies a
 * rope's pieces anew every time a line holding it is flattened (when the file system encodes it), so
 * what is remembered is made one piece once. (Reading a character flattens a string in place.)
 */
export function flat(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}

/** Whether encoding/json writes `s` as is between quotes. */
export const jsonSafe = (s: string): boolean => JSON_SAFE.test(s);

/** A string that occurs once (an audit ID, a uid, a message): checked and escaped, never remembered. */
export function str(s: string): string {
  if (JSON_SAFE.test(s)) return `"${s}"`;
  const out = goJsonString(s);
  if (!rawNonAscii && NON_ASCII.test(out)) rawNonAscii = true;
  return out;
}

// Encodings of values that recur from event to event (verbs, URIs of periodic requests, user names,
// groups, user agents, resources, namespaces, annotation values), HTML-escaped ones included.
const MAX_CACHED = 8192;
const recurring = new Map<string, string>();

/** A string that recurs: its encoding is remembered (when it is ASCII, so the byte count stays exact). */
export function rstr(s: string): string {
  const known = recurring.get(s);
  if (known !== undefined) return known;
  const out = JSON_SAFE.test(s) ? `"${s}"` : goJsonString(s);
  if (NON_ASCII.test(out)) {
    rawNonAscii = true;
    return out;
  }
  if (s.length <= 1024) {
    if (recurring.size >= MAX_CACHED) recurring.clear();
    recurring.set(s, flat(out));
  }
  return out;
}

export function stringArray(xs: readonly string[]): string {
  if (xs.length === 1) return `[${rstr(xs[0])}]`;
  let out = '[';
  for (let i = 0; i < xs.length; i++) out += i === 0 ? rstr(xs[i]) : `,${rstr(xs[i])}`;
  return `${out}]`;
}

/** Go's map-key order: bytewise on UTF-8, i.e. by code point (JS's default sort is by UTF-16 unit). */
export function goKeyLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y;
    // Surrogates: astral code points sort after U+E000..U+FFFF, and a lone one is U+FFFD in Go's bytes.
    return compareCodePoints(a, b) < 0;
  }
  return a.length < b.length;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

function compareCodePoints(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** The keys of a map in Go's order (usually already so: annotation objects are built in order). */
export function goSortedKeys(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m);
  for (let i = 1; i < keys.length; i++) {
    if (goKeyLess(keys[i], keys[i - 1])) return keys.sort((a, b) => (goKeyLess(a, b) ? -1 : goKeyLess(b, a) ? 1 : 0));
  }
  return keys;
}

// Request and response bodies are plain JSON data (decoded JSON or YAML, or objects the store built).
// They are written member by member: on Node 20 that is about twice as fast as JSON.stringify plus a
// scan for what Go escapes differently, and Go's escaping happens on the way. Keys and short values
// recur from body to body ("kind", "v1", label values, image names): their encodings are remembered.
// What is not plain data (a cycle, a BigInt, a Date, a class instance) gets JSON.stringify's rules,
// through goJsonValue, as before.

class NotPlainJson extends Error {}
const NOT_PLAIN = new NotPlainJson('not plain JSON data');
const MAX_BODY_DEPTH = 512;
const MAX_BODY_CACHED = 4096;
const bodyStrings = new Map<string, string>();

/**
 * A member name of body objects, written `{"name":` when it comes first and `,"name":` after; and the
 * whole member for short string values that recur (`,"kind":"Pod"`), so a body is few pieces to join.
 */
interface MemberName {
  first: string;
  later: string;
  strings: Map<string, { first: string; later: string }>;
}
const memberNames = new Map<string, MemberName>();
// Whole string members remembered, all names together: bounded, forgotten all at once when full.
const MAX_STRING_MEMBERS = 16384;
let stringMembers = 0;

function memberName(k: string): MemberName {
  const known = memberNames.get(k);
  if (known !== undefined) return known;
  const encoded = JSON_SAFE.test(k) ? `"${k}"` : goJsonString(k);
  const name: MemberName = { first: flat(`{${encoded}:`), later: flat(`,${encoded}:`), strings: new Map() };
  if (NON_ASCII.test(encoded)) rawNonAscii = true;
  else if (k.length <= 64) {
    if (memberNames.size >= MAX_BODY_CACHED) forgetMemberNames();
    memberNames.set(k, name);
  }
  return name;
}

function forgetMemberNames(): void {
  memberNames.clear();
  stringMembers = 0;
}

function stringMember(name: MemberName, v: string, first: boolean): string {
  const known = name.strings.get(v);
  if (known !== undefined) return first ? known.first : known.later;
  const nonAsciiBefore = rawNonAscii;
  rawNonAscii = false;
  const encoded = bodyString(v);
  const member = { first: flat(name.first + encoded), later: flat(name.later + encoded) };
  if (!rawNonAscii && v.length <= 64) {
    if (stringMembers >= MAX_STRING_MEMBERS) forgetMemberNames();
    name.strings.set(v, member);
    stringMembers++;
  }
  rawNonAscii ||= nonAsciiBefore;
  return first ? member.first : member.later;
}

function bodyString(s: string): string {
  const short = s.length <= 64;
  if (short) {
    const known = bodyStrings.get(s);
    if (known !== undefined) return known;
  }
  const safe = JSON_SAFE.test(s);
  const out = safe ? `"${s}"` : goJsonString(s);
  if (!safe && NON_ASCII.test(out)) rawNonAscii = true;
  else if (short) {
    if (bodyStrings.size >= MAX_BODY_CACHED) bodyStrings.clear();
    bodyStrings.set(s, flat(out));
  }
  return out;
}

function bodyValue(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return bodyString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null'; // Go's float64 text is ES's; JSON.stringify nulls NaN
    case 'boolean':
      return v ? 'true' : 'false';
    case 'object':
      if (v === null) return 'null';
      if (depth > MAX_BODY_DEPTH) throw NOT_PLAIN;
      return Array.isArray(v) ? bodyArray(v, depth) : bodyObject(v, depth);
    default:
      throw NOT_PLAIN;
  }
}

function bodyArray(a: unknown[], depth: number): string {
  if (a.length === 0) return '[]';
  let out = '[';
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const t = typeof x;
    // JSON.stringify writes holes, undefined, functions and symbols in arrays as null.
    const item = t === 'undefined' || t === 'function' || t === 'symbol' ? 'null' : bodyValue(x, depth + 1);
    out += i === 0 ? item : `,${item}`;
  }
  return `${out}]`;
}

function bodyObject(o: object, depth: number): string {
  const proto = Object.getPrototypeOf(o);
  if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN; // toJSON, getters, boxed values
  const m = o as Record<string, unknown>;
  let out = '';
  for (const k in m) {
    const x = m[k];
    const t = typeof x;
    if (t === 'undefined' || t === 'function' || t === 'symbol') continue; // as JSON.stringify skips them
    const name = memberName(k);
    if (t === 'string') out += stringMember(name, x as string, out === '');
    else out += (out === '' ? name.first : name.later) + bodyValue(x, depth + 1);
  }
  return out === '' ? '{}' : `${out}}`;
}

/** A request or response body as encoding/json writes the JSON it came from. */
export function bodyJson(v: JsonValue): string {
  const nonAsciiBefore = rawNonAscii;
  try {
    return bodyValue(v, 0);
  } catch (e) {
    if (!(e instanceof NotPlainJson)) throw e;
  }
  rawNonAscii = nonAsciiBefore;
  resetNonAsciiSeen();
  const out = goJsonValue(v);
  if (nonAsciiSeen()) rawNonAscii = true;
  return out;
}

/** Forget whether non-ASCII text was written (call before encoding one line). */
export function beginLine(): void {
  rawNonAscii = false;
}

/** Whether the text encoded since beginLine holds raw non-ASCII characters (then count its bytes). */
export function lineHasNonAscii(): boolean {
  return rawNonAscii;
}

/** Record that the line holds raw non-ASCII text (restoring the flag around a nested measurement). */
export function markNonAscii(): void {
  rawNonAscii = true;
}
