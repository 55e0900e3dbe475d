// Just enough X.509 to authenticate a client certificate: the subject's CN (user) and O (groups),
// and the issuer's CN, read from the DER inside a PEM block.

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function readTlv(b: Uint8Array, pos: number): Tlv | null {
  if (pos + 2 > b.length) return null;
  const tag = b[pos]!;
  let len = b[pos + 1]!;
  let start = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || start + n > b.length) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[start + i]!;
    start += n;
  }
  if (start + len > b.length) return null;
  return { tag, start, end: start + len };
}

function children(b: Uint8Array, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  let p = t.start;
  while (p < t.end) {
    const c = readTlv(b, p);
    if (!c) break;
    out.push(c);
    p = c.end;
  }
  return out;
}

const OID_CN = '2.5.4.3';
const OID_O = '2.5.4.10';

function oidText(b: Uint8Array, t: Tlv): string {
  const bytes = b.subarray(t.start, t.end);
  if (bytes.length === 0) return '';
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (let i = 1; i < bytes.length; i++) {
    v = v * 128 + (bytes[i]! & 0x7f);
    if (!(bytes[i]! & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

function nameAttrs(b: Uint8Array, name: Tlv): { cn: string[]; o: string[] } {
  const out = { cn: [] as string[], o: [] as string[] };
  for (const set of children(b, name)) {
    for (const atv of children(b, set)) {
      const [oid, val] = children(b, atv);
      if (!oid || !val) continue;
      const text = new TextDecoder().decode(b.subarray(val.start, val.end));
      const id = oidText(b, oid);
      if (id === OID_CN) out.cn.push(text);
      if (id === OID_O) out.o.push(text);
    }
  }
  return out;
}

export interface CertSubject {
  commonName: string;
  organizations: string[];
  issuerCommonName: string;
}

function base64Bytes(s: string): Uint8Array | null {
  try {
    const bin = atob(s.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Accepts PEM text, or kubeconfig's `client-certificate-data` (base64 of PEM). */
export function parseCertificate(input: string): CertSubject | null {
  let pem = input;
  if (!pem.includes('-----BEGIN')) {
    const decoded = base64Bytes(pem);
    if (!decoded) return null;
    pem = new TextDecoder().decode(decoded);
  }
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) return null;
  const der = base64Bytes(m[1]!);
  if (!der) return null;
  const cert = readTlv(der, 0);
  if (!cert || cert.tag !== 0x30) return null;
  const tbs = children(der, cert)[0];
  if (!tbs || tbs.tag !== 0x30) return null;
  const fields = children(der, tbs);
  const off = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = fields[off + 2];
  const subject = fields[off + 4];
  if (!issuer || !subject || issuer.tag !== 0x30 || subject.tag !== 0x30) return null;
  const s = nameAttrs(der, subject);
  const i = nameAttrs(der, issuer);
  if (s.cn.length === 0) return null;
  return { commonName: s.cn[0]!, organizations: s.o, issuerCommonName: i.cn[0] ?? '' };
}
