// Field definitions: name → type, argument shape and extractor, per event source (libsinsp filterchecks).

/** libsinsp parameter types that change how a field compares and prints. */
export type FieldType =
  | 'charbuf'
  | 'fspath'
  | 'bytebuf'
  | 'uint64'
  | 'int64'
  | 'uint32'
  | 'int32'
  | 'uint16'
  | 'port'
  | 'bool'
  | 'ipaddr'
  | 'ipnet'
  | 'relativetime'
  | 'abstime'
  | 'double';

/** A scalar extracted from an event; list-valued fields give arrays; null means "not extractable". */
export type FieldScalar = string | number | boolean;
export type FieldValue = FieldScalar | FieldScalar[] | null;

/** How a field takes an argument: `proc.aname[2]`, `evt.arg.flags` / `evt.arg[flags]`, `ka.uri.param[cmd]`. */
export interface ArgSpec {
  kind: 'none' | 'index' | 'key' | 'index-or-key';
  /** The field can't be used without an argument. */
  required: boolean;
  /** The argument may also follow a dot: `evt.arg.flags`, `k8s.pod.label.app`. */
  dotted?: boolean;
}

export interface FieldDef<E> {
  name: string;
  type: FieldType;
  desc: string;
  arg: ArgSpec;
  /** Usable in conditions only (e.g. fd.net); output tokens reject it. */
  filterOnly?: boolean;
  /**
   * Multi-valued: 'any' compares each value and succeeds if one does (proc.aname without index);
   * 'list' follows plugin list semantics (`in` = all values in the set, `intersects` = any).
   */
  multi?: 'any' | 'list';
  extract: (e: E, arg: string | undefined) => FieldValue | undefined;
  /** JSON output form when it differs from the text form (evt.time prints HH:MM:SS but serialises as ns). */
  json?: (e: E, arg: string | undefined) => FieldValue | undefined;
}

/** `^[0-9]+$` without a regular expression: field arguments are tested on every extraction. */
export function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export const NO_ARG: ArgSpec = { kind: 'none', required: false };
export const INDEX_ARG: ArgSpec = { kind: 'index', required: true };

export function isNumericType(t: FieldType): boolean {
  return (
    t === 'uint64' ||
    t === 'int64' ||
    t === 'uint32' ||
    t === 'int32' ||
    t === 'uint16' ||
    t === 'port' ||
    t === 'relativetime' ||
    t === 'abstime' ||
    t === 'double'
  );
}

export function isStringType(t: FieldType): boolean {
  return t === 'charbuf' || t === 'fspath' || t === 'bytebuf';
}

/** A resolved field reference: the definition plus the argument taken from `[…]` or a dotted suffix. */
export interface BoundField<E> {
  def: FieldDef<E>;
  arg: string | undefined;
  /** The name as written (`evt.arg.flags`), used as the JSON output key. */
  written: string;
}

/** All fields of one event source, with lookups that understand dotted arguments. */
export class FieldRegistry<E> {
  private readonly byName = new Map<string, FieldDef<E>>();
  private readonly dotted: FieldDef<E>[] = [];

  constructor(
    readonly source: string,
    defs: FieldDef<E>[],
  ) {
    for (const d of defs) {
      this.byName.set(d.name, d);
      if (d.arg.dotted) this.dotted.push(d);
    }
    // Longest prefix first, so `evt.rawarg.` is not taken for `evt.arg.`-like names.
    this.dotted.sort((a, b) => b.name.length - a.name.length);
  }

  get(name: string): FieldDef<E> | undefined {
    return this.byName.get(name);
  }

  list(): FieldDef<E>[] {
    return [...this.byName.values()];
  }

  /** Finds the field a condition names; `name` has no bracket part (the parser splits it off). */
  resolve(name: string, arg: string | undefined): BoundField<E> | undefined {
    const exact = this.byName.get(name);
    if (exact) return { def: exact, arg, written: arg === undefined ? name : `${name}[${arg}]` };
    if (arg !== undefined) return undefined;
    for (const d of this.dotted) {
      if (name.startsWith(`${d.name}.`) && name.length > d.name.length + 1) {
        return { def: d, arg: name.slice(d.name.length + 1), written: name };
      }
    }
    return undefined;
  }

  /**
   * Longest field name that prefixes `text` (output tokens are read this way: `%proc.name)` is
   * proc.name followed by a literal `)`). Returns the consumed length too.
   */
  longestPrefix(text: string): { def: FieldDef<E>; length: number } | undefined {
    // A name that prefixes the text shares its first `.`-separated segment (the class: proc, fd…).
    const dot = text.indexOf('.');
    const candidates = [...(dot < 0 ? [] : (this.byClass().get(text.slice(0, dot)) ?? [])), ...(this.byClass().get('') ?? [])];
    let best: FieldDef<E> | undefined;
    for (const d of candidates) {
      if (text.startsWith(d.name) && (!best || d.name.length > best.name.length)) best = d;
    }
    return best ? { def: best, length: best.name.length } : undefined;
  }

  private classes: Map<string, FieldDef<E>[]> | undefined;

  /** Fields by the segment before their first `.` (names without one under ''), in registry order. */
  private byClass(): Map<string, FieldDef<E>[]> {
    if (this.classes === undefined) {
      this.classes = new Map();
      for (const d of this.byName.values()) {
        const dot = d.name.indexOf('.');
        const key = dot < 0 ? '' : d.name.slice(0, dot);
        let list = this.classes.get(key);
        if (list === undefined) this.classes.set(key, (list = []));
        list.push(d);
      }
    }
    return this.classes;
  }
}
