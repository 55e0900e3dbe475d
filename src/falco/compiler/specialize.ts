// Partial evaluation of a syscall condition for one known evt.type and evt.dir, so per-type predicates skip those checks.
//
// The rule index already knows an event's type and direction before any rule runs, and every check
// on `evt.type` / `evt.dir` reads nothing else, so its outcome is fixed per index slot. Folding them
// (and the and/or/not above them) gives the same result as evaluating the whole tree, with fewer checks.
import type { Expr } from '../condition/ast';
import { syscallFields } from '../fields/syscall';
import type { FieldRegistry } from '../fields/types';
import { compileCheck } from './check';
import { bindField } from './filter';

/** The fields fixed within one index slot; their extractors read only `evt.type` and `evt.dir`. */
const FIXED_FIELDS = new Set(['evt.type', 'evt.dir']);

export interface KnownEvent {
  type: string;
  dir: '>' | '<';
}

/**
 * `e` with every check on evt.type / evt.dir replaced by its outcome for `known`: true or false when
 * the whole tree is decided, else the smaller tree. Only for the syscall source's registry.
 */
export function specializeExpr<E>(e: Expr, known: KnownEvent, fields: FieldRegistry<E>, done?: Map<Expr, Expr | boolean>): Expr | boolean {
  if (done === undefined) return specializeNode(e, known, fields, undefined);
  // A macro's tree is one object wherever it is used; memoising keeps the results one object too.
  let s = done.get(e);
  if (s === undefined) {
    s = specializeNode(e, known, fields, done);
    done.set(e, s);
  }
  return s;
}

function specializeNode<E>(e: Expr, known: KnownEvent, fields: FieldRegistry<E>, done: Map<Expr, Expr | boolean> | undefined): Expr | boolean {
  switch (e.kind) {
    case 'and':
    case 'or': {
      // For `and`, a false child decides the node and true children drop out; `or` is the dual.
      const decisive = e.kind === 'or';
      const kept: Expr[] = [];
      for (const c of e.children) {
        const s = specializeExpr(c, known, fields, done);
        if (s === decisive) return decisive;
        if (s !== !decisive) kept.push(s as Expr);
      }
      if (kept.length === 0) return !decisive;
      if (kept.length === 1) return kept[0];
      return kept.length === e.children.length && kept.every((c, i) => c === e.children[i]) ? e : { ...e, children: kept };
    }
    case 'not': {
      const s = specializeExpr(e.child, known, fields, done);
      if (typeof s === 'boolean') return !s;
      return s === e.child ? e : { ...e, child: s };
    }
    case 'unary':
    case 'binary': {
      if (!FIXED_FIELDS.has(e.field.name) || e.field.arg !== undefined) return e;
      const bound = bindField(fields, e.field.name, undefined);
      // Another registry may define these names differently; only the built-in extractors are known.
      if (bound.def !== (syscallFields().get(e.field.name) as unknown)) return e;
      const values = e.kind === 'unary' ? [] : e.value.kind === 'list' ? e.value.values : [e.value.value];
      const check = compileCheck(bound, e.op, values);
      // A stand-in event holding only what these two fields read.
      return check({ evt: { type: known.type, dir: known.dir } } as unknown as E);
    }
    case 'identifier':
      return e;
  }
}
