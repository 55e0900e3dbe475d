// syslog(3) on a node: a message goes to journald with the sender's identifier, pid and unit.
//
// glibc's syslog() without openlog() uses the program's short name as identifier and facility
// LOG_USER; journald adds _PID and _SYSTEMD_UNIT from the sender's credentials and cgroup, which is
// why `journalctl -u falco` shows Falco's syslog lines next to its stdout.

import { journalAppend } from '../journal';
import type { Kernel } from '../kernel/kernel';
import type { ProcessRecord } from '../kernel/process';

export interface SyslogClient {
  /** `priority` is the syslog level 0 (emerg) … 7 (debug); a trailing newline is dropped as journald does. */
  log(priority: number, message: string): void;
}

export function syslogClient(kernel: Kernel, nodeName: string, proc: ProcessRecord): SyslogClient {
  const ident = (proc.argv[0] ?? proc.comm).split('/').pop() || proc.comm;
  return {
    log(priority, message) {
      const node = kernel.node(nodeName);
      journalAppend(node, {
        time: kernel.world.clock.now,
        ident,
        pid: proc.pid,
        unit: proc.unit ?? null,
        priority: Math.max(0, Math.min(7, Math.trunc(priority))),
        message: message.replace(/\n$/, ''),
      });
    },
  };
}
