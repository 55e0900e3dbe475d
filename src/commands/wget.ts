// wget: GNU Wget 1.20 on the nodes, busybox's applet in Alpine. Resolve, connect and fetch through the
// `net` service; offline, their exact failure lines (GNU exits 4 on network errors, busybox 1).

import { has, lastValue, parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { vfsError } from './lib/io';
import { CONNECT_ERROR_TEXT, connectTo, isIPv4, netOf, parseUrl, resolveHost, type ParsedUrl } from './lib/netdb';
import { quoteLocale } from './lib/quote';
import type { CommandContext } from './types';

function stamp(ctx: CommandContext): string {
  return ctx.sys.wall().date.toISOString().slice(0, 19).replace('T', ' ');
}

function outputName(ctx: CommandContext, url: ParsedUrl): string {
  const base = url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html';
  if (!ctx.sys.fs.exists(base)) return base;
  let n = 1;
  while (ctx.sys.fs.exists(`${base}.${n}`)) n++;
  return `${base}.${n}`;
}

async function gnuFetch(ctx: CommandContext, raw: string, quiet: boolean, output: string | undefined, tries: number): Promise<number> {
  const log = (s: string): void => {
    if (!quiet) ctx.stderr.write(s);
  };
  const url = parseUrl(raw);
  if ('error' in url) {
    ctx.stderr.write(url.error === 'scheme' ? `${raw}: Unsupported scheme ${quoteLocale(url.scheme, ctx.env)}.\n` : `${raw}: Invalid host name.\n`);
    return 1;
  }
  for (let attempt = 1; ; attempt++) {
    log(`--${stamp(ctx)}--  ${attempt > 1 ? `(try:${String(attempt).padStart(2)})  ` : ''}${url.href}\n`);
    let ip = url.host;
    let where = `${url.host}:${url.port}`;
    if (!isIPv4(url.host)) {
      log(`Resolving ${url.host} (${url.host})... `);
      const r = resolveHost(ctx, url.host);
      if (!r.ok) {
        log('failed: Temporary failure in name resolution.\n');
        ctx.stderr.write(`wget: unable to resolve host address ${quoteLocale(url.host, ctx.env)}\n`);
        return 4;
      }
      log(`${r.ip}\n`);
      ip = r.ip;
      where = `${url.host} (${url.host})|${ip}|:${url.port}`;
    }
    log(`Connecting to ${where}... `);
    const c = connectTo(ctx, ip, url.port);
    if (c === 'ETIMEDOUT') {
      if (!(await ctx.sys.sleep(127e9))) return 130;
      log('failed: Connection timed out.\n');
      if (attempt >= tries) {
        log('Giving up.\n\n');
        return 4;
      }
      log('Retrying.\n\n');
      if (!(await ctx.sys.sleep(Math.min(attempt, 10) * 1e9))) return 130;
      continue;
    }
    if (c !== 'ok') {
      log(`failed: ${CONNECT_ERROR_TEXT[c]}.\n`);
      return 4;
    }
    log('connected.\n');
    const res = netOf(ctx)?.http?.(ip, url.port, { method: 'GET', host: url.host, path: url.path, headers: { 'User-Agent': 'Wget/1.20.3 (linux-gnu)' }, body: '' }) ?? null;
    log('HTTP request sent, awaiting response... ');
    if (res === null) {
      log('No data received.\nRetrying.\n\n');
      if (attempt >= tries) return 4;
      continue;
    }
    log(`${res.status} ${res.reason}\n`);
    if (res.status >= 400) {
      ctx.stderr.write(`${stamp(ctx)} ERROR ${res.status}: ${res.reason}.\n\n`);
      return 8;
    }
    const type = res.headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1].split(';')[0] ?? 'text/html';
    const size = new TextEncoder().encode(res.body).length;
    const file = output ?? outputName(ctx, url);
    log(`Length: ${size} [${type}]\n`);
    log(file === '-' ? 'Saving to: ‘STDOUT’\n\n' : `Saving to: ${quoteLocale(file, ctx.env)}\n\n`);
    if (file === '-') ctx.stdout.write(res.body);
    else {
      try {
        ctx.sys.fs.writeFile(file, res.body);
      } catch (e) {
        ctx.stderr.write(`${file}: ${vfsError(e).text}\n`);
        return 3;
      }
    }
    log(`${(file === '-' ? '-' : file).padEnd(20).slice(0, 20)}100%[===================>] ${String(size).padStart(7)}  --.-KB/s    in 0s      \n\n`);
    log(`${stamp(ctx)} (1.00 MB/s) - ${file === '-' ? 'written to stdout' : `${quoteLocale(file, ctx.env)} saved`} [${size}/${size}]\n\n`);
    return 0;
  }
}

async function busyboxFetch(ctx: CommandContext, raw: string, quiet: boolean, output: string | undefined): Promise<number> {
  const url = parseUrl(raw);
  if ('error' in url) {
    ctx.stderr.write(url.error === 'scheme' ? `wget: not an http or ftp url: ${raw}\n` : `wget: bad address '${raw}'\n`);
    return 1;
  }
  const r = resolveHost(ctx, url.host);
  if (!r.ok) {
    ctx.stderr.write(`wget: bad address '${url.host}'\n`);
    return 1;
  }
  if (!quiet) ctx.stderr.write(`Connecting to ${url.host} (${r.ip}:${url.port})\n`);
  const c = connectTo(ctx, r.ip, url.port);
  if (c !== 'ok') {
    if (c === 'ETIMEDOUT' && !(await ctx.sys.sleep(127e9))) return 130;
    ctx.stderr.write(`wget: can't connect to remote host (${r.ip}): ${CONNECT_ERROR_TEXT[c]}\n`);
    return 1;
  }
  const res = netOf(ctx)?.http?.(r.ip, url.port, { method: 'GET', host: url.host, path: url.path, headers: {}, body: '' }) ?? null;
  if (res === null) {
    ctx.stderr.write('wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  if (res.status >= 400) {
    ctx.stderr.write(`wget: server returned error: HTTP/1.1 ${res.status} ${res.reason}\n`);
    return 1;
  }
  const file = output ?? (url.path.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
  if (file === '-') ctx.stdout.write(res.body);
  else {
    try {
      ctx.sys.fs.writeFile(file, res.body);
    } catch (e) {
      ctx.stderr.write(`wget: can't open '${file}': ${vfsError(e).text}\n`);
      return 1;
    }
    if (!quiet) ctx.stderr.write(`saving to '${file}'\n${file.padEnd(20).slice(0, 20)} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA\n'${file}' saved\n`);
  }
  return 0;
}

export async function runWget(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'qO:t:T:cSVhnv',
    long: {
      quiet: { key: 'q', arg: 'none' },
      'output-document': { key: 'O', arg: 'required' },
      tries: { key: 't', arg: 'required' },
      timeout: { key: 'T', arg: 'required' },
      'no-check-certificate': { key: 'ncc', arg: 'none' },
      spider: { key: 'spider', arg: 'none' },
      version: { key: 'V', arg: 'none' },
      help: { key: 'h', arg: 'none' },
    },
  });
  const prog = 'wget';
  if (!p.ok) {
    ctx.stderr.write(dialect === 'gnu' ? `${prog}: ${p.error}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n` : `${prog}: ${p.error}\n`);
    return dialect === 'gnu' ? 2 : 1;
  }
  if (has(p, 'V') && dialect === 'gnu') {
    ctx.stdout.write('GNU Wget 1.20.3 built on linux-gnu.\n\n-cares +digest -gpgme +https +ipv6 +iri +large-file -metalink +nls \n+ntlm +opie +psl +ssl/openssl \n');
    return 0;
  }
  if (p.operands.length === 0) {
    ctx.stderr.write(dialect === 'gnu' ? "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n" : 'BusyBox v1.35.0 (2022-11-19 10:13:10 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n');
    return 1;
  }
  const quiet = has(p, 'q');
  const output = lastValue(p, 'O');
  const tries = Number(lastValue(p, 't') ?? 20) || 20;
  let status = 0;
  for (const u of p.operands) {
    const r = dialect === 'gnu' ? await gnuFetch(ctx, u, quiet, output, tries) : await busyboxFetch(ctx, u, quiet, output);
    if (r !== 0) status = r;
  }
  return status;
}

export const wget = defineCommand('wget', runWget);
