// curl 7.68 (focal) / 7.74 (Debian 11): resolve, connect and one HTTP exchange through the `net`
// service; offline, the real failures (6 resolve, 7 connect, 28 timeout) with curl's progress meter.

import { has, lastValue, parseArgs, type LongOpt } from './lib/args';
import { readRelease } from './lib/debian-pkgs';
import { vfsError } from './lib/io';
import { CONNECT_ERROR_TEXT, connectTo, netOf, parseUrl, resolveHost, type HttpResponse } from './lib/netdb';
import type { Command, CommandContext } from './types';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

const LONG: Record<string, LongOpt> = {
  silent: { key: 's', arg: 'none' },
  'show-error': { key: 'S', arg: 'none' },
  output: { key: 'o', arg: 'required' },
  'remote-name': { key: 'O', arg: 'none' },
  fail: { key: 'f', arg: 'none' },
  location: { key: 'L', arg: 'none' },
  head: { key: 'I', arg: 'none' },
  include: { key: 'i', arg: 'none' },
  insecure: { key: 'k', arg: 'none' },
  verbose: { key: 'v', arg: 'none' },
  request: { key: 'X', arg: 'required' },
  data: { key: 'd', arg: 'required' },
  'data-binary': { key: 'd', arg: 'required' },
  'data-raw': { key: 'd', arg: 'required' },
  header: { key: 'H', arg: 'required' },
  user: { key: 'u', arg: 'required' },
  'user-agent': { key: 'A', arg: 'required' },
  'max-time': { key: 'm', arg: 'required' },
  'connect-timeout': { key: 'connect-timeout', arg: 'required' },
  proxy: { key: 'x', arg: 'required' },
  'write-out': { key: 'w', arg: 'required' },
  cacert: { key: 'cacert', arg: 'required' },
  cert: { key: 'E', arg: 'required' },
  key: { key: 'key', arg: 'required' },
  version: { key: 'V', arg: 'none' },
  help: { key: 'h', arg: 'none' },
  ipv4: { key: '4', arg: 'none' },
  ipv6: { key: '6', arg: 'none' },
  'no-progress-meter': { key: 'no-progress-meter', arg: 'none' },
};

function versionText(ctx: CommandContext): string {
  if (readRelease(ctx.sys.fs).id === 'debian') {
    return 'curl 7.74.0 (x86_64-pc-linux-gnu) libcurl/7.74.0 OpenSSL/1.1.1n zlib/1.2.11 brotli/1.0.9 libidn2/2.3.0 libpsl/0.21.0 (+libidn2/2.3.0) libssh2/1.9.0 nghttp2/1.43.0 librtmp/2.3\nRelease-Date: 2020-12-09\nProtocols: dict file ftp ftps gopher http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp \nFeatures: alt-svc AsynchDNS brotli GSS-API HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL TLS-SRP UnixSockets\n';
  }
  return 'curl 7.68.0 (x86_64-pc-linux-gnu) libcurl/7.68.0 OpenSSL/1.1.1f zlib/1.2.11 brotli/1.0.7 libidn2/2.2.0 libpsl/0.21.0 (+libidn2/2.2.0) libssh/0.9.3/openssl/zlib nghttp2/1.40.0 librtmp/2.3\nRelease-Date: 2020-01-08\nProtocols: dict file ftp ftps gopher http https imap imaps ldap ldaps pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp \nFeatures: AsynchDNS brotli GSS-API HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL TLS-SRP UnixSockets\n';
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
const size5 = (n: number): string => (n < 100000 ? String(n) : `${Math.round(n / 1024)}k`).padStart(5);

interface Transfer {
  ctx: CommandContext;
  meter: boolean;
  showErrors: boolean;
  verbose: boolean;
}

function fail(t: Transfer, code: number, message: string): number {
  if (t.meter) t.ctx.stderr.write('\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0');
  if (t.verbose) t.ctx.stderr.write(`* ${message}\n* Closing connection 0\n`);
  if (t.showErrors) t.ctx.stderr.write(`curl: (${code}) ${message}\n`);
  return code;
}

async function fetchOne(ctx: CommandContext, raw: string, p: Extract<ReturnType<typeof parseArgs>, { ok: true }>, t: Transfer): Promise<number> {
  const url = parseUrl(raw);
  if ('error' in url) {
    if (url.error === 'scheme') return fail(t, 1, `Protocol "${url.scheme}" not supported or disabled in libcurl`);
    return fail(t, 3, 'URL using bad/illegal format or missing URL');
  }
  if (t.meter) ctx.stderr.write(METER_HEAD);
  const proxyRaw = lastValue(p, 'x') ?? ctx.env[`${url.scheme}_proxy`] ?? ctx.env[`${url.scheme.toUpperCase()}_PROXY`];
  const proxy = proxyRaw ? parseUrl(proxyRaw) : null;
  const target = proxy && !('error' in proxy) ? { host: proxy.host, port: proxy.port } : { host: url.host, port: url.port };
  const resolved = resolveHost(ctx, target.host);
  if (!resolved.ok) return fail(t, proxy ? 5 : 6, `Could not resolve ${proxy ? 'proxy' : 'host'}: ${target.host}`);
  if (t.verbose) ctx.stderr.write(`*   Trying ${resolved.ip}:${target.port}...\n* TCP_NODELAY set\n`);
  const c = connectTo(ctx, resolved.ip, target.port);
  if (c !== 'ok') {
    if (c === 'ETIMEDOUT') {
      const limit = Number(lastValue(p, 'connect-timeout') ?? lastValue(p, 'm') ?? 0);
      // Linux gives up on an unanswered SYN after about 127 s; curl's own timeout wins when set.
      const waitS = limit > 0 ? limit : 127;
      if (!(await ctx.sys.sleep(Math.round(waitS * 1e9)))) return 130;
      if (limit > 0) return fail(t, 28, `Connection timed out after ${Math.round(limit * 1000) + 1} milliseconds`);
    }
    if (t.verbose) ctx.stderr.write(`* connect to ${resolved.ip} port ${target.port} failed: ${CONNECT_ERROR_TEXT[c]}\n`);
    return fail(t, 7, `Failed to connect to ${target.host} port ${target.port}: ${CONNECT_ERROR_TEXT[c]}`);
  }
  const headers: Record<string, string> = { Host: url.host, 'User-Agent': lastValue(p, 'A') ?? 'curl/7.68.0', Accept: '*/*' };
  for (const o of p.opts) if (o.key === 'H' && o.value?.includes(':')) headers[o.value.slice(0, o.value.indexOf(':')).trim()] = o.value.slice(o.value.indexOf(':') + 1).trim();
  const data = p.opts.filter((o) => o.key === 'd').map((o) => o.value ?? '').join('&');
  const method = lastValue(p, 'X') ?? (has(p, 'I') ? 'HEAD' : data !== '' ? 'POST' : 'GET');
  const res: HttpResponse | null = netOf(ctx)?.http?.(resolved.ip, target.port, { method, host: url.host, path: proxy ? url.href : url.path, headers, body: data }) ?? null;
  if (res === null) return fail(t, 52, 'Empty reply from server');
  if (has(p, 'f') && res.status >= 400) return fail(t, 22, `The requested URL returned error: ${res.status} ${res.reason}`);
  const head = `HTTP/1.1 ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  const body = (has(p, 'i') || has(p, 'I') ? head : '') + (method === 'HEAD' ? '' : res.body);
  let outPath = lastValue(p, 'o') ?? null;
  if (has(p, 'O')) {
    const name = url.path.replace(/[?#].*$/, '').split('/').pop() ?? '';
    if (name === '') {
      ctx.stderr.write(`curl: Remote file name has no length!\n${TRY}`);
      return 23;
    }
    outPath = name;
  }
  const size = new TextEncoder().encode(body).length;
  if (t.meter) ctx.stderr.write(`\r100 ${size5(size)}  100 ${size5(size)}    0     0  ${size5(size)}      0 --:--:-- --:--:-- --:--:-- ${size5(size)}\n`);
  if (outPath === null || outPath === '-') ctx.stdout.write(body);
  else {
    try {
      ctx.sys.fs.writeFile(outPath, body);
    } catch (e) {
      ctx.stderr.write(`Warning: Failed to create the file ${outPath}: ${vfsError(e).text}\n`);
      return fail({ ...t, meter: false }, 23, 'Failure writing output to destination');
    }
  }
  const w = lastValue(p, 'w');
  if (w !== undefined) ctx.stdout.write(w.replace(/%\{http_code\}/g, String(res.status)).replace(/%\{size_download\}/g, String(size)).replace(/\\n/g, '\n'));
  return 0;
}

async function runCurl(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'sSo:OfLIikvX:d:H:u:A:m:x:w:E:Vh46', long: LONG });
  if (!p.ok) {
    const opt = /'(-[^']*)'/.exec(p.error)?.[1] ?? `-${/-- '(.)'/.exec(p.error)?.[1] ?? ''}`;
    if (p.error.includes('requires an argument')) ctx.stderr.write(`curl: option ${opt.replace(/^([^-])/, '-$1')}: requires parameter\n${TRY}`);
    else ctx.stderr.write(`curl: option ${opt}: is unknown\n${TRY}`);
    return 2;
  }
  if (has(p, 'V')) {
    ctx.stdout.write(versionText(ctx));
    return 0;
  }
  if (has(p, 'h')) {
    ctx.stdout.write('Usage: curl [options...] <url>\n -d, --data <data>   HTTP POST data\n -f, --fail          Fail silently (no output at all) on HTTP errors\n -h, --help <category> Get help for commands\n -i, --include       Include protocol response headers in the output\n -o, --output <file> Write to file instead of stdout\n -O, --remote-name   Write output to a file named as the remote file\n -s, --silent        Silent mode\n -T, --upload-file <file> Transfer local FILE to destination\n -u, --user <user:password> Server user and password\n -A, --user-agent <name> Send User-Agent <name> to server\n -v, --verbose       Make the operation more talkative\n -V, --version       Show version number and quit\n\nThis is not the full help, this menu is stripped into categories.\nUse "--help category" to get an overview of all categories.\nFor all options use the manual or "--help all".\n');
    return 0;
  }
  if (p.operands.length === 0) {
    ctx.stderr.write(TRY);
    return 2;
  }
  const silent = has(p, 's');
  const toFile = lastValue(p, 'o') !== undefined || has(p, 'O');
  const t: Transfer = {
    ctx,
    meter: !silent && !has(p, 'no-progress-meter') && !has(p, 'v') && (toFile || !ctx.stdout.isTTY),
    showErrors: !silent || has(p, 'S'),
    verbose: has(p, 'v'),
  };
  let status = 0;
  for (const u of p.operands) {
    const r = await fetchOne(ctx, u, p, t);
    if (r !== 0) status = r;
  }
  return status;
}

export const curl: Command = { name: 'curl', run: runCurl };
