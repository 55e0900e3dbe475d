// One field check compiled to a predicate, with libsinsp's type rules and value-parsing errors.
import { fnmatch } from '../../core/fnmatch';
import type { BinaryOp, CheckOp } from '../condition/ast';
import type { BoundField, FieldScalar, FieldType, FieldValue } from '../fields/types';
import { isNumericType } from '../fields/types';

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

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4ToInt(s: string): number | null {
  const m = IPV4.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
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

/** pmatch: `/etc` matches `/etc` and `/etc/passwd`, never `/etcx` (whole path components). */
function pathPrefixMatcher(prefixes: string[]): (path: string) => boolean {
  const split = (p: string): string[] => p.split('/').filter((c) => c !== '');
  const pre = prefixes.map(split);
  return (path: string) => {
    const comps = split(path);
    return pre.some((p) => p.length <= comps.length && p.every((c, i) => comps[i] === c));
  };
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
    case 'glob':
      return (v) => fnmatch(v0, String(v));
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
      const m = pathPrefixMatcher(values);
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
    return ip !== null && nets.some((n) => ((ip & n.mask) >>> 0) === n.base);
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

/**
 * Compiles `field op values` to a predicate. A value that can't be extracted fails every operator
 * (including `!=`); `exists` is true exactly when the value can be extracted.
 */
export function compileCheck<E>(field: BoundField<E>, op: CheckOp, values: string[]): Predicate<E> {
  const { def, arg } = field;
  const get = def.extract;
  if (op === 'exists') {
    return (e) => {
      const v = get(e, arg);
      return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
    };
  }
  const test = scalarTest(def.type, op, values);
  if (def.multi === 'list' && op === 'in') {
    const all = (v: FieldValue | undefined): boolean => Array.isArray(v) && v.length > 0 && v.every(test);
    return (e) => all(get(e, arg));
  }
  return (e) => {
    const v = get(e, arg);
    if (v === null || v === undefined) return false;
    if (Array.isArray(v)) return v.some(test);
    return test(v);
  };
}
