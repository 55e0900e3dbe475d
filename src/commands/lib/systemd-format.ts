// systemd 245 text: unit names, exit status names, byte sizes, and the `systemctl status` block.

import { formatJournalShort, type JournalEntry } from '../../world/journal';
import type { UnitStatus } from '../../world/systemd/client';
import { systemdStamp, type SimNs, type WallTime } from '../../core/time';
import { relativeTime } from './timefmt';

/** `falco` → `falco.service`; names with a known unit suffix are kept. */
export function unitName(name: string): string {
  return /\.(service|socket|timer|target|mount|path|slice|scope|device|swap|automount)$/.test(name) ? name : `${name}.service`;
}

const STATUS_NAMES = ['SUCCESS', 'FAILURE', 'INVALIDARGUMENT', 'NOTIMPLEMENTED', 'NOPERMISSION', 'NOTINSTALLED', 'NOTCONFIGURED', 'NOTRUNNING'];
const SIGNAL_NAMES: Record<number, string> = { 1: 'HUP', 2: 'INT', 6: 'ABRT', 9: 'KILL', 11: 'SEGV', 13: 'PIPE', 15: 'TERM' };

export function exitText(code: 'exited' | 'killed', status: number): string {
  if (code === 'killed') return `code=killed, signal=${SIGNAL_NAMES[status] ?? String(status)}`;
  return `code=exited, status=${status}${STATUS_NAMES[status] ? `/${STATUS_NAMES[status]}` : ''}`;
}

/** systemd format_bytes: 1024-based, one truncated decimal computed as (t*10/factor) % 10 (`36.1M`). */
export function formatBytes(n: number): string {
  const units: [string, number][] = [['E', 1024 ** 6], ['P', 1024 ** 5], ['T', 1024 ** 4], ['G', 1024 ** 3], ['M', 1024 ** 2], ['K', 1024]];
  for (const [suffix, f] of units) {
    if (n >= f) return `${Math.floor(n / f)}.${Math.floor((n * 10) / f) % 10}${suffix}`;
  }
  return `${n}B`;
}

export interface StatusRender {
  unit: UnitStatus;
  now: SimNs;
  wall: (t: SimNs) => WallTime;
  journal: JournalEntry[];
  hostname: string;
  epochMs: number;
  color: boolean;
  /** Terminal width to ellipsize journal lines to, or null for full lines. */
  width: number | null;
}

/** The `systemctl status` block for one unit; returns the text and whether lines were ellipsized. */
export function renderStatus(r: StatusRender): { text: string; ellipsized: boolean } {
  const u = r.unit;
  const label = (name: string): string => `${name.padStart(11)}: `;
  const cont = ' '.repeat(13);
  const dotColor = u.activeState === 'active' ? '\x1b[0;1;32m' : u.activeState === 'failed' || u.result !== 'success' ? '\x1b[0;1;31m' : '';
  const dot = r.color && dotColor ? `${dotColor}●\x1b[0m` : '●';
  const lines: string[] = [`${dot} ${u.name} - ${u.description}`];
  lines.push(`${label('Loaded')}loaded (${u.fragmentPath}; ${u.enabled ? 'enabled' : 'disabled'}; vendor preset: enabled)`);
  let state = `${u.activeState} (${u.subState})`;
  if (u.result !== 'success') state += ` (Result: ${u.result})`;
  const neverRan = u.activeState === 'inactive' && u.since === 0 && u.result === 'success';
  const since = neverRan ? '' : ` since ${systemdStamp(r.wall(u.since))}; ${relativeTime(r.now - u.since)}`;
  const stateColor = u.activeState === 'active' ? '\x1b[0;1;32m' : u.activeState === 'failed' || u.result !== 'success' ? '\x1b[0;1;31m' : '';
  lines.push(`${label('Active')}${r.color && stateColor ? `${stateColor}${state}\x1b[0m` : state}${since}`);
  u.docs.forEach((d, i) => lines.push(i === 0 ? `${label('Docs')}${d}` : `${cont}${d}`));
  for (const p of u.exited) lines.push(`${label('Process')}${p.pid} ${p.kind}=${p.argv.join(' ')} (${exitText(p.code, p.status)})`);
  if (u.mainPid !== null) {
    const main = u.cgroup.find((c) => c.pid === u.mainPid);
    const comm = (main?.argv[0] ?? u.execStart[0] ?? '').split('/').pop();
    lines.push(`${label('Main PID')}${u.mainPid} (${comm})`);
  } else {
    const last = [...u.exited].reverse().find((p) => p.kind === 'ExecStart');
    if (last) lines.push(`${label('Main PID')}${last.pid} (${exitText(last.code, last.status)})`);
  }
  if (u.tasks !== null) lines.push(`${label('Tasks')}${u.tasks} (limit: 1131)`);
  if (u.memoryBytes !== null) lines.push(`${label('Memory')}${formatBytes(u.memoryBytes)}`);
  // Only the cgroup tree and the journal lines are cut to the terminal width; the rest wraps.
  let ellipsized = false;
  const cut = (line: string): string => {
    if (r.width === null || line.length <= r.width) return line;
    ellipsized = true;
    return `${line.slice(0, r.width - 1)}…`;
  };
  if (u.cgroup.length > 0) {
    lines.push(`${label('CGroup')}/system.slice/${u.name}`);
    u.cgroup.forEach((c, i) => lines.push(cut(`${cont}${i === u.cgroup.length - 1 ? '└─' : '├─'}${c.pid} ${c.argv.join(' ')}`)));
  }
  const out = lines;
  if (r.journal.length > 0) {
    out.push('');
    for (const e of r.journal) out.push(cut(formatJournalShort(e, r.hostname, r.epochMs)));
  }
  return { text: `${out.join('\n')}\n`, ellipsized };
}
