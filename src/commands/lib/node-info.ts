// What a program may learn about the machine it runs on (CPUs, memory, interfaces, boot time), with the
// lab's VM defaults when the world's `node-info` service does not say.

import type { CommandContext } from '../types';

export interface NodeInterface {
  name: string;
  /** CIDR notation: `10.0.2.15/24`, `::1/128`. */
  addresses: string[];
  mac?: string;
  gateway?: string;
}

/** The `node-info` service as this side reads it: only hostname and ip are guaranteed. */
export interface NodeInfoService {
  hostname: string;
  ip: string;
  cpus?: number;
  memoryMiB?: number;
  /** Simulated time the node booted (uptime counts from here). */
  bootNs?: number;
  interfaces?: NodeInterface[];
  /** uname -r */
  kernelRelease?: string;
}

export interface NodeInfo {
  hostname: string;
  ip: string;
  cpus: number;
  memoryMiB: number;
  bootNs: number;
  interfaces: NodeInterface[];
  kernelRelease: string;
}

/** Vagrant's VirtualBox NIC layout: NAT on enp0s3, the host-only network on enp0s8. */
function defaultInterfaces(ip: string, hostname: string): NodeInterface[] {
  // A stable made-up MAC per node so `ip a` does not change between runs.
  let h = 0;
  for (const c of hostname) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const b = (n: number): string => ((h >>> n) & 0xff).toString(16).padStart(2, '0');
  return [
    { name: 'lo', addresses: ['127.0.0.1/8', '::1/128'] },
    { name: 'enp0s3', addresses: ['10.0.2.15/24'], mac: '02:9a:3c:1f:60:5b', gateway: '10.0.2.2' },
    { name: 'enp0s8', addresses: [`${ip}/24`], mac: `08:00:27:${b(0)}:${b(8)}:${b(16)}` },
  ];
}

export function nodeInfo(ctx: CommandContext): NodeInfo {
  const s = ctx.sys.services.get<NodeInfoService>('node-info');
  const hostname = s?.hostname ?? ctx.process.hostname;
  const ip = s?.ip ?? '127.0.0.1';
  return {
    hostname,
    ip,
    cpus: s?.cpus ?? 2,
    memoryMiB: s?.memoryMiB ?? 2048,
    bootNs: s?.bootNs ?? 0,
    interfaces: s?.interfaces ?? defaultInterfaces(ip, hostname),
    kernelRelease: s?.kernelRelease ?? '5.4.0-137-generic',
  };
}

/**
 * The pid a process sees for itself. The kernel has no pid namespaces yet: a container's init (and a
 * program a shell init `exec`s, which the shell runs as a child) shows as 1, like nginx's `1#1`.
 */
export function ownPid(ctx: CommandContext): number {
  if (ctx.process.containerId === null) return ctx.process.pid;
  const visible = new Map(ctx.sys.processes().map((p) => [p.pid, p]));
  const parent = visible.get(ctx.process.ppid);
  if (!parent) return 1;
  // A script's process runs its interpreter: argv[0] is the shell even when comm is the script's name.
  const shell = (parent.argv[0] ?? '').split('/').pop() ?? '';
  const shellInit = !visible.has(parent.ppid) && ['sh', 'bash', 'dash', 'ash'].includes(shell.replace(/^-/, ''));
  return shellInit ? 1 : ctx.process.pid;
}
