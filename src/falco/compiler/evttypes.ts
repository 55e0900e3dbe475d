// Which evt.type values can satisfy a condition: for the per-type rule index and the LOAD_NO_EVTTYPE warning.
import type { Expr } from '../condition/ast';

/** A set of syscall names, or the complement of one ("every type except …"). */
export interface EvtTypeSet {
  negated: boolean;
  names: Set<string>;
}

const ALL: EvtTypeSet = { negated: true, names: new Set() };
const NONE: EvtTypeSet = { negated: false, names: new Set() };

function union(a: EvtTypeSet, b: EvtTypeSet): EvtTypeSet {
  if (!a.negated && !b.negated) return { negated: false, names: new Set([...a.names, ...b.names]) };
  if (a.negated && b.negated) return { negated: true, names: new Set([...a.names].filter((n) => b.names.has(n))) };
  const [neg, pos] = a.negated ? [a, b] : [b, a];
  return { negated: true, names: new Set([...neg.names].filter((n) => !pos.names.has(n))) };
}

function complement(a: EvtTypeSet): EvtTypeSet {
  return { negated: !a.negated, names: a.names };
}

function intersect(a: EvtTypeSet, b: EvtTypeSet): EvtTypeSet {
  return complement(union(complement(a), complement(b)));
}

/**
 * The evt.type values for which `e` can be true. Checks on other fields say nothing (all types);
 * negation is exact only for pure evt.type subtrees, as in libsinsp's evttype resolver.
 */
export function evtTypesOf(e: Expr): EvtTypeSet {
  switch (e.kind) {
    case 'and':
      return e.children.map(evtTypesOf).reduce(intersect, ALL);
    case 'or':
      return e.children.map(evtTypesOf).reduce(union, NONE);
    case 'not':
      return onlyEvtType(e.child) ? complement(evtTypesOf(e.child)) : ALL;
    case 'identifier':
    case 'unary':
      return ALL;
    case 'binary': {
      if (e.field.name !== 'evt.type' || e.field.arg !== undefined) return ALL;
      const vals = e.value.kind === 'list' ? e.value.values : [e.value.value];
      if (e.op === '=' || e.op === '==' || e.op === 'in' || e.op === 'intersects') return { negated: false, names: new Set(vals) };
      if (e.op === '!=') return { negated: true, names: new Set(vals) };
      return ALL;
    }
  }
}

/** True when the subtree only tests evt.type, so its complement is meaningful. */
function onlyEvtType(e: Expr): boolean {
  switch (e.kind) {
    case 'and':
    case 'or':
      return e.children.every(onlyEvtType);
    case 'not':
      return onlyEvtType(e.child);
    case 'binary':
      return e.field.name === 'evt.type' && e.field.arg === undefined;
    default:
      return false;
  }
}

/** libsinsp counts event codes (about two per syscall); above 100 the rule is treated as unrestricted. */
export function matchesTooManyEvtTypes(s: EvtTypeSet): boolean {
  return s.negated || s.names.size === 0 || s.names.size * 2 > 100;
}
