// Hostile YAML for Falco's readers: nesting deeper than yaml-cpp accepts, aliases that expand without
// bound, and aliases to anchors that are not defined. Each is refused with a yaml-cpp style message.
import type { Node as YamlNode } from 'yaml';
import { isAlias, isMap, isPair, isSeq } from 'yaml';

/**
 * yaml-cpp (0.7 on) guards HandleNode with DepthGuard<500>: the 500th nested node fails with
 * "bad file" at that node. Checked on the text, before any parser recurses into it.
 */
export const YAML_CPP_MAX_DEPTH = 500;

/**
 * Nodes that aliases may bring in, counted as if every alias were a copy. yaml-cpp shares aliased
 * nodes and would accept a billion-laughs file; Falco then walks it for ever. We refuse instead.
 */
export const MAX_ALIAS_EXPANSION = 10_000;

export interface YamlLimitError {
  /** The text after `yaml-cpp: error at line L, column C: `. */
  message: string;
  offset: number;
}

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === undefined;

/** End of a quoted scalar that opens at `i` (the index after its closing quote). */
function skipQuoted(text: string, i: number): number {
  const q = text[i];
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j];
    if (q === '"' && c === '\\') j++;
    else if (c === q) {
      if (q === "'" && text[j + 1] === "'") j++;
      else return j + 1;
    }
  }
  return text.length;
}

/**
 * Where a node would be the YAML_CPP_MAX_DEPTH-th nested one, or null. A linear scan that follows
 * block collections by the columns of their entries (`- ` and `key:`, also several on one line) and
 * flow collections by brackets at node positions; scalars, quoted text, comments and block scalars
 * are skipped, so brackets and quotes inside conditions and outputs count for nothing.
 */
export function excessiveNesting(text: string): YamlLimitError | null {
  /** Columns of the open block collections, outermost first. */
  const block: number[] = [];
  let flow = 0;
  /** While >= 0: lines indented deeper than this column belong to a block scalar (|, >). */
  let scalarParent = -1;
  const tooDeep = (offset: number): YamlLimitError | null => (block.length + flow + 1 >= YAML_CPP_MAX_DEPTH ? { message: 'bad file', offset } : null);
  const endOfLine = (from: number): number => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? text.length : nl;
  };

  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = endOfLine(lineStart);
    let c = lineStart;
    while (text[c] === ' ') c++;
    const indent = c - lineStart;
    if (flow === 0) {
      if (scalarParent >= 0 && (indent > scalarParent || c === lineEnd)) {
        lineStart = lineEnd + 1;
        continue;
      }
      scalarParent = -1;
      if (c === lineEnd || text[c] === '#' || text.startsWith('---', c) || text.startsWith('...', c) || text[c] === '%') {
        lineStart = lineEnd + 1;
        continue;
      }
      while (block.length > 0 && block[block.length - 1]! > indent) block.pop();
    }
    let atNode = true;
    while (c < lineEnd) {
      const ch = text[c]!;
      if (ch === ' ') {
        c++;
        continue;
      }
      if (ch === '#' && isBlank(text[c - 1])) break;
      if (flow > 0) {
        // Inside brackets every item (and key and value) is a node one level below its collection.
        if (ch === ']' || ch === '}') {
          flow--;
          atNode = false;
        } else if (ch === ',' || (ch === ':' && isBlank(text[c + 1]))) {
          atNode = true;
        } else {
          if (atNode || ch === '[' || ch === '{') {
            const e = tooDeep(c);
            if (e) return e;
          }
          if (ch === '[' || ch === '{') {
            flow++;
            atNode = true;
          } else if ((ch === '"' || ch === "'") && atNode) {
            c = skipQuoted(text, c);
            if (c > lineEnd) lineEnd = endOfLine(c);
            atNode = false;
            continue;
          } else atNode = false;
        }
        c++;
        continue;
      }
      if (!atNode) break;
      const col = c - lineStart;
      if (ch === '-' && isBlank(text[c + 1])) {
        // A sequence entry; a new sequence when its column is new. What follows is a node inside it.
        if (block[block.length - 1] !== col) {
          const e = tooDeep(c);
          if (e) return e;
          block.push(col);
        }
        c++;
        continue;
      }
      if (ch === '&' || ch === '!') {
        while (c < lineEnd && text[c] !== ' ') c++;
        continue;
      }
      // The node here, a child of the innermost open collection.
      const e = tooDeep(c);
      if (e) return e;
      if (ch === '[' || ch === '{') {
        flow = 1;
        c++;
      } else if (ch === '|' || ch === '>') {
        scalarParent = block[block.length - 1] ?? 0;
        break;
      } else {
        // A scalar, or the key of a mapping entry when `: ` follows on the line (a new mapping when
        // its column is new; the key is then one level below it). The value comes next.
        let k = ch === '"' || ch === "'" ? skipQuoted(text, c) : c;
        if (k > lineEnd) lineEnd = endOfLine(k);
        while (k < lineEnd && !(text[k] === ':' && isBlank(text[k + 1])) && !(text[k] === '#' && isBlank(text[k - 1]))) k++;
        if (k >= lineEnd || text[k] === '#') break;
        if (block[block.length - 1] !== col) {
          block.push(col);
          const key = tooDeep(c);
          if (key) return key;
        }
        c = k + 1;
      }
    }
    lineStart = lineEnd + 1;
  }
  return null;
}

/**
 * Replaces every alias in the tree by the node its anchor names (shared, not copied), as yaml-cpp
 * reads them. Refuses an alias to an undefined anchor, an anchor containing an alias to itself, and
 * aliases that together would bring in more than MAX_ALIAS_EXPANSION nodes.
 */
export function resolveAliases(root: YamlNode | null | undefined): YamlLimitError | null {
  if (root === null || root === undefined) return null;
  const anchors = new Map<string, YamlNode>();
  const sizes = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  let expansion = 0;
  const fail = (message: string, node: YamlNode): YamlLimitError => ({ message, offset: node.range?.[0] ?? 0 });

  /** Size of the node with aliases counted as copies; aliases inside are replaced on the way. */
  const walk = (node: YamlNode): number | YamlLimitError => {
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    const known = sizes.get(node);
    if (known !== undefined) return known;
    open.add(node);
    let size = 1;
    const visit = (child: unknown, replace: (n: YamlNode) => void): YamlLimitError | null => {
      if (child === null || child === undefined || typeof child !== 'object') return null;
      const n = child as YamlNode;
      if (isAlias(n)) {
        const target = anchors.get(n.source);
        if (!target) return fail('the referenced anchor is not defined', n);
        if (open.has(target)) return fail('document contains excessive aliasing', n);
        const s = walk(target);
        if (typeof s !== 'number') return s;
        expansion += s;
        if (expansion > MAX_ALIAS_EXPANSION) return fail('document contains excessive aliasing', n);
        replace(target);
        size += s;
        return null;
      }
      const s = walk(n);
      if (typeof s !== 'number') return s;
      size += s;
      return null;
    };
    if (isMap(node) || isSeq(node)) {
      const items = node.items as unknown[];
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        if (isPair(item)) {
          const e = visit(item.key, (t) => (item.key = t)) ?? visit(item.value, (t) => (item.value = t));
          if (e) return e;
        } else {
          const e = visit(item, (t) => (items[i] = t));
          if (e) return e;
        }
      }
    }
    open.delete(node);
    sizes.set(node, size);
    return size;
  };
  if (isAlias(root)) return fail('the referenced anchor is not defined', root);
  const r = walk(root);
  return typeof r === 'number' ? null : r;
}
