// A fast reader for the plain YAML that rules files are written in, building the yaml library's nodes.
//
// The yaml library costs most of a rules file's load time, above all in a fresh process. Rules
// files use a small part of YAML: a block sequence of block mappings whose values are plain, quoted,
// folded or literal scalars, flow sequences of scalars, and nested block sequences and mappings.
// This reader accepts exactly that part and gives up (null) on anything else — tabs, CR, anchors,
// tags, flow mappings, multi-line quoted scalars, unusual indentation, anything it would have to
// judge as an error — so the library then reads the file as before, with its own error messages.
// What it returns equals the library's result in everything the rules reader looks at: node kinds,
// scalar style, text (`source` of plain scalars, `value` of the others) and start offsets.
import type { Node as YamlNode } from 'yaml';
import { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

/** Thrown inside the reader to give up; never escapes parseRulesYaml. */
class OutsideSubset extends Error {}

const giveUp = (): never => {
  throw new OutsideSubset();
};

/** A mapping key as rules files write them: `rule`, `required_engine_version`, `skip-if-unknown-filter`. */
const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]*:(?= |$)/;
/** First characters that make a block plain scalar something else (or need the full YAML rules). */
const NOT_PLAIN_START = new Set(['?', ':', ',', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', "'", '"', '[']);
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v', e: '\x1b', a: '\x07' };

interface Line {
  /** Offset of the line's first character in the file. */
  start: number;
  /** Count of leading spaces. */
  indent: number;
  /** The whole line, without its newline. */
  text: string;
  /** Only spaces, or a comment after spaces: skipped between nodes. */
  ignorable: boolean;
}

function scalar(type: Scalar.Type, text: string, start: number, end: number): Scalar {
  const s = new Scalar(text);
  s.type = type;
  s.source = text;
  s.range = [start, end, end];
  return s;
}

class Reader {
  private readonly lines: Line[];
  private i = 0;

  constructor(content: string) {
    this.lines = [];
    let start = 0;
    for (const text of content.split('\n')) {
      let indent = 0;
      while (indent < text.length && text.charCodeAt(indent) === 32) indent++;
      this.lines.push({ start, indent, text, ignorable: indent === text.length || text[indent] === '#' });
      start += text.length + 1;
    }
  }

  /** The next line that holds content, skipping blank and comment lines; undefined at the end. */
  private peek(): Line | undefined {
    while (this.i < this.lines.length && this.lines[this.i].ignorable) this.i++;
    return this.lines[this.i];
  }

  document(): YamlNode {
    const first = this.peek();
    if (first === undefined || first.indent !== 0 || !isSeqEntry(first.text, 0)) return giveUp();
    const top = this.sequence(0);
    if (this.peek() !== undefined) giveUp();
    return top;
  }

  /** Block sequence entries `- …` at exactly `indent`. */
  private sequence(indent: number): YAMLSeq {
    const seq = new YAMLSeq();
    const first = this.peek() as Line;
    seq.range = [first.start + indent, first.start + indent, first.start + indent];
    for (let line = this.peek(); line !== undefined && line.indent === indent && isSeqEntry(line.text, indent); line = this.peek()) {
      let col = indent + 1;
      while (col < line.text.length && line.text[col] === ' ') col++;
      // `-` alone on its line, or `- - x`: the library's business.
      if (col >= line.text.length || line.text[col] === '#' || isSeqEntry(line.text, col)) giveUp();
      seq.items.push(KEY.test(line.text.slice(col)) ? this.mapping(col) : this.inlineValue(line, col, indent));
    }
    const next = this.peek();
    if (next !== undefined && next.indent > indent) giveUp();
    return seq;
  }

  /** Block mapping entries `key: …` at exactly `indent`; the first may follow a `- ` on its line. */
  private mapping(indent: number): YAMLMap {
    const map = new YAMLMap();
    const first = this.lines[this.i];
    map.range = [first.start + indent, first.start + indent, first.start + indent];
    let line: Line | undefined = first;
    let col = indent;
    while (line !== undefined) {
      const m = KEY.exec(line.text.slice(col));
      if (m === null) return giveUp();
      const keyEnd = col + m[0].length - 1;
      const key = scalar('PLAIN', line.text.slice(col, keyEnd), line.start + col, line.start + keyEnd);
      map.items.push(new Pair(key, this.mappingValue(line, keyEnd + 1, indent)));
      line = this.peek();
      if (line === undefined || line.indent < indent) break;
      if (line.indent > indent) giveUp();
      col = indent;
      // A sequence entry at the keys' indentation belongs to an outer sequence.
      if (isSeqEntry(line.text, indent)) break;
    }
    return map;
  }

  /** The value after `key:` (at `col`, just past the colon) of a mapping at `indent`. */
  private mappingValue(line: Line, col: number, indent: number): YamlNode {
    let c = col;
    while (c < line.text.length && line.text[c] === ' ') c++;
    if (c < line.text.length && line.text[c] !== '#') return this.inlineValue(line, c, indent);
    // Nothing on the key's line: a nested block, a sequence at the key's indentation, or null.
    if (c > col) return giveUp();
    this.i++;
    const next = this.peek();
    if (next !== undefined && next.indent > indent) {
      if (isSeqEntry(next.text, next.indent)) return this.sequence(next.indent);
      if (KEY.test(next.text.slice(next.indent))) return this.mapping(next.indent);
      return this.inlineValue(next, next.indent, indent);
    }
    if (next !== undefined && next.indent === indent && isSeqEntry(next.text, indent)) return this.sequence(indent);
    return scalar('PLAIN', '', line.start + col, line.start + col);
  }

  /** A value starting at `col` of `line`, inside a collection at `parent` indentation. */
  private inlineValue(line: Line, col: number, parent: number): YamlNode {
    const ch = line.text[col];
    if (ch === '>' || ch === '|') return this.blockScalar(line, col, parent);
    if (ch === '[') return this.flowSequence(line, col, parent);
    if (ch === '"' || ch === "'") {
      const q = quoted(line.text, col);
      if (q === null || !restIsComment(line.text, q.end)) return giveUp();
      this.i++;
      return scalar(ch === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', q.value, line.start + col, line.start + q.end);
    }
    return this.plainScalar(line, col, parent);
  }

  /** A plain scalar, possibly continued on more-indented lines (folded with single spaces). */
  private plainScalar(line: Line, col: number, parent: number): Scalar {
    const first = plainLine(line.text, col);
    if (first === null) return giveUp();
    this.i++;
    let text = first.text;
    let end = line.start + first.end;
    if (first.comment) return scalar('PLAIN', text, line.start + col, end);
    let breaks = 0;
    while (this.i < this.lines.length) {
      const next = this.lines[this.i];
      if (next.indent === next.text.length) {
        breaks++;
        this.i++;
        continue;
      }
      if (next.indent <= parent || next.text[next.indent] === '#') break;
      const more = plainLine(next.text, next.indent);
      if (more === null || more.comment) return giveUp();
      text += breaks === 0 ? ` ${more.text}` : '\n'.repeat(breaks) + more.text;
      breaks = 0;
      end = next.start + more.end;
      this.i++;
    }
    // Blank lines after the scalar are not part of it; let peek() skip them again.
    if (breaks > 0) this.i -= breaks;
    return scalar('PLAIN', text, line.start + col, end);
  }

  /** `>` or `|` with optional `-` chomping, its content more indented than `parent`. */
  private blockScalar(line: Line, col: number, parent: number): Scalar {
    const style = line.text[col];
    let c = col + 1;
    let strip = false;
    if (line.text[c] === '-') {
      strip = true;
      c++;
    }
    if (c < line.text.length && line.text[c] !== ' ') return giveUp();
    if (!restIsComment(line.text, c)) return giveUp();
    this.i++;
    const content: string[] = [];
    let contentIndent = -1;
    let end = line.start + line.text.length;
    while (this.i < this.lines.length) {
      const l = this.lines[this.i];
      const blank = l.indent === l.text.length;
      if (contentIndent < 0) {
        if (blank) {
          // Leading blank lines must not be longer than the content's indentation: unknown yet.
          if (l.indent > 0) giveUp();
        } else {
          if (l.indent <= parent) break;
          contentIndent = l.indent;
        }
      } else if (!blank && l.indent < contentIndent) {
        if (l.indent > parent && l.text[l.indent] !== '#') giveUp();
        break;
      }
      if (blank && l.indent > Math.max(contentIndent, 0)) giveUp();
      content.push(blank ? '' : l.text.slice(contentIndent));
      if (!blank) end = l.start + l.text.length;
      this.i++;
    }
    if (contentIndent < 0) return giveUp();
    // Trailing blank lines belong to the chomping, which clips or strips them.
    let n = content.length;
    while (n > 0 && content[n - 1] === '') n--;
    for (let k = n; k < content.length; k++) this.i--;
    const kept = content.slice(0, n);
    let text: string;
    if (style === '|') text = kept.join('\n');
    else {
      // Folding: a line break between two ordinary lines becomes a space, or vanishes before empty
      // lines (each of which gives a \n); breaks next to a more-indented line are all kept.
      text = '';
      let breaks = 0;
      let prev: string | null = null;
      for (const l of kept) {
        if (l === '') {
          breaks++;
          continue;
        }
        if (prev === null) text += '\n'.repeat(breaks);
        else if (prev[0] === ' ' || l[0] === ' ') text += '\n'.repeat(breaks + 1);
        else text += breaks === 0 ? ' ' : '\n'.repeat(breaks);
        breaks = 0;
        text += l;
        prev = l;
      }
    }
    if (!strip) text += '\n';
    return scalar(style === '>' ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL', text, line.start + col, end);
  }

  /** `[a, "b", [c, d]]`, possibly over several lines indented past `parent`. */
  private flowSequence(line: Line, col: number, parent: number): YAMLSeq {
    let cur = line;
    let c = col;
    const nextChar = (): string => {
      for (;;) {
        while (c < cur.text.length && cur.text[c] === ' ') c++;
        if (c < cur.text.length) return cur.text[c];
        this.i++;
        const l = this.lines[this.i];
        // Continuation lines are indented past the collection; the closing `]` may sit at its level.
        if (l === undefined || l.ignorable || l.indent < parent || (l.indent === parent && l.text[l.indent] !== ']')) return giveUp();
        cur = l;
        c = l.indent;
      }
    };
    const seqAt = (): YAMLSeq => {
      const seq = new YAMLSeq();
      seq.flow = true;
      const start = cur.start + c;
      c++;
      if (nextChar() === ']') {
        c++;
        seq.range = [start, cur.start + c, cur.start + c];
        return seq;
      }
      for (;;) {
        const ch = nextChar();
        if (ch === '[') seq.items.push(seqAt());
        else if (ch === '"' || ch === "'") {
          const q = quoted(cur.text, c);
          if (q === null) return giveUp();
          seq.items.push(scalar(ch === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE', q.value, cur.start + c, cur.start + q.end));
          c = q.end;
        } else {
          const p = flowPlain(cur.text, c);
          if (p === null) return giveUp();
          seq.items.push(scalar('PLAIN', p.text, cur.start + c, cur.start + p.end));
          c = p.end;
        }
        const sep = nextChar();
        c++;
        if (sep === ']') break;
        if (sep !== ',' || nextChar() === ']') return giveUp();
      }
      seq.range = [start, cur.start + c, cur.start + c];
      return seq;
    };
    const seq = seqAt();
    if (!restIsComment(cur.text, c)) giveUp();
    this.i++;
    return seq;
  }
}

/** Drops trailing spaces only: YAML's white space is space and tab (no tabs here), unlike trimEnd's. */
function trimSpaces(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 32) end--;
  return s.slice(0, end);
}

function isSeqEntry(text: string, col: number): boolean {
  return text[col] === '-' && (col + 1 === text.length || text[col + 1] === ' ');
}

/** Only spaces, or spaces then a comment, from `col` to the end of the line. */
function restIsComment(text: string, col: number): boolean {
  let c = col;
  while (c < text.length && text[c] === ' ') c++;
  return c === text.length || (c > col && text[c] === '#');
}

/**
 * One line's part of a block plain scalar: up to a ` #` comment, trailing spaces trimmed. Lines
 * that start like another kind of node are left to the library, continuation lines included.
 */
function plainLine(text: string, col: number): { text: string; end: number; comment: boolean } | null {
  if (NOT_PLAIN_START.has(text[col]) || isSeqEntry(text, col)) return null;
  let end = text.length;
  let comment = false;
  const hash = text.indexOf(' #', col);
  if (hash >= 0) {
    end = hash;
    comment = true;
  }
  const body = trimSpaces(text.slice(col, end));
  // `a: b` would be a mapping; `a:` at the end of a line too.
  if (body.includes(': ') || body.endsWith(':') || body === '') return null;
  return { text: body, end: col + body.length, comment };
}

/** A plain scalar inside a flow sequence: up to `,` or `]` or the end of the line. */
function flowPlain(text: string, col: number): { text: string; end: number } | null {
  if (NOT_PLAIN_START.has(text[col]) || isSeqEntry(text, col)) return null;
  let c = col;
  while (c < text.length && text[c] !== ',' && text[c] !== ']') {
    const ch = text[c];
    if (ch === '[' || ch === '{' || ch === '}' || (ch === '#' && text[c - 1] === ' ') || (ch === ':' && (text[c + 1] === ' ' || text[c + 1] === ',' || text[c + 1] === ']' || c + 1 === text.length))) return null;
    c++;
  }
  // An item may end at the line's end only if the next line goes on with `,` or `]` (the caller
  // checks that): otherwise it would be a multi-line plain scalar.
  const body = trimSpaces(text.slice(col, c));
  return { text: body, end: col + body.length };
}

/** A quoted scalar closed on the same line: its value and the offset after the closing quote. */
function quoted(text: string, col: number): { value: string; end: number } | null {
  const q = text[col];
  let value = '';
  for (let c = col + 1; c < text.length; c++) {
    const ch = text[c];
    if (ch === q) {
      if (q === "'" && text[c + 1] === "'") {
        value += "'";
        c++;
        continue;
      }
      return { value, end: c + 1 };
    }
    if (q === '"' && ch === '\\') {
      const esc = text[c + 1];
      if (esc !== undefined && Object.hasOwn(SIMPLE_ESCAPES, esc)) {
        value += SIMPLE_ESCAPES[esc];
        c++;
        continue;
      }
      const hex = esc === 'x' ? 2 : esc === 'u' ? 4 : 0;
      const digits = text.slice(c + 2, c + 2 + hex);
      if (hex === 0 || !/^[0-9A-Fa-f]+$/.test(digits) || digits.length !== hex) return null;
      value += String.fromCharCode(parseInt(digits, 16));
      c += 1 + hex;
      continue;
    }
    value += ch;
  }
  return null;
}

/**
 * The top-level node of a rules file in the subset described above, or null to use the library.
 * Only for single-document files without CR or tab characters.
 */
export function parseRulesYaml(content: string): YamlNode | null {
  if (/[\r\t\uFEFF]/.test(content) || /^(---|\.\.\.|%)/m.test(content)) return null;
  try {
    return new Reader(content).document();
  } catch (e) {
    // Nesting too deep for the stack is the library's (and the caller's depth check's) to judge.
    if (e instanceof OutsideSubset || e instanceof RangeError) return null;
    throw e;
  }
}
