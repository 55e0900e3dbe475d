// ip (iproute2 5.5): `ip addr`, `ip link`, `ip route` (and -br, -4/-6, `show dev X`) for the node's
// interfaces; changes need CAP_NET_ADMIN and are not modelled beyond the permission check.

import { defineCommand, type Dialect } from './lib/dialect';
import { nodeInfo, type NodeInterface } from './lib/node-info';
import type { CommandContext } from './types';

/** fe80:: address derived from the MAC (modified EUI-64), as the kernel assigns it. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  b[0] ^= 0x02;
  const words = [(b[0] << 8) | b[1], (b[2] << 8) | 0xff, (0xfe << 8) | b[3], (b[4] << 8) | b[5]];
  return `fe80::${words.map((w) => w.toString(16)).join(':')}/64`;
}

function broadcast(cidr: string): string {
  const [ip, len] = cidr.split('/');
  const n = ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = Number(len) === 0 ? 0 : (~0 << (32 - Number(len))) >>> 0;
  const b = (n | ~mask) >>> 0;
  return [24, 16, 8, 0].map((s) => (b >>> s) & 255).join('.');
}

function network(cidr: string): string {
  const [ip, len] = cidr.split('/');
  const n = ip.split('.').reduce((a, o) => (a << 8) + Number(o), 0) >>> 0;
  const mask = Number(len) === 0 ? 0 : (~0 << (32 - Number(len))) >>> 0;
  const v = (n & mask) >>> 0;
  return `${[24, 16, 8, 0].map((s) => (v >>> s) & 255).join('.')}/${len}`;
}

function header(i: NodeInterface, idx: number, link: boolean, family: 4 | 6 | 0): string {
  const lo = i.name === 'lo';
  const flags = lo ? '<LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN' : '<BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP';
  const linkLine = lo ? '    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n' : `    link/ether ${i.mac ?? '00:00:00:00:00:00'} brd ff:ff:ff:ff:ff:ff\n`;
  // With -4/-6 the link-layer line is left out.
  return `${idx}: ${i.name}: ${flags}${link ? ' mode DEFAULT' : ''} group default qlen 1000\n${family === 0 || link ? linkLine : ''}`;
}

function addrLines(i: NodeInterface, family: 4 | 6 | 0): string {
  let out = '';
  const v4 = i.addresses.filter((a) => a.includes('.'));
  const v6 = i.addresses.filter((a) => a.includes(':'));
  if (i.name !== 'lo' && i.mac) v6.push(linkLocal(i.mac));
  if (family !== 6) {
    for (const a of v4) {
      if (i.name === 'lo') out += `    inet ${a} scope host lo\n       valid_lft forever preferred_lft forever\n`;
      else if (i.gateway) out += `    inet ${a} brd ${broadcast(a)} scope global dynamic ${i.name}\n       valid_lft 86157sec preferred_lft 86157sec\n`;
      else out += `    inet ${a} brd ${broadcast(a)} scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    }
  }
  if (family !== 4) for (const a of v6) out += `    inet6 ${a} scope ${a.startsWith('fe80') ? 'link' : 'host'} \n       valid_lft forever preferred_lft forever\n`;
  return out;
}

function routes(ifs: NodeInterface[]): string {
  let out = '';
  const gw = ifs.find((i) => i.gateway);
  const src = (i: NodeInterface): string => i.addresses.find((a) => a.includes('.'))!.split('/')[0];
  if (gw) out += `default via ${gw.gateway} dev ${gw.name} proto dhcp src ${src(gw)} metric 100 \n`;
  for (const i of ifs) {
    if (i.name === 'lo') continue;
    const a = i.addresses.find((x) => x.includes('.'));
    if (!a) continue;
    out += `${network(a)} dev ${i.name} proto kernel scope link src ${src(i)} \n`;
    if (i.gateway) out += `${i.gateway} dev ${i.name} proto dhcp scope link src ${src(i)} metric 100 \n`;
  }
  return out;
}

export async function runIp(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  let args = ctx.argv.slice(1);
  let family: 4 | 6 | 0 = 0;
  let brief = false;
  while (args[0]?.startsWith('-')) {
    const o = args.shift()!;
    if (o === '-4') family = 4;
    else if (o === '-6') family = 6;
    else if (o === '-br' || o === '-brief') brief = true;
    else if (o === '-V' || o === '-Version') {
      ctx.stdout.write('ip utility, iproute2-ss200127\n');
      return 0;
    } else if (!['-c', '-color', '-d', '-details', '-s', '-stats', '-o', '-oneline', '-n'].includes(o)) {
      ctx.stderr.write(`Option "${o}" is unknown, try "ip -help".\n`);
      return 255;
    }
  }
  const [obj = 'help', verb = 'show', ...rest] = args;
  const ifs = nodeInfo(ctx).interfaces;
  const objects: Record<string, string> = { a: 'addr', ad: 'addr', add: 'addr', addr: 'addr', address: 'addr', l: 'link', li: 'link', link: 'link', r: 'route', ro: 'route', route: 'route', n: 'neigh', neigh: 'neigh', help: 'help' };
  const kind = objects[obj];
  if (!kind) {
    ctx.stderr.write(`Object "${obj}" is unknown, try "ip help".\n`);
    return 1;
  }
  if (kind === 'help') {
    ctx.stderr.write('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { link | address | addrlabel | route | rule | neigh | ntable |\n                   tunnel | tuntap | maddress | mroute | mrule | monitor | xfrm |\n                   netns | l2tp | fou | macsec | tcp_metrics | token | netconf | ila |\n                   vrf | sr | nexthop }\n');
    return 255;
  }
  if (!['show', 'list', 'lst', 's', 'sh', 'ls', 'l'].includes(verb)) {
    if (ctx.process.euid !== 0) {
      ctx.stderr.write('RTNETLINK answers: Operation not permitted\n');
      return 2;
    }
    return 0;
  }
  if (kind === 'route') {
    ctx.stdout.write(routes(ifs));
    return 0;
  }
  if (kind === 'neigh') {
    const gw = ifs.find((i) => i.gateway);
    if (gw) ctx.stdout.write(`${gw.gateway} dev ${gw.name} lladdr 52:54:00:12:35:02 REACHABLE\n`);
    return 0;
  }
  const devAt = rest.indexOf('dev');
  const wanted = devAt >= 0 ? rest[devAt + 1] : rest[0];
  const chosen = wanted ? ifs.filter((i) => i.name === wanted) : ifs;
  if (wanted && chosen.length === 0) {
    ctx.stderr.write(`Device "${wanted}" does not exist.\n`);
    return 1;
  }
  let out = '';
  for (const i of chosen) {
    const idx = ifs.indexOf(i) + 1;
    if (brief) {
      const state = i.name === 'lo' ? 'UNKNOWN' : 'UP';
      if (kind === 'link') out += `${i.name.padEnd(16)} ${state.padEnd(14)} ${(i.name === 'lo' ? '00:00:00:00:00:00' : i.mac ?? '').padEnd(17)} <${i.name === 'lo' ? 'LOOPBACK,UP,LOWER_UP' : 'BROADCAST,MULTICAST,UP,LOWER_UP'}> \n`;
      else {
        const addrs = [...i.addresses.filter((a) => (family === 6 ? a.includes(':') : family === 4 ? a.includes('.') : true)), ...(i.mac && family !== 4 ? [linkLocal(i.mac)] : [])];
        out += `${i.name.padEnd(16)} ${state.padEnd(14)} ${addrs.map((a) => `${a} `).join('')}\n`;
      }
      continue;
    }
    out += header(i, idx, kind === 'link', family);
    if (kind === 'addr') out += addrLines(i, family);
  }
  ctx.stdout.write(out);
  return 0;
}

export const ip = defineCommand('ip', runIp);
