// What the `falco` program needs from its node beyond files: the kernel driver's event stream, the
// alert record graders read, and syslog. Registered as services so the program reaches them via ctx.sys.

import type { FalcoSyscallEvent } from '../../falco';
import type { Kernel } from '../kernel/kernel';
import { recordAlert, type FalcoAlertRecord } from './alerts';
import { falcoDriver, type DriverSubscription } from './driver';
import { listenAuditWebhook, parseOpenParams, type AuditEventsHandler } from './k8saudit-webhook';
import { syslogClient } from './syslog';

export interface FalcoHostClient {
  /** Open the capture: every syscall event of the node except the consumer's own, as the kmod delivers them. */
  openCapture(consumerPid: number, onEvent: (e: FalcoSyscallEvent) => void): DriverSubscription;
  /**
   * Serve the k8saudit plugin's webhook (`open_params`, e.g. `http://:9765/k8s-audit`) on this node;
   * returns the function that stops serving, or an error text when the parameters are not a URL.
   */
  listenAuditWebhook(openParams: string, onEvents: AuditEventsHandler): (() => void) | string;
  /** Keep a record of an alert and the channels it went to (graders read these). */
  recordAlert(alert: Omit<FalcoAlertRecord, 'node' | 'time'>): void;
}

export function falcoHostClient(kernel: Kernel, node: string): FalcoHostClient {
  const driver = falcoDriver(kernel, node);
  return {
    openCapture: (pid, onEvent) => driver.open(pid, onEvent),
    listenAuditWebhook: (params, onEvents) => {
      const p = parseOpenParams(params);
      return p ? listenAuditWebhook(kernel, node, p.port, p.path, onEvents) : `invalid open params: ${params}`;
    },
    recordAlert: (a) => recordAlert(kernel.world, { ...a, node, time: kernel.world.clock.now }),
  };
}

/** Services the falco program looks up: `falco-host` and `syslog`. */
export function installFalcoServices(kernel: Kernel): void {
  kernel.registerService('falco-host', (k, node) => falcoHostClient(k, node));
  kernel.registerService('syslog', (k, node, proc) => syslogClient(k, node, proc));
}
