// Lists: one level of list-in-list expansion, then text substitution of list names into conditions.
import type { ListInfo } from '../rules/collector';
import { quoteItem } from '../rules/exceptions';

export interface CompiledList {
  name: string;
  info: ListInfo;
  /** Items ready to paste into a condition (quoted when they hold a space). */
  items: string[];
  used: boolean;
}

/**
 * Falco 0.33's compile_list_infos: an item naming an earlier list is replaced by that list's raw
 * items (one level only); anything else stays a literal.
 */
export function compileLists(lists: readonly ListInfo[]): Map<string, CompiledList> {
  const byName = new Map(lists.map((l) => [l.name, l]));
  const out = new Map<string, CompiledList>();
  const used = new Set<string>();
  for (const list of lists) {
    const items: string[] = [];
    for (const item of list.items) {
      const ref = byName.get(item);
      if (ref && ref.index < list.visibility) {
        used.add(ref.name);
        for (const v of ref.items) items.push(quoteItem(v));
      } else items.push(quoteItem(item));
    }
    out.set(list.name, { name: list.name, info: list, items, used: false });
  }
  for (const n of used) {
    const l = out.get(n);
    if (l) l.used = true;
  }
  return out;
}

const BLANKS = ' \t\n\r';
const DELIMS = `${BLANKS}(),=`;

/** Replaces every delimited occurrence of one list's name in a condition (Falco's resolve_list). */
export function substituteList(cond: string, list: CompiledList): string {
  const name = list.name;
  let start = cond.indexOf(name);
  while (start !== -1) {
    let end = start + name.length;
    const before = start === 0 || DELIMS.includes(cond[start - 1]);
    const after = end >= cond.length || DELIMS.includes(cond[end]);
    if (before && after) {
      while (start > 0 && BLANKS.includes(cond[start - 1])) start--;
      while (end < cond.length && BLANKS.includes(cond[end])) end++;
      const sub = list.items.join(', ');
      if (sub === '') {
        // An empty list must not leave a dangling comma behind.
        if (start > 0 && cond[start - 1] === ',') start--;
        else if (end < cond.length && cond[end] === ',') end++;
      }
      let next = '';
      if (start > 0) next += `${cond.slice(0, start)} `;
      next += `${sub} `;
      next += cond.slice(end);
      cond = next;
      start += sub.length + 1;
      list.used = true;
    }
    start = cond.indexOf(name, start + 1);
  }
  return cond;
}

/** The maximal runs of non-delimiter characters: a list name without delimiters can only match one. */
function tokensOf(cond: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= cond.length; i++) {
    if (i === cond.length || DELIMS.includes(cond[i])) {
      if (start >= 0) out.push(cond.slice(start, i));
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

function hasDelimiter(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (DELIMS.includes(name[i])) return true;
  return false;
}

/**
 * Substitutes every list into conditions, in list order (a list's items may name a later list,
 * which then applies too). Only lists whose names occur as tokens are visited, not all of them.
 */
export class ListSubstitution {
  private readonly order = new Map<string, number>();
  /** Lists whose names hold a delimiter: found by plain search instead (none in practice). */
  private readonly odd: number[] = [];

  constructor(private readonly lists: readonly CompiledList[]) {
    lists.forEach((l, i) => {
      if (hasDelimiter(l.name)) this.odd.push(i);
      else if (!this.order.has(l.name)) this.order.set(l.name, i);
    });
  }

  /** Indices of the lists named by tokens of `text`. */
  private named(text: string, into: Set<number>): void {
    for (const t of tokensOf(text)) {
      const i = this.order.get(t);
      if (i !== undefined) into.add(i);
    }
  }

  apply(cond: string): string {
    // Lists named in the text, plus those named by items substituted in later (the text loses
    // only the names already substituted, so this stays a superset of the names present).
    const named = new Set<number>();
    this.named(cond, named);
    for (let after = -1; ; ) {
      let i = -1;
      for (const n of named) if (n > after && (i < 0 || n < i)) i = n;
      for (const n of this.odd) if (n > after && (i < 0 || n < i) && cond.includes(this.lists[n].name)) i = n;
      if (i < 0) return cond;
      const next = substituteList(cond, this.lists[i]);
      if (next !== cond) this.named(this.lists[i].items.join(', '), named);
      cond = next;
      after = i;
    }
  }
}
