// Brace expansion (bash only, before all other expansions): `f{,.bak}`, `{a,b}/x`, `{1..5}`, `{a..e..2}`.
// Only unquoted braces count; `${…}` is a parameter, not a brace.
import type { Span } from '../../../core/span';
import type { WordPart } from '../../syntax/ast';

type Item = { ch: string; span: Span } | { part: WordPart };

const isChar = (it: Item | undefined, c: string): boolean => it !== undefined && 'ch' in it && it.ch === c;

function toItems(parts: WordPart[]): Item[] {
  const items: Item[] = [];
  for (const p of parts) {
    if (p.type === 'Literal') for (const ch of p.text) items.push({ ch, span: p.span });
    else items.push({ part: p });
  }
  return items;
}

function toParts(items: Item[]): WordPart[] {
  const out: WordPart[] = [];
  for (const it of items) {
    if ('part' in it) {
      out.push(it.part);
      continue;
    }
    const last = out[out.length - 1];
    if (last && last.type === 'Literal') out[out.length - 1] = { ...last, text: last.text + it.ch };
    else out.push({ type: 'Literal', span: it.span, text: it.ch });
  }
  return out;
}

function sequence(inner: Item[]): string[] | null {
  if (!inner.every((i) => 'ch' in i)) return null;
  const text = inner.map((i) => (i as { ch: string }).ch).join('');
  const num = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  const chr = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  const m = num ?? chr;
  if (!m) return null;
  const from = num ? Number(m[1]) : m[1].charCodeAt(0);
  const to = num ? Number(m[2]) : m[2].charCodeAt(0);
  const step = Math.abs(Number(m[3] ?? 1)) || 1;
  const width = num && /^-?0\d/.test(m[1] + ' ' + m[2]) ? Math.max(m[1].length, m[2].length) : 0;
  const out: string[] = [];
  for (let v = from; from <= to ? v <= to : v >= to; v += from <= to ? step : -step) {
    if (out.length > 100000) break;
    if (!num) out.push(String.fromCharCode(v));
    else out.push(width ? (v < 0 ? '-' + String(-v).padStart(width - 1, '0') : String(v).padStart(width, '0')) : String(v));
  }
  return out;
}

function expandItems(items: Item[], depth: number): Item[][] {
  if (depth > 20) return [items];
  for (let open = 0; open < items.length; open++) {
    if (!isChar(items[open], '{')) continue;
    let level = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = open; j < items.length; j++) {
      if (isChar(items[j], '{')) level++;
      else if (isChar(items[j], '}')) {
        level--;
        if (level === 0) {
          close = j;
          break;
        }
      } else if (level === 1 && isChar(items[j], ',')) commas.push(j);
    }
    if (close < 0) return [items];
    const prefix = items.slice(0, open);
    const suffix = items.slice(close + 1);
    let alternatives: Item[][];
    if (commas.length > 0) {
      const bounds = [open, ...commas, close];
      alternatives = bounds.slice(0, -1).map((b, k) => items.slice(b + 1, bounds[k + 1]));
    } else {
      const seq = sequence(items.slice(open + 1, close));
      if (!seq) continue;
      const span = 'ch' in items[open] ? (items[open] as { span: Span }).span : { start: 0, end: 0 };
      alternatives = seq.map((s) => [...s].map((ch) => ({ ch, span })));
    }
    return alternatives.flatMap((alt) => expandItems([...prefix, ...alt, ...suffix], depth + 1));
  }
  return [items];
}

/** The words a word becomes by brace expansion (just itself when it has no brace expression). */
export function braceExpand(parts: WordPart[]): WordPart[][] {
  if (!parts.some((p) => p.type === 'Literal' && p.text.includes('{'))) return [parts];
  return expandItems(toItems(parts), 0).map(toParts);
}
