// Plain-data state of a systemd unit on a node (what `systemctl status` reports).

import type { SimNs } from '../../core/time';

export type ActiveState = 'active' | 'inactive' | 'failed' | 'activating' | 'deactivating';

export interface UnitState {
  /** `falco.service` */
  name: string;
  description: string;
  /** Unit file path, e.g. /lib/systemd/system/falco.service. */
  fragmentPath: string;
  enabled: boolean;
  /** ExecStart argv. */
  execStart: string[];
  activeState: ActiveState;
  /** running / dead / exited / failed / auto-restart … */
  subState: string;
  /** Main PID while running. */
  mainPid: number | null;
  /** When the current state was entered. */
  since: SimNs;
  /** Result of the last run: success / exit-code / signal. */
  result: string;
  /** Exit status of the last main process. */
  exitStatus: number | null;
  restart: 'no' | 'always' | 'on-failure';
  restartSec: number;
  /** Documentation= line, shown by status. */
  docs: string[];
  startAtBoot: boolean;
  type: 'simple' | 'notify' | 'forking' | 'oneshot';
  /** Opaque per-service state that its program keeps across a saved world (e.g. Falco's loaded rules). */
  serviceState?: unknown;
}
