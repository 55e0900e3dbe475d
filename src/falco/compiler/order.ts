// Reorders the operands of and/or so that the checks most likely to decide a node run first.
//
// Every compiled check is pure and total (an unextractable field just makes it false), so operand
// order never changes a result, only how many checks run. Rules are written for readers: they lead
// with broad macros (open_write, container) and put the selective name tests last.
import type { Expr } from '../condition/ast';

export interface Estimate {
  /** Rough chance that the subtree is true for an event of the slot. */
  p: number;
  /** Rough cost in checks. */
  cost: number;
}

/** Fields with a handful of values, where an equality test keeps a large share of events. */
export const FEW_VALUES: ReadonlySet<string> = new Set(['fd.typechar', 'fd.type', 'fd.l4proto', 'fd.sockfamily', 'evt.category', 'evt.res', 'container.type']);

/** A subtree several rules share is evaluated once per event (compiler/slot.ts); later uses are cheap. */
const SHARED_COST = 0.3;

/** Text tests: they run over the value instead of comparing once. */
const SCANNING_OPS = new Set(['contains', 'icontains', 'bcontains', 'glob', 'endswith', 'pmatch']);

export function leafEstimate(e: Expr & { kind: 'unary' | 'binary' }): Estimate {
  if (e.kind === 'unary') return { p: 0.9, cost: 1 };
  const cost = SCANNING_OPS.has(e.op) ? 1.5 : 1;
  switch (e.op) {
    case '!=':
      return { p: 0.9, cost };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return { p: 0.5, cost };
    default: {
      const v = e.value.kind === 'value' ? e.value.value : '';
      // `= true` / `= false` split events roughly in half; equality with a name picks few of them.
      return { p: v === 'true' || v === 'false' || FEW_VALUES.has(e.field.name) ? 0.5 : 0.1, cost };
    }
  }
}

/**
 * `e` with and/or operands sorted by how cheaply they decide the node (a stable sort, so ties keep
 * the written order). `done` memoises by node so a macro tree used by several rules stays one object;
 * `shared` holds the subtrees that will be evaluated once per event.
 */
export function orderExpr(e: Expr, done: Map<Expr, { expr: Expr; est: Estimate }>, shared: ReadonlySet<Expr>): { expr: Expr; est: Estimate } {
  let hit = done.get(e);
  if (hit === undefined) {
    hit = orderNode(e, done, shared);
    done.set(e, hit);
  }
  return shared.has(e) ? { expr: hit.expr, est: { p: hit.est.p, cost: Math.min(hit.est.cost, SHARED_COST) } } : hit;
}

function orderNode(e: Expr, done: Map<Expr, { expr: Expr; est: Estimate }>, shared: ReadonlySet<Expr>): { expr: Expr; est: Estimate } {
  let out: { expr: Expr; est: Estimate };
  switch (e.kind) {
    case 'and':
    case 'or': {
      const kids = e.children.map((c) => orderExpr(c, done, shared));
      // and: a false operand decides; or: a true one does. Lower cost per chance of deciding first.
      const decides = (x: Estimate): number => (e.kind === 'and' ? 1 - x.p : x.p);
      const rank = (x: Estimate): number => x.cost / Math.max(decides(x), 0.01);
      const sorted = kids.map((k, i) => ({ k, i })).sort((a, b) => rank(a.k.est) - rank(b.k.est) || a.i - b.i);
      let cost = 0;
      let reach = 1;
      let p = e.kind === 'and' ? 1 : 0;
      for (const { k } of sorted) {
        cost += reach * k.est.cost;
        reach *= 1 - decides(k.est);
        p = e.kind === 'and' ? p * k.est.p : 1 - (1 - p) * (1 - k.est.p);
      }
      const same = sorted.every(({ k }, i) => k.expr === e.children[i]);
      out = { expr: same ? e : { ...e, children: sorted.map(({ k }) => k.expr) }, est: { p, cost } };
      break;
    }
    case 'not': {
      const c = orderExpr(e.child, done, shared);
      out = { expr: c.expr === e.child ? e : { ...e, child: c.expr }, est: { p: 1 - c.est.p, cost: c.est.cost } };
      break;
    }
    case 'unary':
    case 'binary':
      out = { expr: e, est: leafEstimate(e) };
      break;
    case 'identifier':
      out = { expr: e, est: { p: 0.5, cost: 1 } };
      break;
  }
  return out;
}
