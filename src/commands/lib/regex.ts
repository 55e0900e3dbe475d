// POSIX regular expressions (GNU BRE and ERE, as grep 3.4 and sed 4.7 accept them) translated to JS RegExp.
//
// Grammar handled (GNU flavour):
//   BRE: \( \) groups, \{m,n\} intervals, \| \+ \? (GNU extensions), * (literal at the start of an
//        expression), ^ anchor only at the start, $ only at the end; + ? ( ) { } | are literals.
//   ERE: ( ) { } | + ? * operators; a `{` that does not start a valid interval is a literal.
//   Both: bracket expressions with [:class:] [.c.] [=c=], \< \> \b \B \w \W \s \S \` \', \1-\9.
// JS alternation is leftmost-first where POSIX is leftmost-longest; labs never depend on it.

import { POSIX_CLASSES } from '../../shell/syntax/char-classes';

export type RegexDialect = 'basic' | 'extended';

export type RegexResult = { ok: true; source: string } | { ok: false; error: string };

/** GNU regcomp error texts (what grep and sed print). */
export const REGEX_ERRORS = {
  bracket: 'Unmatched [, [^, [:, [., or [=',
  openParen: 'Unmatched ( or \\(',
  closeParen: 'Unmatched ) or \\)',
  brace: 'Unmatched \\{',
  badInterval: 'Invalid content of \\{\\}',
  trailingBackslash: 'Trailing backslash',
  backref: 'Invalid back reference',
  preceding: 'Invalid preceding regular expression',
  className: 'Invalid character class name',
  range: 'Invalid range end',
} as const;

const JS_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

function lit(c: string): string {
  return JS_SPECIAL.test(c) ? `\\${c}` : c;
}

function classChar(c: string): string {
  return c === '\\' || c === ']' || c === '[' || c === '^' ? `\\${c}` : c;
}

/** Parse a bracket expression at src[i] === '['; returns the JS class and the index after `]`. */
function bracket(src: string, i: number): { out: string; next: number } | { error: string } {
  let j = i + 1;
  let out = '[';
  if (src[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (;;) {
    if (j >= src.length) return { error: REGEX_ERRORS.bracket };
    const c = src[j];
    if (c === ']' && !first) return { out: out + ']', next: j + 1 };
    first = false;
    if (c === '[' && (src[j + 1] === ':' || src[j + 1] === '.' || src[j + 1] === '=')) {
      const kind = src[j + 1];
      const end = src.indexOf(`${kind}]`, j + 2);
      if (end < 0) return { error: REGEX_ERRORS.bracket };
      const name = src.slice(j + 2, end);
      if (kind === ':') {
        const cls = POSIX_CLASSES[name];
        if (cls === undefined) return { error: REGEX_ERRORS.className };
        out += cls;
      } else out += [...name].map(classChar).join('');
      j = end + 2;
      continue;
    }
    if (src[j + 1] === '-' && src[j + 2] !== undefined && src[j + 2] !== ']') {
      const hi = src[j + 2];
      if (hi < c) return { error: REGEX_ERRORS.range };
      out += `${classChar(c)}-${classChar(hi)}`;
      j += 3;
      continue;
    }
    out += c === '-' ? '\\-' : classChar(c);
    j++;
  }
}

/** Parse `m,n` after an interval opener; returns JS quantifier or null when not an interval. */
function interval(src: string, i: number, close: string): { out: string; next: number } | null {
  const end = src.indexOf(close, i);
  if (end < 0) return null;
  const body = src.slice(i, end);
  if (!/^\d*(,\d*)?$/.test(body) || body === '' || body === ',') return null;
  const [lo, hi] = body.split(',');
  if (hi !== undefined && hi !== '' && lo !== '' && Number(hi) < Number(lo)) return null;
  return { out: `{${lo === '' ? '0' : lo}${hi === undefined ? '' : `,${hi}`}}`, next: end + close.length };
}

/** What two stacked repetition operators mean together: (x*)+ is x*, (x+)+ is x+, (x?)? is x?. */
function stackQuantifiers(first: string, second: string): string {
  if (first === second) return first;
  return '*';
}

export function translateRegex(src: string, dialect: RegexDialect): RegexResult {
  const ere = dialect === 'extended';
  let out = '';
  // The last repetition operator emitted, when it ends `out`: POSIX allows `a**` and `a+?`, JS does not
  // (or reads `+?` as lazy), so a second operator is folded into the first.
  let lastQuant = '';
  let quantEnd = -1;
  const quantify = (q: string): void => {
    if (lastQuant !== '' && out.length === quantEnd) {
      lastQuant = stackQuantifiers(lastQuant, q);
      out = out.slice(0, -1) + lastQuant;
    } else {
      out += q;
      lastQuant = q;
    }
    quantEnd = out.length;
  };
  let depth = 0;
  let groups = 0;
  // Whether the previous item can take a repetition operator (false at the start of an expression).
  let canRepeat = false;
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    const atStart = !canRepeat;
    if (c === '\\') {
      if (i + 1 >= src.length) return { ok: false, error: REGEX_ERRORS.trailingBackslash };
      const d = src[i + 1];
      i += 2;
      if (!ere && d === '(') {
        out += '(';
        depth++;
        groups++;
        canRepeat = false;
      } else if (!ere && d === ')') {
        if (depth === 0) return { ok: false, error: REGEX_ERRORS.closeParen };
        out += ')';
        depth--;
        canRepeat = true;
      } else if (!ere && d === '|') {
        out += '|';
        canRepeat = false;
      } else if (!ere && d === '{') {
        if (atStart) return { ok: false, error: REGEX_ERRORS.preceding };
        const iv = interval(src, i, '\\}');
        if (!iv) return { ok: false, error: src.indexOf('\\}', i) < 0 ? REGEX_ERRORS.brace : REGEX_ERRORS.badInterval };
        out += iv.out;
        i = iv.next;
      } else if (!ere && (d === '+' || d === '?')) {
        if (atStart) out += `\\${d}`;
        else quantify(d);
        canRepeat = true;
        continue;
      } else if (d >= '1' && d <= '9') {
        if (Number(d) > groups) return { ok: false, error: REGEX_ERRORS.backref };
        out += `\\${d}`;
        canRepeat = true;
      } else if (d === '<') {
        out += '\\b(?=\\w)';
      } else if (d === '>') {
        out += '\\b(?<=\\w)';
      } else if (d === '`') {
        out += '^';
      } else if (d === "'") {
        out += '$';
      } else if ('bBwWsS'.includes(d)) {
        out += `\\${d}`;
        canRepeat = !'bB'.includes(d);
      } else if (d === 'n') {
        out += '\\n';
        canRepeat = true;
      } else if (d === 't') {
        out += '\\t';
        canRepeat = true;
      } else {
        out += lit(d);
        canRepeat = true;
      }
      continue;
    }
    if (c === '[') {
      const b = bracket(src, i);
      if ('error' in b) return { ok: false, error: b.error };
      out += b.out;
      i = b.next;
      canRepeat = true;
      continue;
    }
    if (c === '.') {
      out += '.';
      canRepeat = true;
      i++;
      continue;
    }
    if (c === '*') {
      if (atStart) out += '\\*';
      else quantify('*');
      canRepeat = true;
      i++;
      continue;
    }
    if (c === '^') {
      if (ere || atStart) {
        out += '^';
        canRepeat = false;
      } else {
        out += '\\^';
        canRepeat = true;
      }
      i++;
      continue;
    }
    if (c === '$') {
      const next = src.slice(i + 1);
      const atEnd = next === '' || (!ere && (next.startsWith('\\)') || next.startsWith('\\|'))) || (ere && (next[0] === ')' || next[0] === '|'));
      out += ere || atEnd ? '$' : '\\$';
      canRepeat = !(ere || atEnd);
      i++;
      continue;
    }
    if (ere) {
      if (c === '(') {
        out += '(';
        depth++;
        groups++;
        canRepeat = false;
        i++;
        continue;
      }
      if (c === ')') {
        if (depth === 0) return { ok: false, error: REGEX_ERRORS.closeParen };
        out += ')';
        depth--;
        canRepeat = true;
        i++;
        continue;
      }
      if (c === '|') {
        out += '|';
        canRepeat = false;
        i++;
        continue;
      }
      if (c === '+' || c === '?') {
        if (atStart) out += `\\${c}`;
        else quantify(c);
        canRepeat = true;
        i++;
        continue;
      }
      if (c === '{') {
        const iv = atStart ? null : interval(src, i + 1, '}');
        if (iv) {
          out += iv.out;
          i = iv.next;
        } else {
          out += '\\{';
          canRepeat = true;
          i++;
        }
        continue;
      }
    }
    out += lit(c);
    canRepeat = true;
    i++;
  }
  if (depth > 0) return { ok: false, error: REGEX_ERRORS.openParen };
  return { ok: true, source: out };
}

/** Escape a fixed string (grep -F) for a JS RegExp. */
export function escapeFixed(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

export function compileRegex(src: string, dialect: RegexDialect, flags = ''): { ok: true; re: RegExp } | { ok: false; error: string } {
  const t = translateRegex(src, dialect);
  if (!t.ok) return t;
  try {
    return { ok: true, re: new RegExp(t.source, flags) };
  } catch {
    // A construct we translated but JS rejects; report it as GNU would report a malformed expression.
    return { ok: false, error: REGEX_ERRORS.preceding };
  }
}
