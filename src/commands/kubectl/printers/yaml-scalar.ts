// How gopkg.in/yaml.v2 (v2.4, under sigs.k8s.io/yaml) writes one string: plain, 'single', "double"
// or a | block, and where a long scalar folds onto the next line. kubectl -o yaml is this encoder.
//
// Style choice = encode.go stringv (quote anything that would read back as another type: "True",
// "48211", timestamps, "") then emitterc.go analyze_scalar / select_scalar_style (indicators, leading
// or trailing spaces, unprintable characters). Folding = write_*_scalar: at a space, once the line is
// already past column 80 (best_width), the space becomes a line break.

export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

const yamlStyleFloat = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const base60Float = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const goIntLiteral = /^[-+]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|[0-9]+)$/;

/** resolve("", s) in yaml.v2: would this text, unquoted, read back as a string? */
export function resolvesToString(s: string): boolean {
  if (s === '') return false;
  const c = s[0] as string;
  const hint = c === '+' || c === '-' ? 'S' : c >= '0' && c <= '9' ? 'D' : 'yYnNtTfFoO~'.includes(c) ? 'M' : c === '.' ? '.' : '';
  if (hint === '') return true;
  if (RESOLVE_MAP.has(s)) return false;
  if (hint === 'M') return true;
  if (hint === '.') return !/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s);
  if (isYamlTimestamp(s)) return false;
  const plain = s.replaceAll('_', '');
  // Any integer literal: in int64, in uint64, or too long for both and then a float by yamlStyleFloat.
  if (goIntLiteral.test(plain) || /^[-+]?0[0-9]*$/.test(plain)) return false;
  if (yamlStyleFloat.test(plain)) return false;
  return true;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** yaml.v2 parseTimestamp: the four layouts it tries with Go's time.Parse, ranges checked. */
export function isYamlTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > maxDay) return false;
  const hour = m[4] ?? m[7];
  const minute = m[5] ?? m[8];
  const second = m[6] ?? m[9];
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59)) return false;
  return true;
}

/** yaml.v2 is_printable, by code point. Line/paragraph separators count as unprintable here (see header). */
function isPrintable(cp: number): boolean {
  if (cp === 0x2028 || cp === 0x2029) return false;
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** emitterc.go yaml_emitter_analyze_scalar (block context only: kubectl never emits flow style). */
function analyzeScalar(value: string): ScalarAnalysis {
  const chars = Array.from(value);
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  const isBlank = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const last = i === chars.length - 1;
    const followedByWhitespace = last || isBlank(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if (ch === ':' && followedByWhitespace) {
      blockIndicators = true;
    } else if (ch === '#' && precededByWhitespace) {
      blockIndicators = true;
    }
    if (!isPrintable(ch.codePointAt(0) as number)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (ch === '\n' || ch === '\r' || ch === '\u0085') {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlank(ch) || ch === '\n' || ch === '\r' || ch === '\u0085';
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** The style yaml.v2 writes a string in, as a mapping key (`simpleKey`) or as a value. */
export function stringStyle(value: string, simpleKey: boolean): ScalarStyle {
  const canUsePlain = resolvesToString(value) && !base60Float.test(value);
  let style: ScalarStyle = value.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  const a = analyzeScalar(value);
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (value === '' && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

const DOUBLE_ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

/**
 * Write a scalar that starts at `column` (just after `key:` or `-`), folding long lines at
 * `indent`. Returns the text (with its leading space) and, for block scalars, the trailing lines.
 */
export function writeScalar(value: string, style: ScalarStyle, column: number, indent: number, allowBreaks: boolean): string {
  const chars = Array.from(value);
  let out = ' ';
  let col = column + 1;
  const fold = (): void => {
    out += `\n${' '.repeat(indent)}`;
    col = indent;
  };
  if (style === 'literal') return ` ${literalHeader(value)}${literalBody(value, indent)}`;
  if (style !== 'plain') {
    out += style === 'single' ? "'" : '"';
    col++;
  }
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const cp = ch.codePointAt(0) as number;
    const inner = i > 0 && i < chars.length - 1;
    if (style === 'double' && (!isPrintable(cp) || cp === 0xfeff || ch === '"' || ch === '\\' || cp === 0x85 || ch === '\n' || ch === '\r')) {
      const escape = DOUBLE_ESCAPES[cp] ?? hexEscape(cp);
      out += `\\${escape}`;
      col += 1 + Array.from(escape).length;
      spaces = false;
      continue;
    }
    if (ch === ' ') {
      const nextIsSpace = chars[i + 1] === ' ';
      const canFold =
        allowBreaks && !spaces && col > BEST_WIDTH && (style === 'plain' ? !nextIsSpace : style === 'single' ? inner && !nextIsSpace : inner);
      if (canFold) {
        fold();
        if (style === 'double' && nextIsSpace) {
          out += '\\';
          col++;
        }
      } else {
        out += ' ';
        col++;
      }
      spaces = true;
      continue;
    }
    if (style === 'single' && ch === "'") {
      out += "'";
      col++;
    }
    out += ch;
    col++;
    spaces = false;
  }
  if (style === 'single') out += "'";
  if (style === 'double') out += '"';
  return out;
}

function hexEscape(cp: number): string {
  if (cp <= 0xff) return `x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `U${cp.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** `|`, with an indentation hint when the text starts with a space or newline and a chomping hint. */
function literalHeader(value: string): string {
  let header = '|';
  if (value.startsWith(' ') || value.startsWith('\n')) header += String(BEST_INDENT);
  if (!value.endsWith('\n')) header += '-';
  else if (value === '\n' || value.endsWith('\n\n')) header += '+';
  return header;
}

/** The lines of a block scalar, each indented; empty lines carry no spaces. */
function literalBody(value: string, indent: number): string {
  const lines = value.split('\n');
  if (value.endsWith('\n')) lines.pop();
  return lines.map((line) => (line === '' ? '\n' : `\n${' '.repeat(indent)}${line}`)).join('');
}
