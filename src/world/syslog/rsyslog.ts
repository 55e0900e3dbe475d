// journald's ForwardToSyslog and rsyslogd on one node: every journal entry that arrives while
// rsyslog.service runs is routed by the node's rsyslog configuration and appended to its log files
// (/var/log/syslog, auth.log, kern.log on Ubuntu) in rsyslog's file format, as it arrives.
//
// rsyslogd reads its configuration when it starts and keeps its files open: a learner's edit of
// /etc/rsyslog.d takes effect at the next restart, `> /var/log/syslog` leaves it appending to the same
// (now empty) file, and a removed file swallows lines until rsyslogd is restarted, as on a real node.

import { wallTime } from '../../core/time';
import type { OpenFile, Vfs } from '../../vfs';
import { journalSubscribe, type JournalEntry } from '../journal';
import type { Kernel } from '../kernel/kernel';
import { rootReader } from '../root-reader';
import type { UnitState } from '../systemd/unit';
import { FACILITY, SEVERITY } from './facility';
import { loadRsyslogConfig, routeMessage, type RsyslogConfig, type SyslogMessage } from './rsyslog-config';
import { formatFileLine, rfc3164Stamp, rfc3339Stamp, syslogMessageOf } from './syslog-line';

const RSYSLOG_UNIT = 'rsyslog.service';
const JOURNALD_UNIT = 'systemd-journald.service';
const RSYSLOG_VERSION = '8.2001.0';
/** world.ext slot: per node, the rsyslogd pid whose start line is already in the files. */
const EXT_KEY = 'rsyslog';

/** journald.conf's ForwardToSyslog= (Debian and Ubuntu patch the default back to yes). */
export function forwardToSyslog(confTexts: string[]): boolean {
  let on = true;
  for (const text of confTexts) {
    let section = '';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line.startsWith('[')) section = line;
      const m = /^ForwardToSyslog\s*=\s*(\S*)/.exec(line);
      if (m && section === '[Journal]') on = !/^(no|false|off|0)$/i.test(m[1]!);
    }
  }
  return on;
}

function idOf(table: string, name: string | null): number | null {
  if (name === null) return null;
  if (/^\d+$/.test(name)) return Number(name);
  for (const line of table.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 3) return Number(f[2]);
  }
  return null;
}

export class SyslogForwarder {
  private config: RsyslogConfig | null = null;
  private configPid: number | null = null;
  private forwarding = true;
  private journaldPid: number | null | undefined = undefined;
  private files = new Map<string, OpenFile | null>();
  private vfs: Vfs | null = null;

  constructor(
    private readonly kernel: Kernel,
    private readonly nodeName: string,
  ) {
    journalSubscribe(kernel.node(nodeName), (e) => this.onEntry(e));
  }

  private root(): Vfs {
    return (this.vfs ??= this.kernel.vfsFor(this.nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }));
  }

  private read(path: string): string | null {
    return rootReader(this.kernel, this.nodeName).read(path);
  }

  private list(dir: string): string[] {
    return rootReader(this.kernel, this.nodeName).list(dir);
  }

  private onEntry(e: JournalEntry): void {
    const node = this.kernel.node(this.nodeName);
    const rsyslog = node.units[RSYSLOG_UNIT];
    if (!rsyslog || rsyslog.activeState !== 'active' || rsyslog.mainPid === null) return;
    if (!this.journaldForwards(node.units[JOURNALD_UNIT])) return;
    if (rsyslog.mainPid !== this.configPid) this.started(rsyslog.mainPid, node.hostname);
    this.write(syslogMessageOf(e, node.hostname), e.time);
  }

  /** journald reads journald.conf when it starts; a restart of it picks up ForwardToSyslog=no. */
  private journaldForwards(journald: UnitState | undefined): boolean {
    const pid = journald?.mainPid ?? null;
    if (pid !== this.journaldPid) {
      this.journaldPid = pid;
      const dropIns = this.list('/etc/systemd/journald.conf.d').filter((n) => n.endsWith('.conf')).sort();
      const texts = ['/etc/systemd/journald.conf', ...dropIns.map((n) => `/etc/systemd/journald.conf.d/${n}`)].map((p) => this.read(p) ?? '');
      this.forwarding = forwardToSyslog(texts);
    }
    return this.forwarding;
  }

  /** A new rsyslogd: read the configuration, reopen files, and log its start line once. */
  private started(pid: number, hostname: string): void {
    this.vfs = null;
    this.files.clear();
    this.config = loadRsyslogConfig({ read: (p) => this.read(p), list: (d) => this.list(d) });
    this.configPid = pid;
    const ext = (this.kernel.world.ext[EXT_KEY] ??= {}) as Record<string, number>;
    if (ext[this.nodeName] === pid) return;
    ext[this.nodeName] = pid;
    const msg = ` [origin software="rsyslogd" swVersion="${RSYSLOG_VERSION}" x-pid="${pid}" x-info="https://www.rsyslog.com"] start`;
    this.write({ facility: FACILITY.syslog, severity: SEVERITY.info!, hostname, tag: 'rsyslogd:', msg }, this.kernel.now());
  }

  private write(m: SyslogMessage, time: number): void {
    const cfg = this.config;
    if (!cfg) return;
    const paths = routeMessage(cfg, m);
    if (paths.length === 0) return;
    const w = wallTime(this.kernel.world.clock.epochMs, time);
    const line = formatFileLine(m, cfg.traditional ? rfc3164Stamp(w) : rfc3339Stamp(w));
    for (const path of paths) this.append(path, line, cfg);
  }

  private append(path: string, line: string, cfg: RsyslogConfig): void {
    let h = this.files.get(path);
    if (h === undefined) {
      h = this.open(path, cfg);
      this.files.set(path, h);
    }
    if (h === null) return;
    try {
      this.root().writeHandle(h, line);
    } catch {
      // The file was removed: rsyslogd writes into the deleted inode until it reopens its files.
      this.files.set(path, null);
    }
  }

  /** open(O_WRONLY|O_APPEND|O_CREAT) as rsyslogd's omfile does, creating directories and owner as configured. */
  private open(path: string, cfg: RsyslogConfig): OpenFile | null {
    const vfs = this.root();
    try {
      const parts = path.split('/').filter(Boolean);
      for (let i = 1; i < parts.length; i++) {
        const dir = `/${parts.slice(0, i).join('/')}`;
        if (!vfs.exists(dir)) vfs.mkdir(dir, cfg.dirCreateMode);
      }
      const h = vfs.open(path, { write: true, append: true, create: true }, cfg.fileCreateMode);
      if (h.created) {
        const uid = idOf(this.read('/etc/passwd') ?? '', cfg.fileOwner) ?? 0;
        const gid = idOf(this.read('/etc/group') ?? '', cfg.fileGroup) ?? 0;
        vfs.chown(path, uid, gid);
      }
      return h;
    } catch {
      return null;
    }
  }
}
