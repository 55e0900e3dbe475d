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

export function substituteLists(cond: string, lists: Iterable<CompiledList>): string {
  for (const l of lists) if (cond.includes(l.name)) cond = substituteList(cond, l);
  return cond;
}
