// ss (iproute2 5.5): listening sockets of the node's daemons (-t/-u/-l/-n/-p), derived from which
// processes run — sshd, kubelet, the control plane, Falco's web server; established flows are not modelled.

import { has, parseArgs } from './lib/args';
import { nodeInfo } from './lib/node-info';
import type { Command, CommandContext, PsEntry } from './types';

interface Listener {
  proto: 'tcp' | 'udp';
  addr: string;
  port: number;
  backlog: number;
  fd: number;
}

function listenersOf(p: PsEntry, nodeIp: string, inContainer: boolean): Listener[] {
  const t = (addr: string, port: number, backlog: number, fd: number): Listener => ({ proto: 'tcp', addr, port, backlog, fd });
  switch (p.comm) {
    case 'sshd':
      // Only the listening daemon; per-connection children retitle themselves `sshd: user@pts/0`.
      return p.argv[0]?.startsWith('sshd:') ? [] : [t('0.0.0.0', 22, 128, 3), t('[::]', 22, 128, 4)];
    case 'kubelet':
      return [t('127.0.0.1', 10248, 4096, 27), t('*', 10250, 4096, 20)];
    case 'containerd':
      return [t('127.0.0.1', 35553, 4096, 12)];
    case 'kube-apiserver':
      return [t('*', 6443, 4096, 7)];
    case 'etcd':
      return [t(nodeIp, 2379, 4096, 9), t('127.0.0.1', 2379, 4096, 8), t(nodeIp, 2380, 4096, 7), t('127.0.0.1', 2381, 4096, 14)];
    case 'kube-controller':
      return [t('127.0.0.1', 10257, 4096, 7)];
    case 'kube-scheduler':
      return [t('127.0.0.1', 10259, 4096, 7)];
    case 'kube-proxy':
      return [t('127.0.0.1', 10249, 4096, 11), t('*', 10256, 4096, 10)];
    case 'systemd-resolve':
      return [t('127.0.0.53%lo', 53, 4096, 13), { proto: 'udp', addr: '127.0.0.53%lo', port: 53, backlog: 0, fd: 12 }];
    case 'falco':
      return [t('0.0.0.0', 8765, 4096, 11)];
    case 'nginx':
      // Pods have their own network namespace: the host does not see their sockets.
      return inContainer && !p.argv[0]?.startsWith('nginx: worker') ? [t('0.0.0.0', 80, 511, 6), t('[::]', 80, 511, 7)] : [];
    default:
      return [];
  }
}

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 179: 'bgp', 443: 'https', 6443: 'sun-sr-https', 2379: '2379', 2380: '2380' };

async function runSs(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'tulnpaxeH4', long: { tcp: { key: 't', arg: 'none' }, udp: { key: 'u', arg: 'none' }, listening: { key: 'l', arg: 'none' }, numeric: { key: 'n', arg: 'none' }, processes: { key: 'p', arg: 'none' }, all: { key: 'a', arg: 'none' }, 'no-header': { key: 'H', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`ss: ${p.error}\nUsage: ss [ OPTIONS ]\n       ss [ OPTIONS ] [ FILTER ]\n`);
    return 1;
  }
  const wantTcp = has(p, 't') || !has(p, 'u');
  const wantUdp = has(p, 'u');
  const listening = has(p, 'l') || has(p, 'a');
  const rows: { state: string; local: string; proc: string; backlog: number }[] = [];
  if (listening) {
    const ip = nodeInfo(ctx).ip;
    const root = ctx.process.euid === 0;
    for (const proc of ctx.sys.processes()) {
      for (const l of listenersOf(proc, ip, ctx.process.containerId !== null)) {
        if ((l.proto === 'tcp' && !wantTcp) || (l.proto === 'udp' && !wantUdp)) continue;
        const port = has(p, 'n') ? String(l.port) : (SERVICES[l.port] ?? String(l.port));
        const seen = (root || proc.uid === ctx.process.uid) && has(p, 'p');
        rows.push({ state: l.proto === 'udp' ? 'UNCONN' : 'LISTEN', local: `${l.addr}:${port}`, backlog: l.backlog, proc: seen ? `users:(("${proc.comm}",pid=${proc.pid},fd=${l.fd}))` : '' });
      }
    }
  }
  const both = wantTcp && wantUdp;
  let out = has(p, 'H') ? '' : `${both ? 'Netid  ' : ''}State    Recv-Q   Send-Q     Local Address:Port      Peer Address:Port  ${has(p, 'p') ? 'Process' : ''}\n`;
  for (const r of rows) {
    const peer = r.local.startsWith('[') ? '[::]:*' : '0.0.0.0:*';
    out += `${both ? `${r.state === 'UNCONN' ? 'udp' : 'tcp'}    ` : ''}${r.state.padEnd(9)}${'0'.padEnd(9)}${String(r.backlog).padEnd(9)}${r.local.padStart(20)}${peer.padStart(23)}  ${r.proc}\n`;
  }
  ctx.stdout.write(out);
  return 0;
}

export const ss: Command = { name: 'ss', run: runSs };
