// Base64 (RFC 4648) over UTF-8 bytes, as coreutils base64 encodes and decodes.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += ALPHABET[(n >> 18) & 63] + ALPHABET[(n >> 12) & 63];
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Decode; null on invalid input (coreutils: `base64: invalid input`). Newlines are ignored. */
export function base64Decode(text: string, ignoreGarbage = false): Uint8Array | null {
  let clean = text.replace(/\n/g, '');
  if (ignoreGarbage) clean = clean.replace(/[^A-Za-z0-9+/=]/g, '');
  const bytes: number[] = [];
  let buf = 0;
  let bits = 0;
  let padding = false;
  for (const ch of clean) {
    if (ch === '=') {
      padding = true;
      continue;
    }
    const v = ALPHABET.indexOf(ch);
    if (v < 0 || padding) return null;
    buf = (buf << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buf >> bits) & 0xff);
    }
  }
  if (bits >= 6) return null;
  return Uint8Array.from(bytes);
}
