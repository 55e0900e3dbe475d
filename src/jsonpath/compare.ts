// Filter comparisons with the rules of client-go's forked text/template funcs (eq, ne, lt, le, gt, ge).
//
// Only same-kind basic values compare: int64 with int64, float64 with float64, string with string,
// bool with bool (equality only). `@.replicas=="3"` is "incompatible types for comparison", not false.

import { compareGoStrings, type GoValue } from './go-values';

export type CompareResult = { ok: true; pass: boolean } | { ok: false; error: string };

type BasicKind = 'bool' | 'int' | 'float' | 'string';

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function basicKind(v: GoValue): BasicKind | null {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(v) ? 'int' : 'float';
    case 'string':
      return 'string';
    default:
      return null;
  }
}

function equal(a: GoValue, b: GoValue): CompareResult {
  const ka = basicKind(a);
  if (ka === null) return { ok: false, error: errBadComparisonType };
  const kb = basicKind(b);
  if (kb === null) return { ok: false, error: errBadComparisonType };
  if (ka !== kb) return { ok: false, error: errBadComparison };
  return { ok: true, pass: a === b };
}

function less(a: GoValue, b: GoValue): CompareResult {
  const ka = basicKind(a);
  if (ka === null) return { ok: false, error: errBadComparisonType };
  const kb = basicKind(b);
  if (kb === null) return { ok: false, error: errBadComparisonType };
  if (ka !== kb) return { ok: false, error: errBadComparison };
  if (ka === 'bool') return { ok: false, error: errBadComparisonType };
  if (ka === 'string') return { ok: true, pass: compareGoStrings(a as string, b as string) < 0 };
  return { ok: true, pass: (a as number) < (b as number) };
}

function not(r: CompareResult): CompareResult {
  return r.ok ? { ok: true, pass: !r.pass } : r;
}

function lessEqual(a: GoValue, b: GoValue): CompareResult {
  const lt = less(a, b);
  if (!lt.ok || lt.pass) return lt;
  return equal(a, b);
}

/** Null when the operator is not one kubectl knows (the caller reports "unrecognized filter operator"). */
export function compareByOperator(operator: string, left: GoValue, right: GoValue): CompareResult | null {
  switch (operator) {
    case '<':
      return less(left, right);
    case '>': {
      const le = lessEqual(left, right);
      return le.ok ? { ok: true, pass: !le.pass } : { ok: false, error: le.error };
    }
    case '==':
      return equal(left, right);
    case '!=':
      return not(equal(left, right));
    case '<=':
      return lessEqual(left, right);
    case '>=':
      return not(less(left, right));
    default:
      return null;
  }
}
