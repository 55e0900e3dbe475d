// Finds and reads the audit log the running API server writes (its --audit-log-path, seen from inside).

import type { LabRunner } from './runner';

/** Lines of the audit log, or a reason why there is none. */
export function auditLogLines(live: LabRunner, explicitPath?: string): string[] | string {
  const node = live.world.nodes['kube-control-plane'];
  if (!node) return 'no control-plane node';
  if (explicitPath) {
    const text = live.readFile('kube-control-plane', explicitPath);
    return text === null ? `${explicitPath} does not exist` : text.split('\n').filter(Boolean);
  }
  const apiserver = Object.values(node.procs).find((p) => p.comm === 'kube-apiserver');
  if (!apiserver) return 'the API server is not running';
  const flag = apiserver.argv.find((a) => a.startsWith('--audit-log-path='));
  if (!flag) return 'the API server runs without --audit-log-path';
  const path = flag.slice('--audit-log-path='.length);
  if (path === '-') return 'the API server writes audit events to its stdout (--audit-log-path=-)';
  // The path is the API server's own; read it through its container's mounts, as the process writes it.
  const text = apiserver.containerId ? live.readFile('kube-control-plane', path, apiserver.containerId) : live.readFile('kube-control-plane', path);
  return text === null ? `${path} does not exist in the API server's file system` : text.split('\n').filter(Boolean);
}
