// Writes the conditions of one rule-index slot as a single JavaScript function: first matching rule wins.
//
// A tree of closures pays a call per node and per field; one function per slot lets V8 inline the
// field extractors at each check and keeps intermediate results in registers. The source holds only
// generated names and fixed operator tokens: every value from a rules file (strings, sets, field
// extractors, general tests) is passed in as a constant, never written into the source.
//
// Semantics are those of compileFilter/planCheck: each check is the plan's fast test when the value
// has the fast path's type, else the plan's general test (a check without a fast path is its general
// test of the value). Subtrees several rules share, and field values that several checks read, are
// computed at most once per call: extraction is pure and the event cannot change during a call.
import type { Expr } from '../condition/ast';
import type { FieldRegistry } from '../fields/types';
import { planCheck } from './check';
import { fastTestSource } from './fast-check';
import { bindField } from './filter';

/** Index of the first entry whose condition holds (among those `mask` allows), or -1. */
export type SlotMatcher = (e: unknown, mask: Uint8Array | null) => number;

/** Rules per generated function: keeps each function small enough for V8 to optimise. */
const RULES_PER_FUNCTION = 32;

class Writer {
  readonly constants: unknown[] = [];
  private readonly sharedNames = new Map<Expr, number>();
  readonly sharedFunctions: string[] = [];
  /** Field reads (by field and argument) that occur more than once: kept in `x<n>` for the call. */
  readonly valueNames = new Map<string, string>();

  constructor(
    private readonly fields: FieldRegistry<unknown>,
    private readonly shared: ReadonlySet<Expr>,
    trees: ReadonlyArray<Expr | true>,
  ) {
    const reads = new Map<string, number>();
    const seen = new Set<Expr>();
    const walk = (e: Expr): void => {
      if (this.shared.has(e)) {
        if (seen.has(e)) return;
        seen.add(e);
      }
      if (e.kind === 'and' || e.kind === 'or') e.children.forEach(walk);
      else if (e.kind === 'not') walk(e.child);
      else if (e.kind === 'unary' || e.kind === 'binary') {
        const key = this.readKey(e);
        reads.set(key, (reads.get(key) ?? 0) + 1);
      }
    };
    for (const t of trees) if (t !== true) walk(t);
    for (const [key, n] of reads) if (n > 1) this.valueNames.set(key, `x${this.valueNames.size}`);
  }

  private readKey(e: Expr & { kind: 'unary' | 'binary' }): string {
    const bound = bindField(this.fields, e.field.name, e.field.arg);
    return JSON.stringify([bound.def.name, bound.arg ?? null]);
  }

  /** The field's value: read once per call when several checks use it. */
  private read(e: Expr & { kind: 'unary' | 'binary' }, get: string, arg: string): string {
    const x = this.valueNames.get(this.readKey(e));
    return x === undefined ? `${get}(e, ${arg})` : `(${x} !== UNREAD ? ${x} : (${x} = ${get}(e, ${arg})))`;
  }

  /** Count of memo variables: `s<n>` is 0 until computed, then 1 (true) or 2 (false). */
  get sharedCount(): number {
    return this.sharedNames.size;
  }

  private constant(x: unknown): string {
    this.constants.push(x);
    return `k${this.constants.length - 1}`;
  }

  expr(e: Expr): string {
    if (!this.shared.has(e)) return this.node(e);
    let n = this.sharedNames.get(e);
    if (n === undefined) {
      n = this.sharedNames.size;
      this.sharedNames.set(e, n);
      // Written after registering, so nested shared subtrees get their own (lower-level) function.
      this.sharedFunctions.push(`function f${n}(e) {\n  let v;\n  return ${this.node(e)};\n}`);
    }
    return `((s${n} === 0 ? (s${n} = f${n}(e) ? 1 : 2) : s${n}) === 1)`;
  }

  private node(e: Expr): string {
    switch (e.kind) {
      case 'and':
        return `(${e.children.map((c) => this.expr(c)).join(' && ')})`;
      case 'or':
        return `(${e.children.map((c) => this.expr(c)).join(' || ')})`;
      case 'not':
        return `!${this.expr(e.child)}`;
      case 'identifier':
        throw new Error(`macro ${e.name} left in a compiled condition`);
      case 'unary':
      case 'binary': {
        const bound = bindField(this.fields, e.field.name, e.field.arg);
        const values = e.kind === 'unary' ? [] : e.value.kind === 'list' ? e.value.values : [e.value.value];
        const plan = planCheck(bound, e.op, values);
        const value = this.read(e, this.constant(plan.get), this.constant(plan.arg));
        const general = this.constant(plan.general);
        // Without a fast path the plan's predicate is exactly general(get(e, arg)).
        if (plan.fast === null) return `${general}(${value})`;
        const k = this.constant(plan.fast.constant);
        return `(v = ${value}, typeof v === '${plan.fast.type}' ? ${fastTestSource(plan.fast, 'v', k)} : ${general}(v))`;
      }
    }
  }
}

function generateChunk(trees: ReadonlyArray<Expr | true>, from: number, fields: FieldRegistry<unknown>, shared: ReadonlySet<Expr>): SlotMatcher {
  const w = new Writer(fields, shared, trees);
  const tests: string[] = [];
  trees.forEach((t, j) => {
    const i = from + j;
    tests.push(`  if ((mask === null || mask[${i}] === 1) && ${t === true ? 'true' : w.expr(t)}) return ${i};`);
  });
  const memo = Array.from({ length: w.sharedCount }, (_, n) => `s${n} = 0`);
  for (const x of w.valueNames.values()) memo.push(`${x} = UNREAD`);
  const source = [
    "'use strict';",
    'const UNREAD = {};',
    ...w.constants.map((_, n) => `const k${n} = K[${n}];`),
    memo.length > 0 ? `let ${memo.join(', ')};` : '',
    ...w.sharedFunctions,
    'return function match(e, mask) {',
    memo.length > 0 ? `  ${memo.join('; ')};` : '',
    '  let v;',
    ...tests,
    '  return -1;',
    '};',
  ].join('\n');
  // Generated code is the point of this module; its source contains no text from any rules file.
  const factory = new Function('K', source) as (k: unknown[]) => SlotMatcher;
  return factory(w.constants);
}

/**
 * Matchers for the trees (`true` for a rule that always matches in the slot), in order; call them in
 * turn until one returns an index. Null when code cannot be generated here (the caller then uses
 * the closures of compileFilter).
 */
export function generateMatchers(trees: ReadonlyArray<Expr | true>, fields: FieldRegistry<unknown>, shared: ReadonlySet<Expr>): SlotMatcher[] | null {
  try {
    const out: SlotMatcher[] = [];
    for (let from = 0; from < trees.length; from += RULES_PER_FUNCTION) {
      out.push(generateChunk(trees.slice(from, from + RULES_PER_FUNCTION), from, fields, shared));
    }
    return out;
  } catch {
    // A runtime that forbids generated code (a locked-down embedder): fall back, same results.
    return null;
  }
}
