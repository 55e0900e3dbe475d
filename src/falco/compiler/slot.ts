// Compiles the rules of one rule-index slot (an evt.type and direction) into one matcher.
//
// Each rule's tree is specialised for the slot (evt.type / evt.dir checks folded away) and its
// operands ordered so the likeliest deciding checks run first (order.ts). The slot's rules are then
// indexed by the values of the text fields they test (value-index.ts) and written out as generated
// functions (codegen.ts), in which macro trees that several rules share (open_write, container…)
// are computed at most once per event.
import type { Expr } from '../condition/ast';
import type { FieldRegistry } from '../fields/types';
import type { Predicate } from './check';
import type { SlotMatcher } from './codegen';
import { generateMatchers } from './codegen';
import { compileFilter } from './filter';
import { orderExpr } from './order';
import type { KnownEvent } from './specialize';
import { specializeExpr } from './specialize';
import { ValueIndex } from './value-index';

/** The rules of one slot that can match there, in load order. */
export interface Slot<R> {
  rules: readonly R[];
  /** Index into `rules` of the first rule that matches the event, or -1. */
  match(e: unknown): number;
}

export interface SlotOptions {
  /** Generate code (the default); false keeps compileFilter's closures, with the same results. */
  generate?: boolean;
}

export function compileSlot<R>(rules: ReadonlyArray<{ rule: R; expr: Expr }>, known: KnownEvent, fields: FieldRegistry<unknown>, opts: SlotOptions = {}): Slot<R> {
  const done = new Map<Expr, Expr | boolean>();
  const specialised: Array<{ rule: R; tree: Expr | true }> = [];
  for (const r of rules) {
    const s = specializeExpr(r.expr, known, fields, done);
    if (s !== false) specialised.push({ rule: r.rule, tree: s });
  }
  const ordered = new Map<Expr, ReturnType<typeof orderExpr>>();
  const sharedBefore = sharedSubtrees(specialised.map((k) => k.tree));
  const trees = specialised.map((k) => (k.tree === true ? k.tree : orderExpr(k.tree, ordered, sharedBefore).expr));

  const index = ValueIndex.build(trees, fields);
  const generated = opts.generate === false ? null : generateMatchers(trees, fields, sharedSubtrees(trees));
  const matchers = generated ?? [closureMatcher(trees, fields)];
  const run = (e: unknown, mask: Uint8Array | null): number => {
    for (let i = 0; i < matchers.length; i++) {
      const r = matchers[i](e, mask);
      if (r >= 0) return r;
    }
    return -1;
  };
  return {
    rules: specialised.map((k) => k.rule),
    match: index === null ? (e) => run(e, null) : (e) => run(e, index.maskFor(e)),
  };
}

/** The same decisions through compileFilter's closures, for runtimes without generated code. */
function closureMatcher(trees: ReadonlyArray<Expr | true>, fields: FieldRegistry<unknown>): SlotMatcher {
  const tests: Predicate<unknown>[] = trees.map((t) => (t === true ? () => true : compileFilter(t, fields)));
  return (e, mask) => {
    for (let i = 0; i < tests.length; i++) if ((mask === null || mask[i] === 1) && tests[i](e)) return i;
    return -1;
  };
}

/** and/or/not nodes (by identity: macro trees are one object) that several of the trees contain. */
function sharedSubtrees(trees: ReadonlyArray<Expr | true>): Set<Expr> {
  const uses = new Map<Expr, number>();
  const count = (e: Expr): void => {
    if (e.kind !== 'and' && e.kind !== 'or' && e.kind !== 'not') return;
    const n = (uses.get(e) ?? 0) + 1;
    uses.set(e, n);
    // Below a subtree seen before, every node was counted already through it.
    if (n > 1) return;
    if (e.kind === 'not') count(e.child);
    else for (const c of e.children) count(c);
  };
  for (const t of trees) if (t !== true) count(t);
  return new Set([...uses].filter(([, n]) => n > 1).map(([e]) => e));
}
