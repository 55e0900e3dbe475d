// A second index level inside a rule slot: by the values of the few text fields the slot's rules test.
//
// Most rules demand something of a name or path first (`proc.name in (shell_binaries)`,
// `fd.name startswith /etc/`, `fd.directory in (…)`). From each rule's tree we derive a test on
// those values alone that holds whenever the rule can hold; for one combination of values, rules
// whose test fails need not run. The resulting mask is worked out once per combination and kept.
import type { Expr } from '../condition/ast';
import type { FieldDef, FieldRegistry, FieldValue } from '../fields/types';
import { planCheck } from './check';
import { bindField } from './filter';
import { FEW_VALUES, leafEstimate } from './order';

/** Remembered value combinations per slot before the memory is dropped and rebuilt. */
const MAX_COMBINATIONS = 4096;
/** Fields read per event for the index. */
const MAX_FIELDS = 3;
/** An index must let events skip about this many rules of the slot, and each field one more. */
const MIN_SKIPPED_RULES = 2;
const MIN_GAIN = 1;
/** Sampling window for the miss rate; above MAX_MISS_RATE the index costs more than it saves. */
const WINDOW = 4096;
const MAX_MISS_RATE = 0.25;

export interface IndexField {
  def: FieldDef<unknown>;
  arg: string | undefined;
}

type Values = ReadonlyArray<FieldValue | undefined>;

/** A test on the index fields' values that holds whenever the tree holds; null when unknown (always try). */
interface Approx {
  test: ((vals: Values) => boolean) | null;
  /** The test is the tree's exact value (the tree reads only index fields). */
  exact: boolean;
}

const UNKNOWN: Approx = { test: null, exact: false };

type Chance = { p: number; exact: boolean };

/** order.ts's rough chance that `approximate(e, keys).test` passes (1 when it is unknown). */
function passChance(e: Expr, isKey: (e: Expr & { kind: 'unary' | 'binary' }) => boolean, done: Map<Expr, Chance>): Chance {
  // Macro trees are shared objects, often used many times over.
  let c = done.get(e);
  if (c === undefined) {
    c = chanceOf(e, isKey, done);
    done.set(e, c);
  }
  return c;
}

function chanceOf(e: Expr, isKey: (e: Expr & { kind: 'unary' | 'binary' }) => boolean, done: Map<Expr, Chance>): Chance {
  switch (e.kind) {
    case 'and': {
      let p = 1;
      let exact = true;
      for (const c of e.children) {
        const x = passChance(c, isKey, done);
        p *= x.p;
        exact &&= x.exact;
      }
      return { p, exact };
    }
    case 'or': {
      let q = 1;
      let exact = true;
      for (const c of e.children) {
        const x = passChance(c, isKey, done);
        q *= 1 - x.p;
        exact &&= x.exact;
      }
      return { p: 1 - q, exact };
    }
    case 'not': {
      const x = passChance(e.child, isKey, done);
      return x.exact ? { p: 1 - x.p, exact: true } : { p: 1, exact: false };
    }
    case 'unary':
    case 'binary':
      return isKey(e) ? { p: leafEstimate(e).p, exact: true } : { p: 1, exact: false };
    case 'identifier':
      return { p: 1, exact: false };
  }
}

function approximate(e: Expr, keys: readonly IndexField[], fields: FieldRegistry<unknown>): Approx {
  switch (e.kind) {
    case 'and': {
      const parts = e.children.map((c) => approximate(c, keys, fields));
      const tests = parts.flatMap((p) => (p.test === null ? [] : [p.test]));
      const exact = parts.every((p) => p.exact);
      return tests.length === 0 ? { test: null, exact } : { test: (v) => tests.every((t) => t(v)), exact };
    }
    case 'or': {
      const parts = e.children.map((c) => approximate(c, keys, fields));
      if (parts.some((p) => p.test === null)) return UNKNOWN;
      const tests = parts.map((p) => p.test as (vals: Values) => boolean);
      return { test: (v) => tests.some((t) => t(v)), exact: parts.every((x) => x.exact) };
    }
    case 'not': {
      const inner = approximate(e.child, keys, fields);
      const t = inner.test;
      return inner.exact && t !== null ? { test: (v) => !t(v), exact: true } : UNKNOWN;
    }
    case 'unary':
    case 'binary': {
      const bound = bindField(fields, e.field.name, e.field.arg);
      const j = keys.findIndex((k) => k.def === bound.def && k.arg === bound.arg);
      if (j < 0) return UNKNOWN;
      const values = e.kind === 'unary' ? [] : e.value.kind === 'list' ? e.value.values : [e.value.value];
      // A check is its general test of the extracted value (planCheck's contract), so this is exact.
      const general = planCheck(bound, e.op, values).general;
      return { test: (v) => general(v[j]), exact: true };
    }
    case 'identifier':
      return UNKNOWN;
  }
}

/** Text fields with one value and no list semantics, which tell events apart. */
function indexable(def: FieldDef<unknown>): boolean {
  return (def.type === 'charbuf' || def.type === 'fspath') && def.multi === undefined && !FEW_VALUES.has(def.name);
}

/**
 * Indexable fields the tree tests outside any `not`, keyed by field and argument. Fields tested only
 * under `not` (exception lists) rule out too few events to be worth indexing on.
 */
function positiveFields(e: Expr, fields: FieldRegistry<unknown>, out: Map<string, IndexField>): void {
  if (e.kind === 'and' || e.kind === 'or') for (const c of e.children) positiveFields(c, fields, out);
  else if (e.kind === 'unary' || e.kind === 'binary') {
    const bound = fields.resolve(e.field.name, e.field.arg);
    if (bound && indexable(bound.def)) out.set(fieldKey(bound.def, bound.arg), { def: bound.def, arg: bound.arg });
  }
}

const fieldKey = (def: FieldDef<unknown>, arg: string | undefined): string => `${def.name}\0${arg ?? ''}`;

type Mask = Uint8Array;
type Level = Map<string | null, Level | Mask>;

/** Which entries of a slot an event can match, as a mask (1 = try it), by the index fields' values. */
export class ValueIndex {
  private readonly root: Level = new Map();
  private size = 0;
  private lookups = 0;
  private misses = 0;
  private disabled = false;
  private readonly vals: Array<FieldValue | undefined>;

  private constructor(
    readonly keys: readonly IndexField[],
    /** Per entry: its test on the values, or null. */
    private readonly tests: ReadonlyArray<((vals: Values) => boolean) | null>,
  ) {
    this.vals = keys.map(() => null);
  }

  /** The index that lets the most of `trees` be skipped, or null when none is worth reading fields for. */
  static build(trees: ReadonlyArray<Expr | true>, fields: FieldRegistry<unknown>): ValueIndex | null {
    // Per tree, the fields it tests positively: a tree without any of the keys cannot be skipped.
    const treeFields = trees.map((t) => {
      const m = new Map<string, IndexField>();
      if (t !== true) positiveFields(t, fields, m);
      return m;
    });
    const candidates = new Map<string, IndexField>();
    for (const m of treeFields) for (const [k, f] of m) if (!candidates.has(k)) candidates.set(k, f);
    // Expected number of rules an event skips: each field is read on every event, so it must add.
    const leafKeys = new Map<Expr, string | null>();
    const leafKey = (e: Expr & { kind: 'unary' | 'binary' }): string | null => {
      let k = leafKeys.get(e);
      if (k === undefined) {
        const bound = fields.resolve(e.field.name, e.field.arg);
        k = bound === undefined ? null : fieldKey(bound.def, bound.arg);
        leafKeys.set(e, k);
      }
      return k;
    };
    const skipped = (keys: IndexField[]): number => {
      const names = new Set(keys.map((k) => fieldKey(k.def, k.arg)));
      const isKey = (e: Expr & { kind: 'unary' | 'binary' }): boolean => {
        const k = leafKey(e);
        return k !== null && names.has(k);
      };
      const done = new Map<Expr, Chance>();
      let n = 0;
      trees.forEach((t, i) => {
        if (t !== true && keys.some((k) => treeFields[i].has(fieldKey(k.def, k.arg)))) n += 1 - passChance(t, isKey, done).p;
      });
      return n;
    };
    const keys: IndexField[] = [];
    let best = 0;
    while (keys.length < MAX_FIELDS) {
      let pick: IndexField | null = null;
      let gain = MIN_GAIN;
      for (const c of candidates.values()) {
        if (keys.includes(c)) continue;
        const n = skipped([...keys, c]);
        if (n - best > gain) {
          gain = n - best;
          pick = c;
        }
      }
      if (pick === null) break;
      keys.push(pick);
      best += gain;
    }
    if (best < MIN_SKIPPED_RULES) return null;
    return new ValueIndex(keys, trees.map((t) => (t === true ? null : approximate(t, keys, fields).test)));
  }

  /** The mask for an event; null (try every entry) when the values are not plain texts. */
  maskFor(e: unknown): Mask | null {
    if (this.disabled) return null;
    let level: Level = this.root;
    const last = this.keys.length - 1;
    for (let i = 0; i <= last; i++) {
      const k = this.keys[i];
      const v = k.def.extract(e, k.arg);
      if (v !== null && v !== undefined && typeof v !== 'string') return null;
      const key = v ?? null;
      this.vals[i] = key;
      const next = level.get(key);
      if (next === undefined) return this.miss(e, level, i);
      if (i === last) return this.hit(next as Mask);
      level = next as Level;
    }
    return null;
  }

  private hit(mask: Mask): Mask {
    if (++this.lookups === WINDOW) this.endWindow();
    return mask;
  }

  /** Reads the remaining values, builds their mask and files it below `level` (values up to `depth` known). */
  private miss(e: unknown, level: Level, depth: number): Mask | null {
    this.misses++;
    if (++this.lookups === WINDOW) this.endWindow();
    const vals = this.vals;
    for (let i = depth + 1; i < this.keys.length; i++) {
      const k = this.keys[i];
      const v = k.def.extract(e, k.arg);
      if (v !== null && v !== undefined && typeof v !== 'string') return null;
      vals[i] = v ?? null;
    }
    if (++this.size > MAX_COMBINATIONS) {
      this.root.clear();
      this.size = 0;
      return null;
    }
    const mask = Uint8Array.from(this.tests, (t) => (t === null || t(vals) ? 1 : 0));
    let l = level;
    for (let i = depth; i < this.keys.length - 1; i++) {
      const next: Level = new Map();
      l.set(vals[i] as string | null, next);
      l = next;
    }
    l.set(vals[this.keys.length - 1] as string | null, mask);
    return mask;
  }

  private endWindow(): void {
    // Nearly every event new: distinct paths or command lines; checking the rules costs less.
    if (this.misses > WINDOW * MAX_MISS_RATE) this.disabled = true;
    this.lookups = 0;
    this.misses = 0;
  }
}
