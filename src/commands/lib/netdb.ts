// Name resolution and TCP connects as curl, wget and nc see them: glibc reads /etc/hosts (through the
// process's file view, so the opens are real events), then asks the optional `net` service; the lab
// is offline, so anything else fails the way getaddrinfo fails without a reachable DNS server.

import type { CommandContext } from '../types';

export type ConnectError = 'ECONNREFUSED' | 'ENETUNREACH' | 'ETIMEDOUT' | 'EHOSTUNREACH';

export interface HttpRequest {
  method: string;
  host: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface HttpResponse {
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/**
 * The network as programs need it. No area provides it yet; when one does it registers a `net`
 * service with this shape (per process: it knows the caller's node, container and credentials).
 */
export interface NetService {
  /** DNS beyond /etc/hosts (cluster DNS for pods); null when the name does not resolve. */
  resolve?(name: string): string | null;
  /** connect(2): emits the syscall event; 'ok' when something listens there. */
  connect(ip: string, port: number, proto: 'tcp' | 'udp'): 'ok' | ConnectError;
  /** One HTTP exchange with whatever listens at ip:port; null when it does not speak HTTP. */
  http?(ip: string, port: number, req: HttpRequest): HttpResponse | null;
}

export const CONNECT_ERROR_TEXT: Record<ConnectError, string> = {
  ECONNREFUSED: 'Connection refused',
  ENETUNREACH: 'Network is unreachable',
  ETIMEDOUT: 'Connection timed out',
  EHOSTUNREACH: 'No route to host',
};

export type Resolved = { ok: true; ip: string } | { ok: false; error: 'EAI_AGAIN' | 'EAI_NONAME' };

/** gai_strerror texts. */
export const GAI_TEXT = { EAI_AGAIN: 'Temporary failure in name resolution', EAI_NONAME: 'Name or service not known' } as const;

export function netOf(ctx: CommandContext): NetService | undefined {
  return ctx.sys.services.get<NetService>('net');
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function readQuietly(ctx: CommandContext, path: string): string {
  try {
    return ctx.sys.fs.readFile(path);
  } catch {
    return '';
  }
}

/** getaddrinfo(3) for an IPv4 answer: literal, /etc/hosts, then the net service's DNS. */
export function resolveHost(ctx: CommandContext, host: string): Resolved {
  if (isIPv4(host)) return { ok: true, ip: host };
  const wanted = host.toLowerCase().replace(/\.$/, '');
  for (const line of readQuietly(ctx, '/etc/hosts').split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length < 2 || !isIPv4(fields[0])) continue;
    if (fields.slice(1).some((n) => n.toLowerCase() === wanted)) return { ok: true, ip: fields[0] };
  }
  // glibc reads resolv.conf before asking the name server, even when it cannot reach it.
  readQuietly(ctx, '/etc/resolv.conf');
  const dns = netOf(ctx)?.resolve?.(wanted) ?? null;
  if (dns !== null) return { ok: true, ip: dns };
  return { ok: false, error: 'EAI_AGAIN' };
}

/** Private and loopback addresses answer (with a refusal when nothing listens); the internet is away. */
export function defaultConnect(ip: string): 'ok' | ConnectError {
  if (/^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(ip)) return 'ECONNREFUSED';
  if (ip.startsWith('169.254.')) return 'ETIMEDOUT';
  return 'ENETUNREACH';
}

export function connectTo(ctx: CommandContext, ip: string, port: number, proto: 'tcp' | 'udp' = 'tcp'): 'ok' | ConnectError {
  const net = netOf(ctx);
  return net ? net.connect(ip, port, proto) : defaultConnect(ip);
}

export interface ParsedUrl {
  scheme: string;
  host: string;
  port: number;
  /** Path with query, at least `/`. */
  path: string;
  /** As the user wrote it, normalised the way curl/wget echo it back (`http://h/`). */
  href: string;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ftp: 21 };

/** Parse a URL the way curl and wget accept them: the scheme defaults to http. */
export function parseUrl(raw: string): ParsedUrl | { error: 'scheme'; scheme: string } | { error: 'malformed' } {
  let rest = raw;
  let scheme = 'http';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(raw);
  if (m) {
    scheme = m[1].toLowerCase();
    rest = raw.slice(m[0].length);
  }
  if (!(scheme in DEFAULT_PORTS)) return { error: 'scheme', scheme: m ? m[1] : scheme };
  const slash = rest.search(/[/?#]/);
  let authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  if (path.startsWith('?')) path = `/${path}`;
  path = path.replace(/#.*/, '') || '/';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  let port = DEFAULT_PORTS[scheme];
  const pm = /^(.*):(\d*)$/.exec(authority);
  if (pm && !authority.startsWith('[')) {
    host = pm[1];
    if (pm[2] !== '') port = Number(pm[2]);
  }
  if (host === '' || port > 65535 || /[\s]/.test(host)) return { error: 'malformed' };
  const portText = port === DEFAULT_PORTS[scheme] ? '' : `:${port}`;
  return { scheme, host, port, path, href: `${scheme}://${host}${portText}${path}` };
}
