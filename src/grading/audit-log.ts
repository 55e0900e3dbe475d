// Finds and reads the audit log the running API server writes (its --audit-log-path, seen from inside).

import { auditFindings as found, type Finding } from './findings';
import type { LabRunner } from './runner';

/** The log's lines, or why there are none; `fileAbsent` when only the file is missing (not yet written). */
export type AuditLogRead = { lines: string[] } | { reason: Finding; fileAbsent: boolean };

/** Lines of the audit log, or a reason why there is none. */
export function auditLogLines(live: LabRunner, explicitPath?: string): AuditLogRead {
  const node = live.world.nodes['kube-control-plane'];
  if (!node) return { reason: found.noControlPlane, fileAbsent: false };
  if (explicitPath) {
    const text = live.readFile('kube-control-plane', explicitPath);
    return text === null ? { reason: found.logMissing(explicitPath), fileAbsent: true } : { lines: text.split('\n').filter(Boolean) };
  }
  const apiserver = Object.values(node.procs).find((p) => p.comm === 'kube-apiserver');
  if (!apiserver) return { reason: found.apiserverNotRunning, fileAbsent: false };
  const flag = apiserver.argv.find((a) => a.startsWith('--audit-log-path='));
  if (!flag) return { reason: found.apiserverWithoutLogPath, fileAbsent: false };
  const path = flag.slice('--audit-log-path='.length);
  if (path === '-') return { reason: found.apiserverLogsToStdout, fileAbsent: false };
  // The path is the API server's own; read it through its container's mounts, as the process writes it.
  const text = apiserver.containerId ? live.readFile('kube-control-plane', path, apiserver.containerId) : live.readFile('kube-control-plane', path);
  return text === null ? { reason: found.logMissingInApiserver(path), fileAbsent: true } : { lines: text.split('\n').filter(Boolean) };
}
