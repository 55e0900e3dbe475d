// What the `falco` program needs from its node beyond files: the kernel driver's event stream, the
// k8saudit webhook and the alert record graders read. Registered as a service reached via ctx.sys.

import type { FalcoSyscallEvent } from '../../falco';
import type { Kernel } from '../kernel/kernel';
import { recordAlert, type FalcoAlertRecord } from './alerts';
import { falcoDriver, type CaptureOptions, type DriverSubscription } from './driver';
import { inotifyInit, type InotifyInstance, type InotifyOptions } from './inotify';
import { listenAuditWebhook, parseOpenParams, type AuditEventsHandler } from './k8saudit-webhook';

export interface FalcoHostClient {
  /** Open the capture: every syscall event of the node except the consumer's own, as the kmod delivers them. */
  openCapture(consumerPid: number, onEvent: (e: FalcoSyscallEvent) => void, opts?: CaptureOptions): DriverSubscription;
  /** inotify_init with O_ASYNC and F_SETOWN: every queued event sends SIGIO to `opts.ownerPid`. */
  inotify(opts: InotifyOptions): InotifyInstance;
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
    openCapture: (pid, onEvent, opts) => driver.open(pid, onEvent, opts),
    inotify: (opts) => inotifyInit(kernel, node, opts),
    listenAuditWebhook: (params, onEvents) => {
      const p = parseOpenParams(params);
      return p ? listenAuditWebhook(kernel, node, p.port, p.path, onEvents) : `invalid open params: ${params}`;
    },
    recordAlert: (a) => recordAlert(kernel.world, { ...a, node, time: kernel.world.clock.now }),
  };
}

/** The service the falco program looks up (`falco-host`); its syslog output uses the `journal` service. */
export function installFalcoServices(kernel: Kernel): void {
  kernel.registerService('falco-host', (k, node) => falcoHostClient(k, node));
}
