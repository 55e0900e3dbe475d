// A second index level inside a rule slot: by the value of one text field that many rules require.
//
// Most rules demand a name first (`proc.name in (shell_binaries)`, `fd.directory in (…)`). If every
// way a rule can be true needs the field's value in a known set, events with another value need not
// try that rule at all. Which rules remain is worked out once per distinct value and kept.
import type { Expr } from '../condition/ast';
import type { FieldDef, FieldRegistry, FieldValue } from '../fields/types';

/** Distinct values remembered per slot before the memory is dropped and rebuilt. */
const MAX_VALUES = 4096;

/** The values the field must have for `e` to be true, or null when `e` does not constrain it. */
export function requiredValues<E>(e: Expr, def: FieldDef<E>, fields: FieldRegistry<E>): Set<string> | null {
  switch (e.kind) {
    case 'and': {
      // Any constraining operand constrains the conjunction; the first one is enough.
      for (const c of e.children) {
        const s = requiredValues(c, def, fields);
        if (s !== null) return s;
      }
      return null;
    }
    case 'or': {
      const all = new Set<string>();
      for (const c of e.children) {
        const s = requiredValues(c, def, fields);
        if (s === null) return null;
        for (const v of s) all.add(v);
      }
      return all;
    }
    case 'binary': {
      if (e.field.arg !== undefined || fields.resolve(e.field.name, undefined)?.def !== def || e.field.name !== def.name) return null;
      if (e.op === '=' || e.op === '==') return e.value.kind === 'value' ? new Set([e.value.value]) : null;
      if (e.op === 'in' || e.op === 'intersects') return new Set(e.value.kind === 'list' ? e.value.values : [e.value.value]);
      return null;
    }
    default:
      return null;
  }
}

/** Text fields with a single value: their checks above compare the exact string extracted. */
export function indexableField<E>(def: FieldDef<E>): boolean {
  return (def.type === 'charbuf' || def.type === 'fspath') && def.multi === undefined && def.arg.kind === 'none';
}

/** Which entries of a slot an event can match, as a mask (1 = try it), by the field's value. */
export class ValueIndex {
  private readonly byValue = new Map<string, Uint8Array>();
  /** The entries that demand nothing of the field: all that an unextractable value can match. */
  private readonly unconstrained: Uint8Array;

  constructor(
    private readonly def: FieldDef<unknown>,
    /** Per entry: the values it requires, or null. */
    private readonly required: ReadonlyArray<Set<string> | null>,
  ) {
    this.unconstrained = Uint8Array.from(required, (r) => (r === null ? 1 : 0));
  }

  /** The mask for an event; null (try every entry) when the value is not a plain text. */
  maskFor(e: unknown): Uint8Array | null {
    const v: FieldValue | undefined = this.def.extract(e, undefined);
    if (typeof v === 'string') {
      let mask = this.byValue.get(v);
      if (mask === undefined) {
        mask = Uint8Array.from(this.required, (r) => (r === null || r.has(v) ? 1 : 0));
        if (this.byValue.size >= MAX_VALUES) this.byValue.clear();
        this.byValue.set(v, mask);
      }
      return mask;
    }
    // A missing value fails every = / in check, so only unconstrained entries can match.
    if (v === null || v === undefined) return this.unconstrained;
    return null;
  }
}
