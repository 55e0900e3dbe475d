// nc: OpenBSD netcat 1.206 on the nodes (no -e/-c: it refuses them), busybox nc in Alpine (which has
// -e). Connect through the `net` service, listen until interrupted, and the real failure messages.

import { readAll } from '../core/stream';
import { parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { CONNECT_ERROR_TEXT, connectTo, GAI_TEXT, resolveHost } from './lib/netdb';
import type { CommandContext } from './types';

const OPENBSD_USAGE = `usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]
\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]
\t  [-q seconds] [-s source] [-T keyword] [-V rtable] [-W recvlimit] [-w timeout]
\t  [-X proxy_protocol] [-x proxy_address[:port]] \t  [destination] [port]
`;

const BUSYBOX_USAGE = `BusyBox v1.35.0 (2022-11-19 10:13:10 UTC) multi-call binary.

Usage: nc [OPTIONS] HOST PORT  - connect
nc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen

\t-e PROG\tRun PROG after connect (must be last)
\t-l\tListen mode, for inbound connects
\t-lk\tWith -e, provides persistent server
\t-p PORT\tLocal port
\t-s ADDR\tLocal address
\t-w SEC\tTimeout for connects and final net reads
\t-i SEC\tDelay interval for lines sent
\t-n\tDon't do DNS resolution
\t-u\tUDP mode
\t-b\tAllow broadcasts
\t-v\tVerbose
\t-o FILE\tHex dump traffic
\t-z\tZero-I/O mode (scanning)
`;

const SERVICES: Record<number, string> = { 22: 'ssh', 80: 'http', 443: 'https', 6443: 'sun-sr-https', 2379: '*', 10250: '*' };

/** Wait for Ctrl-C or a kill (listening sockets never see a client in the offline lab). */
function untilInterrupted(ctx: CommandContext): Promise<number> {
  return new Promise((resolve) => {
    if (ctx.signal.aborted) return resolve(130);
    ctx.signal.addEventListener('abort', () => resolve(130), { once: true });
  });
}

async function openbsd(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: '46CDdFhI:i:klM:m:NnO:P:p:q:rSs:T:tUuV:vW:w:X:x:Zz' });
  if (!p.ok) {
    ctx.stderr.write(`nc: ${p.error}\n${OPENBSD_USAGE}`);
    return 1;
  }
  const flag = (k: string): boolean => p.opts.some((o) => o.key === k);
  const verbose = flag('v');
  const udp = flag('u');
  if (flag('h')) {
    ctx.stderr.write(`OpenBSD netcat (Debian patchlevel 1.206-1ubuntu1)\n${OPENBSD_USAGE}`);
    return 1;
  }
  if (flag('l')) {
    const port = p.operands[p.operands.length - 1] ?? p.opts.find((o) => o.key === 'p')?.value;
    if (port === undefined) {
      ctx.stderr.write(`nc: missing port number\n`);
      return 1;
    }
    if (Number(port) < 1024 && ctx.process.euid !== 0) {
      ctx.stderr.write('nc: Permission denied\n');
      return 1;
    }
    if (verbose) ctx.stderr.write(`Listening on ${p.operands.length > 1 ? p.operands[0] : '0.0.0.0'} ${port}\n`);
    return untilInterrupted(ctx);
  }
  if (p.operands.length < 2) {
    ctx.stderr.write(OPENBSD_USAGE);
    return 1;
  }
  const [host, portSpec] = p.operands;
  const ports = portSpec.includes('-') ? rangeOf(portSpec) : [Number(portSpec)];
  const r = flag('n') && !/^\d+\.\d+\.\d+\.\d+$/.test(host) ? ({ ok: false, error: 'EAI_NONAME' } as const) : resolveHost(ctx, host);
  if (!r.ok) {
    ctx.stderr.write(`nc: getaddrinfo for host "${host}" port ${portSpec}: ${GAI_TEXT[r.error]}\n`);
    return 1;
  }
  let status = 1;
  for (const port of ports) {
    const c = connectTo(ctx, r.ip, port, udp ? 'udp' : 'tcp');
    if (c !== 'ok') {
      if (verbose) ctx.stderr.write(`nc: connect to ${host} port ${port} (${udp ? 'udp' : 'tcp'}) failed: ${CONNECT_ERROR_TEXT[c]}\n`);
      continue;
    }
    status = 0;
    if (verbose) ctx.stderr.write(`Connection to ${host} ${port} port [${udp ? 'udp' : 'tcp'}/${SERVICES[port] ?? '*'}] succeeded!\n`);
    if (!flag('z')) await readAll(ctx.stdin);
  }
  return status;
}

function rangeOf(spec: string): number[] {
  const [a, b] = spec.split('-').map(Number);
  const out: number[] = [];
  for (let i = a; i <= b && out.length < 65536; i++) out.push(i);
  return out;
}

async function busybox(ctx: CommandContext): Promise<number> {
  // `-e PROG` swallows the rest of the line as the program to run.
  const args = ctx.argv.slice(1);
  const eAt = args.indexOf('-e');
  const own = eAt >= 0 ? args.slice(0, eAt) : args;
  const prog = eAt >= 0 ? args.slice(eAt + 1) : [];
  const p = parseArgs(own, { short: 'c:i:lkp:s:uvw:nzbo:' });
  if (!p.ok) {
    ctx.stderr.write(`nc: ${p.error}\n${BUSYBOX_USAGE}`);
    return 1;
  }
  // busybox takes HOST PORT from the end of the line when -e comes first (`nc -e /bin/sh host 22`).
  const operands = [...p.operands, ...(prog.length >= 3 ? prog.slice(-2) : [])];
  const listen = p.opts.some((o) => o.key === 'l');
  if (listen) return untilInterrupted(ctx);
  if (operands.length < 2) {
    ctx.stderr.write(BUSYBOX_USAGE);
    return 1;
  }
  const [host, port] = operands;
  const r = resolveHost(ctx, host);
  if (!r.ok) {
    ctx.stderr.write(`nc: bad address '${host}'\n`);
    return 1;
  }
  const c = connectTo(ctx, r.ip, Number(port), p.opts.some((o) => o.key === 'u') ? 'udp' : 'tcp');
  if (c !== 'ok') {
    ctx.stderr.write(`nc: can't connect to remote host (${r.ip}): ${CONNECT_ERROR_TEXT[c]}\n`);
    return 1;
  }
  await readAll(ctx.stdin);
  return 0;
}

export const nc = defineCommand('nc', (ctx: CommandContext, dialect: Dialect) => (dialect === 'busybox' ? busybox(ctx) : openbsd(ctx)));
