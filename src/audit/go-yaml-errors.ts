// Translates a syntax error found by the `yaml` package into the message go-yaml v2 (libyaml) would print.
//
// The two parsers disagree on where they notice a problem, so this is a heuristic over the common
// editing mistakes (tabs, a key indented one space off, a missing colon, an unclosed quote or bracket).
// go-yaml quirks kept on purpose: scanner errors report the 1-based line of the problem, parser errors
// the 0-based one (so "line 4" for a problem on line 5), and a parser error on the first line has no
// "line N:" prefix at all.

import type { LineCounter, YAMLError } from 'yaml';

type Kind = 'scanner' | 'parser';

function format(kind: Kind, line: number, problem: string): string {
  const shown = kind === 'scanner' ? line : line - 1;
  return shown > 0 ? `yaml: line ${shown}: ${problem}` : `yaml: ${problem}`;
}

interface LineInfo {
  indent: number;
  content: string;
}

function lineInfos(text: string): LineInfo[] {
  return text.split('\n').map((raw) => {
    const line = raw.replace(/\r$/, '');
    const m = /^ */.exec(line)!;
    return { indent: m[0].length, content: line.slice(m[0].length) };
  });
}

const isBlank = (l: LineInfo): boolean => l.content === '' || l.content.startsWith('#');
const isSeqEntry = (l: LineInfo): boolean => /^-( |$)/.test(l.content);

/**
 * The parser error for a token at `line` (1-based) and `col` (0-based) that does not fit the block
 * structure above it: inside a sequence libyaml wants another `-`, inside a mapping another key.
 */
function structuralError(lines: LineInfo[], line: number, col: number): string {
  for (let i = line - 2; i >= 0; i--) {
    const l = lines[i];
    if (isBlank(l) || l.indent > col) continue;
    if (!isSeqEntry(l)) return format('parser', line, 'did not find expected key');
    if (l.indent === col) return format('parser', line, "did not find expected '-' indicator");
    // Deeper than the '-': an indentless sequence (its '-' level with the parent key) has already ended,
    // so the token lands in the parent mapping; an indented one still wants its next '-'.
    for (let j = i - 1; j >= 0; j--) {
      const p = lines[j];
      if (isBlank(p) || (isSeqEntry(p) && p.indent === l.indent)) continue;
      if (p.indent <= l.indent) {
        const indentless = p.indent === l.indent;
        return format('parser', line, indentless ? 'did not find expected key' : "did not find expected '-' indicator");
      }
    }
    return format('parser', line, "did not find expected '-' indicator");
  }
  return format('parser', line, 'did not find expected key');
}

/** The 1-based line of the first `:` that ends a key, from `offset` on. */
function colonLine(text: string, offset: number, lc: LineCounter): number {
  const re = /:(?=[ \t\r\n]|$)/g;
  re.lastIndex = offset;
  const m = re.exec(text);
  return lc.linePos(m ? m.index : offset).line;
}

export function goYamlSyntaxError(text: string, err: YAMLError, lc: LineCounter): string {
  const offset = err.pos[0];
  const { line } = lc.linePos(offset);
  const lines = lineInfos(text);
  const info = lines[line - 1] ?? { indent: 0, content: '' };
  const startsLine = text.slice(offset - (lc.linePos(offset).col - 1), offset).trim() === '';
  const firstCol = info.indent;
  const msg = err.message.split('\n')[0]; // prettyErrors appends a source excerpt

  switch (err.code) {
    case 'TAB_AS_INDENT':
    case 'BAD_SCALAR_START':
      return format('scanner', line, 'found character that cannot start any token');
    case 'BAD_DQ_ESCAPE':
      return format('scanner', line, 'found unknown escape character');
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/block sequence/i.test(msg) || /^-( |$)/.test(text.slice(offset))) return structuralError(lines, line, firstCol);
      if (startsLine) return format('scanner', line + 1, "could not find expected ':'");
      return format('scanner', colonLine(text, offset, lc), 'mapping values are not allowed in this context');
    case 'MISSING_CHAR':
      if (/quote/.test(msg)) return format('scanner', lc.linePos(text.length).line, 'found unexpected end of stream');
      if (/followed by map values/.test(msg) && startsLine) return format('scanner', line + 1, "could not find expected ':'");
      if (/\]/.test(msg)) return format('parser', line, "did not find expected ',' or ']'");
      if (/\}/.test(msg)) return format('parser', line, "did not find expected ',' or '}'");
      return structuralError(lines, line, firstCol);
    case 'BAD_INDENT':
      if (/Flow sequence/.test(msg)) return format('parser', line, "did not find expected ',' or ']'");
      if (/Flow map/.test(msg)) return format('parser', line, "did not find expected ',' or '}'");
      return structuralError(lines, line, firstCol);
    case 'UNEXPECTED_TOKEN':
      if (/flow-(seq|map)-end/.test(msg)) return format('parser', line, 'did not find expected node content');
      return structuralError(lines, line, firstCol);
    default:
      return structuralError(lines, line, firstCol);
  }
}
