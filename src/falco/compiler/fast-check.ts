// The fast path of a field check: one operator on the value type the field nearly always yields.
//
// Any other value (unextractable, a list, another type) goes to the check's general test, so a fast
// path never changes a result. Closures here; compiler/codegen.ts writes the same tests inline.
import type { FieldValue } from '../fields/types';
import type { Predicate } from './check';

export type Getter<E> = (e: E, arg: string | undefined) => FieldValue | undefined;

export type FastPath =
  | { type: 'string'; op: '===' | '!==' | 'includes' | 'startsWith' | 'endsWith'; constant: string }
  | { type: 'string'; op: 'has'; constant: ReadonlySet<string> }
  | { type: 'number'; op: '===' | '!==' | '<' | '<=' | '>' | '>='; constant: number }
  | { type: 'boolean'; op: '==='; constant: boolean };

type General = (v: FieldValue | undefined) => boolean;

/** Each operator gets its own closure so the engine's hot checks stay monomorphic. */
export function fastCheck<E>(fp: FastPath, get: Getter<E>, arg: string | undefined, general: General): Predicate<E> {
  if (fp.type === 'string') {
    if (fp.op === 'has') {
      const set = fp.constant;
      return (e) => {
        const v = get(e, arg);
        return typeof v === 'string' ? set.has(v) : general(v);
      };
    }
    const k = fp.constant;
    switch (fp.op) {
      case '===':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'string' ? v === k : general(v);
        };
      case '!==':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'string' ? v !== k : general(v);
        };
      case 'includes':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'string' ? v.includes(k) : general(v);
        };
      case 'startsWith':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'string' ? v.startsWith(k) : general(v);
        };
      case 'endsWith':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'string' ? v.endsWith(k) : general(v);
        };
    }
  }
  if (fp.type === 'number') {
    const k = fp.constant;
    switch (fp.op) {
      case '===':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v === k : general(v);
        };
      case '!==':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v !== k : general(v);
        };
      case '<':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v < k : general(v);
        };
      case '<=':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v <= k : general(v);
        };
      case '>':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v > k : general(v);
        };
      case '>=':
        return (e) => {
          const v = get(e, arg);
          return typeof v === 'number' ? v >= k : general(v);
        };
    }
  }
  const want = fp.constant;
  return (e) => {
    const v = get(e, arg);
    return typeof v === 'boolean' ? v === want : general(v);
  };
}

/** JavaScript for the fast test of `v`, the constant being the variable named `k`. */
export function fastTestSource(fp: FastPath, v: string, k: string): string {
  switch (fp.op) {
    case 'has':
      return `${k}.has(${v})`;
    case 'includes':
    case 'startsWith':
    case 'endsWith':
      return `${v}.${fp.op}(${k})`;
    default:
      return `${v} ${fp.op} ${k}`;
  }
}
