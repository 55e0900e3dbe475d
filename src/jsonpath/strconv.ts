// The two Go strconv routines the JSONPath parser relies on: Atoi for indexes and numbers, and
// client-go's UnquoteExtend (strconv.Unquote that also accepts single-quoted strings) for literals.

/** Go strconv.Atoi: optional sign, ASCII digits, within int64. Null when Go would fail. */
export function goAtoi(s: string): number | null {
  if (!/^[+-]?\d+$/.test(s)) return null;
  const big = BigInt(s);
  if (big > 9223372036854775807n || big < -9223372036854775808n) return null;
  return Number(big);
}

/**
 * client-go's UnquoteExtend: strconv.Unquote that also accepts single-quoted strings of any length.
 * Null where Go returns ErrSyntax.
 */
export function unquoteExtend(s: string): string | null {
  const chars = Array.from(s);
  const n = chars.length;
  if (n < 2) return null;
  const quote = chars[0] as string;
  if (quote !== chars[n - 1]) return null;
  if (quote !== '"' && quote !== "'") return null;
  const body = chars.slice(1, n - 1);
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i] as string;
    if (c === quote) return null;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= body.length) return null;
    const e = body[i + 1] as string;
    i += 2;
    const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
    if (e in simple) {
      out += simple[e];
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const hex = body.slice(i, i + len).join('');
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return null;
      const v = parseInt(hex, 16);
      i += len;
      if (e !== 'x' && (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))) return null;
      // \xNN is a raw byte in Go; as a JS string it can only be the code unit.
      out += e === 'x' ? String.fromCharCode(v) : String.fromCodePoint(v);
    } else if (e >= '0' && e <= '7') {
      const digits = body.slice(i, i + 2);
      if (digits.length < 2 || !digits.every((d) => d >= '0' && d <= '7')) return null;
      const v = parseInt(e + digits.join(''), 8);
      if (v > 255) return null;
      i += 2;
      out += String.fromCharCode(v);
    } else if (e === "'" || e === '"') {
      if (e !== quote) return null;
      out += e;
    } else {
      return null;
    }
  }
  return out;
}
