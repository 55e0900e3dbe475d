// One field check compiled to a predicate, with libsinsp's type rules and value-parsing errors.
import type { BinaryOp, CheckOp } from '../condition/ast';
import type { BoundField, FieldScalar, FieldType, FieldValue } from '../fields/types';
import { isNumericType } from '../fields/types';
import { compileGlob, compilePathPrefixes } from './glob';
import type { FastPath, Getter } from './fast-check';
import { fastCheck } from './fast-check';

/** A check that cannot compile; the message is libsinsp's wording. */
export class CheckCompileError extends Error {}

export type Predicate<E> = (e: E) => boolean;

type ScalarTest = (v: FieldScalar) => boolean;

const fail = (msg: string): never => {
  throw new CheckCompileError(msg);
};

function parseNumber(t: FieldType, s: string): number {
  if (t === 'double') {
    const n = Number(s);
    if (s.trim() === '' || Number.isNaN(n)) fail(`${s} is not a valid number`);
    return n;
  }
  // sscanf("%lu%c") semantics: the whole text must be one decimal integer.
  if (!/^[+-]?[0-9]+$/.test(s)) fail(`${s} is not a valid number`);
  return Number(s);
}

function parseBool(s: string): boolean {
  if (s === 'true') return true;
  if (s === 'false') return false;
  return fail(`filter error: unrecognized boolean value ${s}`);
}

/** Dotted-quad text to a 32-bit number, or null (exactly `d{1,3}.d{1,3}.d{1,3}.d{1,3}`, each ≤ 255). */
function parseIpv4(s: string): number | null {
  let ip = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (++digits > 3) return null;
      part = part * 10 + (c - 48);
    } else if (c === 46 && digits > 0 && dots < 3) {
      if (part > 255) return null;
      ip = ip * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else return null;
  }
  if (dots !== 3 || digits === 0 || part > 255) return null;
  return ip * 256 + part;
}

// Network checks read the same few addresses over and over.
const ipByText = new Map<string, number | null>();
const MAX_IPS = 4096;

function ipv4ToInt(s: string): number | null {
  let ip = ipByText.get(s);
  if (ip === undefined) {
    ip = parseIpv4(s);
    if (ipByText.size >= MAX_IPS) ipByText.clear();
    ipByText.set(s, ip);
  }
  return ip;
}

function parseIp(s: string): string {
  if (ipv4ToInt(s) !== null) return s;
  if (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s)) return s.toLowerCase();
  return fail(`unrecognized IP address ${s}`);
}

interface Net {
  base: number;
  mask: number;
}

function parseNet(s: string): Net {
  const [addr, bits] = s.split('/');
  const base = ipv4ToInt(addr ?? '');
  const n = bits === undefined ? 32 : Number(bits);
  if (base === null || !/^[0-9]*$/.test(bits ?? '') || n < 0 || n > 32) return fail(`unrecognized IP network ${s}`);
  const mask = n === 0 ? 0 : (0xffffffff << (32 - n)) >>> 0;
  return { base: (base & mask) >>> 0, mask };
}

function unhex(s: string): string {
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) fail('filter error: bcontains and bstartswith operator support hex strings only');
  let out = '';
  for (let i = 0; i < s.length; i += 2) out += String.fromCharCode(parseInt(s.slice(i, i + 2), 16));
  return out;
}

function stringTest(op: BinaryOp, values: string[]): ScalarTest {
  const v0 = values[0] ?? '';
  switch (op) {
    case '=':
    case '==':
      return (v) => v === v0;
    case '!=':
      return (v) => v !== v0;
    case '<':
      return (v) => String(v) < v0;
    case '<=':
      return (v) => String(v) <= v0;
    case '>':
      return (v) => String(v) > v0;
    case '>=':
      return (v) => String(v) >= v0;
    case 'contains':
      return (v) => String(v).includes(v0);
    case 'icontains': {
      const low = v0.toLowerCase();
      return (v) => String(v).toLowerCase().includes(low);
    }
    case 'startswith':
      return (v) => String(v).startsWith(v0);
    case 'endswith':
      return (v) => String(v).endsWith(v0);
    case 'glob': {
      const m = compileGlob(v0);
      return (v) => m(String(v));
    }
    case 'bcontains': {
      const bytes = unhex(v0);
      return (v) => String(v).includes(bytes);
    }
    case 'bstartswith': {
      const bytes = unhex(v0);
      return (v) => String(v).startsWith(bytes);
    }
    case 'in':
    case 'intersects': {
      const set = new Set(values);
      return (v) => set.has(String(v));
    }
    case 'pmatch': {
      const m = compilePathPrefixes(values);
      return (v) => m(String(v));
    }
  }
}

function numericTest(t: FieldType, op: BinaryOp, values: string[]): ScalarTest {
  const nums = values.map((s) => parseNumber(t, s));
  const n0 = nums[0] ?? 0;
  const num = (v: FieldScalar): number => (typeof v === 'number' ? v : Number(v));
  switch (op) {
    case '=':
    case '==':
      return (v) => num(v) === n0;
    case '!=':
      return (v) => num(v) !== n0;
    case '<':
      return (v) => num(v) < n0;
    case '<=':
      return (v) => num(v) <= n0;
    case '>':
      return (v) => num(v) > n0;
    case '>=':
      return (v) => num(v) >= n0;
    case 'in':
    case 'intersects': {
      const set = new Set(nums);
      return (v) => set.has(num(v));
    }
    default:
      return fail(`'${op}' not supported for numeric filters`);
  }
}

function boolTest(op: BinaryOp, values: string[]): ScalarTest {
  const bools = values.map(parseBool);
  const b0 = bools[0] ?? false;
  switch (op) {
    case '=':
    case '==':
      return (v) => v === b0;
    case '!=':
      return (v) => v !== b0;
    case 'in':
    case 'intersects':
      return (v) => bools.includes(v === true);
    default:
      return fail(`'${op}' not supported for numeric filters`);
  }
}

function ipTest(op: BinaryOp, values: string[]): ScalarTest {
  const ips = new Set(values.map(parseIp));
  switch (op) {
    case '=':
    case '==':
    case 'in':
    case 'intersects':
      return (v) => ips.has(String(v));
    case '!=':
      return (v) => !ips.has(String(v));
    default:
      return fail(`'${op}' not supported for ipv4 addresses`);
  }
}

function netTest(op: BinaryOp, values: string[]): ScalarTest {
  const nets = values.map(parseNet);
  const inside = (v: FieldScalar): boolean => {
    const ip = ipv4ToInt(String(v));
    if (ip === null) return false;
    for (const n of nets) if (((ip & n.mask) >>> 0) === n.base) return true;
    return false;
  };
  switch (op) {
    case '=':
    case '==':
    case 'in':
    case 'intersects':
      return inside;
    case '!=':
      return (v) => !inside(v);
    default:
      return fail(`'${op}' not supported for ipv4 networks`);
  }
}

function scalarTest(t: FieldType, op: BinaryOp, values: string[]): ScalarTest {
  if (isNumericType(t)) return numericTest(t, op, values);
  if (t === 'bool') return boolTest(op, values);
  if (t === 'ipaddr') return ipTest(op, values);
  if (t === 'ipnet') return netTest(op, values);
  return stringTest(op, values);
}

/** How a compiled check reads its field and decides, for callers that generate code around it. */
export interface CheckPlan<E> {
  get: Getter<E>;
  arg: string | undefined;
  /** The whole check. */
  predicate: Predicate<E>;
  /** When set: values of `fast.type` are decided by `fast`, every other value by `general`. */
  fast: FastPath | null;
  general: (v: FieldValue | undefined) => boolean;
}

/**
 * Compiles `field op values` to a predicate. A value that can't be extracted fails every operator
 * (including `!=`); `exists` is true exactly when the value can be extracted.
 */
export function compileCheck<E>(field: BoundField<E>, op: CheckOp, values: string[]): Predicate<E> {
  return planCheck(field, op, values).predicate;
}

export function planCheck<E>(field: BoundField<E>, op: CheckOp, values: string[]): CheckPlan<E> {
  const { def, arg } = field;
  const get = def.extract;
  const plan = (predicate: Predicate<E>, general: (v: FieldValue | undefined) => boolean, fast: FastPath | null = null): CheckPlan<E> => ({ get, arg, predicate, fast, general });
  if (op === 'exists') {
    const present = (v: FieldValue | undefined): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
    return plan((e) => present(get(e, arg)), present);
  }
  const test = scalarTest(def.type, op, values);
  if (def.multi === 'list' && op === 'in') {
    const all = (v: FieldValue | undefined): boolean => Array.isArray(v) && v.length > 0 && v.every(test);
    return plan((e) => all(get(e, arg)), all);
  }
  const general = (v: FieldValue | undefined): boolean => {
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) return v.some(test);
    return test(v);
  };
  const fast = fastPathOf(def.type, op, values);
  return plan(fast ? fastCheck(fast, get, arg, general) : (e) => general(get(e, arg)), general, fast);
}

/** The fast path of the commonest checks: the operator on the value type they nearly always see. */
function fastPathOf(t: FieldType, op: BinaryOp, values: string[]): FastPath | null {
  if (t === 'charbuf' || t === 'fspath') {
    const s0 = values[0] ?? '';
    switch (op) {
      case '=':
      case '==':
        return { type: 'string', op: '===', constant: s0 };
      case '!=':
        return { type: 'string', op: '!==', constant: s0 };
      case 'contains':
        return { type: 'string', op: 'includes', constant: s0 };
      case 'startswith':
        return { type: 'string', op: 'startsWith', constant: s0 };
      case 'endswith':
        return { type: 'string', op: 'endsWith', constant: s0 };
      case 'in':
      case 'intersects':
        return { type: 'string', op: 'has', constant: new Set(values) };
      default:
        return null;
    }
  }
  if (isNumericType(t)) {
    const n0 = parseNumber(t, values[0] ?? '0');
    switch (op) {
      case '=':
      case '==':
        return { type: 'number', op: '===', constant: n0 };
      case '!=':
        return { type: 'number', op: '!==', constant: n0 };
      case '<':
      case '<=':
      case '>':
      case '>=':
        return { type: 'number', op, constant: n0 };
      default:
        return null;
    }
  }
  if (t === 'bool' && (op === '=' || op === '==' || op === '!=')) {
    // `!= true` is `=== false` for a boolean value.
    return { type: 'boolean', op: '===', constant: parseBool(values[0] ?? '') === (op !== '!=') };
  }
  return null;
}
