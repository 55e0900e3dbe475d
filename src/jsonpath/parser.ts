// Parser for kubectl JSONPath templates: a port of client-go util/jsonpath/parser.go (v0.26).
//
// Grammar, as the Go scanner accepts it (it is a scanner more than a grammar; quirks are kept on
// purpose because learners see kubectl's exact error for each of them):
//
//   template  ::= ( text | '{' action* '}' )*
//   action    ::= ' ' | '@' | '$'                      (skipped: the current object / the root)
//               | '.' field | '..' [field]             (recursive descent; '...' is '..' + '.')
//               | '[' (index | slice | union | "'" key "'") ']'
//               | '[?(' filter ')]'
//               | '"' quoted '"' | "'" quoted "'"      (a literal: {"\n"})
//               | number | 'true' | 'false' | identifier (range, end)
//   field     ::= (any rune except a terminator, '\' escapes the next rune)* ; '*' is the wildcard
//   slice     ::= [-]digits? (':' [-]digits?)? (':' [-]digits?)?
//   union     ::= item (',' item)+                     (each item re-parsed as '[item]')
//   filter    ::= left op right | path                 (op is the longest run of !<>= ; no op: exists)
//
// Errors are the Go messages verbatim ("unclosed action", "unterminated array", …).

import type { FieldNode, JsonPathTemplate, ListNode, SliceParam } from './ast';
import { goAtoi, unquoteExtend } from './strconv';

export type ParseResult = { ok: true; template: JsonPathTemplate } | { ok: false; error: string };

const EOF = '';

const dictKeyRex = /^'([^']*)'$/;
const sliceOperatorRex = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/;

const isSpace = (r: string): boolean => r === ' ' || r === '\t';
const isEndOfLine = (r: string): boolean => r === '\r' || r === '\n';
const isDigit = (r: string): boolean => r !== EOF && /^\p{Nd}$/u.test(r);
const isAlphaNumeric = (r: string): boolean => r === '_' || (r !== EOF && /^[\p{L}\p{Nd}]$/u.test(r));

function isTerminator(r: string): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  return r === EOF || '.,[]$@{}'.includes(r);
}

/** Go's `%#U`: `U+007B '{'`, the character omitted when it is not printable. */
export function formatRuneU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrintable(r) ? `${hex} '${r}'` : hex;
}

function isGoPrintable(r: string): boolean {
  return r === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(r);
}

/** Parse a whole template. Never throws: a malformed template is an `{ ok: false }` result. */
export function parseJsonPath(text: string): ParseResult {
  const parsed = parseRoot(text);
  if (typeof parsed === 'string') return { ok: false, error: parsed };
  return { ok: true, template: { source: text, root: parsed } };
}

/** client-go's parseAction: parse `{text}` and return the action's list node. */
function parseAction(text: string): ListNode | string {
  const root = parseRoot(`{${text}}`);
  if (typeof root === 'string') return root;
  return root.nodes[0] as ListNode;
}

function parseRoot(text: string): ListNode | string {
  const p = new Scanner(text);
  const error = p.run();
  return error ?? p.root;
}

const newList = (): ListNode => ({ type: 'List', nodes: [] });

class Scanner {
  readonly root: ListNode = newList();
  private readonly runes: string[];
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(input: string) {
    this.runes = Array.from(input);
  }

  /** The Go parser is mutually tail-recursive; here the same states are a loop so long templates cannot overflow. */
  run(): string | null {
    let cur: ListNode | null = null; // null: in text; otherwise the action being filled
    for (;;) {
      if (cur === null) {
        cur = this.scanText();
        if (cur === null) return null;
        continue;
      }
      const step = this.scanInsideAction(cur);
      if (step === 'closed') cur = null;
      else if (step !== 'more') return step.error;
    }
  }

  private hasPrefix(prefix: string): boolean {
    const chars = Array.from(prefix);
    for (let i = 0; i < chars.length; i++) if (this.runes[this.pos + i] !== chars[i]) return false;
    return true;
  }

  private consumeText(): string {
    const value = this.runes.slice(this.start, this.pos).join('');
    this.start = this.pos;
    return value;
  }

  private next(): string {
    if (this.pos >= this.runes.length) {
      this.width = 0;
      return EOF;
    }
    this.width = 1;
    return this.runes[this.pos++] as string;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  /** parseText + parseLeftDelim: literal text up to `{`, then open a new action. Null at end of input. */
  private scanText(): ListNode | null {
    for (;;) {
      if (this.hasPrefix('{')) {
        if (this.pos > this.start) this.root.nodes.push({ type: 'Text', text: this.consumeText() });
        this.pos += 1;
        this.consumeText();
        const action = newList();
        this.root.nodes.push(action);
        return action;
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) this.root.nodes.push({ type: 'Text', text: this.consumeText() });
    return null;
  }

  /** One step of parseInsideAction: 'closed' after `}`, 'more' to continue, or an error. */
  private scanInsideAction(cur: ListNode): 'closed' | 'more' | { error: string } {
    if (this.hasPrefix('}')) {
      this.pos += 1;
      this.consumeText();
      return 'closed';
    }
    const error = this.scanActionElement(cur);
    return error === null ? 'more' : { error };
  }

  /** Scan one element of an action into `cur`; the error message, or null. */
  private scanActionElement(cur: ListNode): string | null {
    if (this.hasPrefix('[?(')) return this.parseFilter(cur);
    if (this.hasPrefix('..')) return this.parseRecursive(cur);

    const r = this.next();
    if (r === EOF || isEndOfLine(r)) return 'unclosed action';
    if (r === ' ' || r === '@' || r === '$') {
      this.consumeText();
      return null;
    }
    if (r === '[') return this.parseArray(cur);
    if (r === '"' || r === "'") return this.parseQuote(cur, r);
    if (r === '.') return this.parseField(cur);
    if (r === '+' || r === '-' || isDigit(r)) {
      this.backup();
      return this.parseNumber(cur);
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return this.parseIdentifier(cur);
    }
    return `unrecognized character in action: ${formatRuneU(r)}`;
  }

  private parseIdentifier(cur: ListNode): string | null {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'Bool', value: value === 'true' });
    else cur.nodes.push({ type: 'Identifier', name: value });
    return null;
  }

  private parseRecursive(cur: ListNode): string | null {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'Recursive') return 'invalid multiple recursive descent';
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'Recursive' });
    if (isAlphaNumeric(this.peek())) return this.parseField(cur);
    return null;
  }

  private parseNumber(cur: ListNode): string | null {
    const first = this.peek();
    if (first === '+' || first === '-') this.next();
    for (;;) {
      const r = this.next();
      if (r !== '.' && !isDigit(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consumeText();
    const int = goAtoi(value);
    if (int !== null) {
      cur.nodes.push({ type: 'Int', value: int });
      return null;
    }
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) {
      cur.nodes.push({ type: 'Float', value: Number(value) });
      return null;
    }
    return `cannot parse number ${value}`;
  }

  private parseArray(cur: ListNode): string | null {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') return 'unterminated array';
      if (r === ']') break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    const parts = text.split(',');
    if (parts.length > 1) {
      const union: ListNode[] = [];
      for (const part of parts) {
        const parsed = parseAction(`[${trimSpaces(part)}]`);
        if (typeof parsed === 'string') return parsed;
        union.push(parsed);
      }
      cur.nodes.push({ type: 'Union', nodes: union });
      return null;
    }

    const dictKey = dictKeyRex.exec(text);
    if (dictKey) {
      const parsed = parseAction(`.${dictKey[1]}`);
      if (typeof parsed === 'string') return parsed;
      cur.nodes.push(...parsed.nodes);
      return null;
    }

    const slice = sliceOperatorRex.exec(text);
    if (!slice) return `invalid array index ${text}`;
    const groups = [slice[1] ?? '', slice[2] ?? '', slice[3] ?? ''];
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let group = groups[i] as string;
      if (group !== '') {
        if (i > 0) group = group.slice(1);
        if (i > 0 && group === '') {
          params.push({ value: 0, known: false, derived: false });
        } else {
          const n = goAtoi(group);
          if (n === null) return `array index ${group} is not a number`;
          params.push({ value: n, known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: (params[0] as SliceParam).value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ type: 'Array', params: params as [SliceParam, SliceParam, SliceParam] });
    return null;
  }

  private parseFilter(cur: ListNode): string | null {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = '';
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') return 'unterminated filter';
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.runes[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === ')') {
        // Quotes appear at most once, paired, so ')' inside a quoted string does not close the filter.
        if (begin === end) break;
      }
    }
    if (this.next() !== ']') return 'unclosed array expect ]';
    const text = this.consumeText().slice(0, -2);
    const parts = filterRex.exec(text);
    if (!parts) {
      const path = parseAction(text);
      if (typeof path === 'string') return path;
      cur.nodes.push({ type: 'Filter', left: path, right: newList(), operator: 'exists' });
      return null;
    }
    const left = parseAction(parts[1] as string);
    if (typeof left === 'string') return left;
    const right = parseAction(parts[3] as string);
    if (typeof right === 'string') return right;
    cur.nodes.push({ type: 'Filter', left, right, operator: parts[2] as string });
    return null;
  }

  private parseQuote(cur: ListNode, quote: string): string | null {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === '\n') return 'unterminated quoted string';
      if (r === quote && this.runes[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const unquoted = unquoteExtend(value);
    if (unquoted === null) return `unquote string ${value} error invalid syntax`;
    cur.nodes.push({ type: 'Text', text: unquoted });
    return null;
  }

  private parseField(cur: ListNode): string | null {
    this.consumeText();
    while (this.advance()) {
      /* scan */
    }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'Wildcard' });
    else cur.nodes.push({ type: 'Field', name: value.replaceAll('\\', '') } satisfies FieldNode);
    return null;
  }

  /** Step over one rune of a field name; false at an unescaped terminator. */
  private advance(): boolean {
    const r = this.next();
    if (r === '\\') {
      this.next();
    } else if (isTerminator(r)) {
      this.backup();
      return false;
    }
    return true;
  }
}

function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, '');
}
