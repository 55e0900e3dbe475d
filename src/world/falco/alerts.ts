// A record of the alerts Falco emitted on each node, kept in the World so graders can read them.

import type { SimNs } from '../../core/time';
import type { World } from '../world';

export interface FalcoAlertRecord {
  node: string;
  time: SimNs;
  rule: string;
  priority: string;
  /** The full output line as written to stdout (time, priority, text). */
  line: string;
  /** Channels it was written to: stdout, syslog, file, program, http. */
  channels: string[];
}

const MAX_ALERTS = 2000;

interface FalcoExt {
  alerts: FalcoAlertRecord[];
}

function ext(world: World): FalcoExt {
  let e = world.ext.falco as FalcoExt | undefined;
  if (!e) world.ext.falco = e = { alerts: [] };
  return e;
}

export function recordAlert(world: World, a: FalcoAlertRecord): void {
  const e = ext(world);
  e.alerts.push(a);
  if (e.alerts.length > MAX_ALERTS) e.alerts.splice(0, e.alerts.length - MAX_ALERTS);
}

export function alertsOf(world: World, node: string, since: SimNs = 0): FalcoAlertRecord[] {
  return ext(world).alerts.filter((a) => a.node === node && a.time >= since);
}
