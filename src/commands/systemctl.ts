// systemctl (systemd 245): status, start/stop/restart/reload, enable/disable, daemon-reload, is-active,
// is-enabled, is-failed, list-units, cat — through the node's SystemdClient; polkit wording for users.

import { systemdOf, journalOf, type JobResult, type SystemdClient } from '../world/systemd/client';
import { defineCommand } from './lib/dialect';
import { errText, progName } from './lib/io';
import { renderStatus, unitName } from './lib/systemd-format';
import { UserDb } from './lib/users';
import type { UnitState } from '../world/systemd/unit';
import type { CommandContext } from './types';

const VERB_WORD: Record<string, string> = { start: 'start', stop: 'stop', restart: 'restart', reload: 'reload', 'try-restart': 'try-restart', 'reload-or-restart': 'reload-or-restart' };

interface Flags {
  all: boolean;
  full: boolean;
  lines: number;
  type: string | null;
  state: string | null;
  quiet: boolean;
  now: boolean;
}

function parse(argv: string[]): { flags: Flags; verb: string | null; args: string[] } | string {
  const flags: Flags = { all: false, full: false, lines: 10, type: null, state: null, quiet: false, now: false };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-pager' || a === '--system' || a === '--no-legend' || a === '--plain' || a === '--no-ask-password') continue;
    else if (a === '-a' || a === '--all') flags.all = true;
    else if (a === '-l' || a === '--full') flags.full = true;
    else if (a === '-q' || a === '--quiet') flags.quiet = true;
    else if (a === '--now') flags.now = true;
    else if (a === '--failed') flags.state = 'failed';
    else if (a === '-n' || a === '--lines') flags.lines = Number(argv[++i] ?? 10);
    else if (a.startsWith('--lines=')) flags.lines = Number(a.slice(8));
    else if (a === '-t' || a === '--type') flags.type = argv[++i] ?? '';
    else if (a.startsWith('--type=')) flags.type = a.slice(7);
    else if (a.startsWith('--state=')) flags.state = a.slice(8);
    else if (a.startsWith('-') && a.length > 1) return a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`;
    else rest.push(a);
  }
  return { flags, verb: rest[0] ?? null, args: rest.slice(1) };
}

/**
 * What a user without root gets. A real terminal session would run pkttyagent and ask for a password;
 * the lab answers as systemctl does without an agent, so a script's next line is never read as one.
 */
function polkitDenied(ctx: CommandContext, verb: string, unit: string | null): number {
  ctx.stderr.write(
    unit === null
      ? 'Failed to reload daemon: Interactive authentication required.\n'
      : `Failed to ${verb} ${unit}: Interactive authentication required.\nSee system logs and 'systemctl status ${unit}' for details.\n`,
  );
  return 1;
}

function jobFailure(ctx: CommandContext, verb: string, unit: string, r: Exclude<JobResult, { ok: true }>): number {
  if (r.error === 'not-found') {
    ctx.stderr.write(`Failed to ${verb} ${unit}: ${r.message ?? `Unit ${unit} not found.`}\n`);
    return 5;
  }
  if (r.error === 'not-applicable') {
    ctx.stderr.write(`Failed to ${verb} ${unit}: Job type ${verb} is not applicable for unit ${unit}.\n`);
    return 1;
  }
  if (r.error === 'invalid') {
    ctx.stderr.write(`${unit} is not active, cannot reload.\n`);
    return 1;
  }
  if (r.error === 'failed') {
    ctx.stderr.write(r.message ? `${r.message}\n` : `Job for ${unit} failed because the control process exited with error code.\nSee "systemctl status ${unit}" and "journalctl -xe" for details.\n`);
    return 1;
  }
  ctx.stderr.write(`Failed to ${verb} ${unit}: ${r.message ?? 'Access denied'}\nSee system logs and 'systemctl status ${unit}' for details.\n`);
  return 1;
}

function canReadJournal(ctx: CommandContext): boolean {
  if (ctx.process.euid === 0) return true;
  const db = UserDb.load(ctx.sys.fs);
  return ctx.process.groups.some((g) => ['adm', 'systemd-journal'].includes(db.groupName(g)));
}

function status(ctx: CommandContext, sd: SystemdClient, units: string[], flags: Flags): number {
  const journal = journalOf(ctx.sys);
  let rc = 0;
  let first = true;
  let ellipsized = false;
  if (units.length === 0) units = sd.listUnits().filter((u) => u.activeState !== 'inactive').map((u) => u.name);
  for (const name of units.map(unitName)) {
    const u = sd.status(name);
    if (!u) {
      ctx.stderr.write(`Unit ${name} could not be found.\n`);
      rc = 4;
      continue;
    }
    const entries = journal && flags.lines > 0 ? journal.query({ units: [u.name], ...(canReadJournal(ctx) ? {} : { uid: ctx.process.uid }) }).slice(-flags.lines) : [];
    const r = renderStatus({
      unit: u,
      now: ctx.sys.now(),
      wall: (t) => ctx.sys.wall(t),
      journal: entries,
      hostname: journal?.hostname() ?? ctx.process.hostname,
      epochMs: journal?.epochMs() ?? ctx.sys.wall(0).date.getTime(),
      color: ctx.stdout.isTTY,
      width: ctx.stdout.isTTY && !flags.full ? ctx.stdout.columns : null,
    });
    ctx.stdout.write(`${first ? '' : '\n'}${r.text}`);
    first = false;
    ellipsized ||= r.ellipsized;
    if (u.changedOnDisk) ctx.stderr.write(`Warning: The unit file, source configuration file or drop-ins of ${u.name} changed on disk. Run 'systemctl daemon-reload' to reload units.\n`);
    if (rc === 0 && u.activeState !== 'active') rc = 3;
  }
  if (ellipsized) ctx.stdout.write('Hint: Some lines were ellipsized, use -l to show in full.\n');
  return rc;
}

function listUnits(ctx: CommandContext, units: UnitState[], flags: Flags): number {
  const shown = units
    .filter((u) => (flags.type ? u.name.endsWith(`.${flags.type}`) : true))
    .filter((u) => (flags.state ? flags.state.split(',').some((s) => s === u.activeState || s === u.subState) : flags.all || u.activeState !== 'inactive'))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const w = (f: (u: UnitState) => string, head: string): number => Math.max(head.length, ...shown.map((u) => f(u).length));
  const wu = w((u) => u.name, 'UNIT');
  const wa = w((u) => u.activeState, 'ACTIVE');
  const ws = w((u) => u.subState, 'SUB');
  ctx.stdout.write(`  ${'UNIT'.padEnd(wu)} LOAD   ${'ACTIVE'.padEnd(wa)} ${'SUB'.padEnd(ws)} DESCRIPTION\n`);
  for (const u of shown) {
    const mark = u.activeState === 'failed' ? '●' : ' ';
    ctx.stdout.write(`${mark} ${u.name.padEnd(wu)} loaded ${u.activeState.padEnd(wa)} ${u.subState.padEnd(ws)} ${u.description}\n`);
  }
  ctx.stdout.write(
    `\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n\n` +
      `${shown.length} loaded units listed.${flags.all ? '' : ' Pass --all to see loaded but inactive units, too.'}\nTo show all installed unit files use 'systemctl list-unit-files'.\n`,
  );
  return 0;
}

export async function runSystemctl(ctx: CommandContext): Promise<number> {
  const prog = progName(ctx, 'systemctl');
  const parsed = parse(ctx.argv.slice(1));
  if (typeof parsed === 'string') {
    ctx.stderr.write(`${prog}: ${parsed}\n`);
    return 1;
  }
  const { flags, args } = parsed;
  const verb = parsed.verb ?? 'list-units';
  // A container has no systemd of its own, whatever the node runs.
  const sd = ctx.process.containerId === null ? systemdOf(ctx.sys) : undefined;
  if (!sd) {
    ctx.stderr.write("System has not been booted with systemd as init system (PID 1). Can't operate.\nFailed to connect to bus: Host is down\n");
    return 1;
  }
  const root = ctx.process.euid === 0;
  const needUnits = (): boolean => {
    if (args.length > 0) return true;
    ctx.stderr.write(`Too few arguments.\n`);
    return false;
  };
  switch (verb) {
    case 'status':
      return status(ctx, sd, args, flags);
    case 'list-units':
      return listUnits(ctx, sd.listUnits(), flags);
    case 'start':
    case 'stop':
    case 'restart':
    case 'reload':
    case 'try-restart':
    case 'reload-or-restart': {
      if (!needUnits()) return 1;
      let rc = 0;
      for (const name of args.map(unitName)) {
        if (!root) return polkitDenied(ctx, VERB_WORD[verb], name);
        const r = verb === 'start' ? await sd.start(name) : verb === 'stop' ? await sd.stop(name) : verb === 'reload' ? await sd.reload(name) : await sd.restart(name);
        if (!r.ok) {
          if (r.error === 'access-denied') return polkitDenied(ctx, VERB_WORD[verb], name);
          rc = jobFailure(ctx, VERB_WORD[verb], name, r);
        }
      }
      return rc;
    }
    case 'enable':
    case 'disable': {
      if (!needUnits()) return 1;
      let rc = 0;
      for (const name of args.map(unitName)) {
        if (!root) return polkitDenied(ctx, verb === 'enable' ? 'enable' : 'disable', name);
        const before = sd.status(name);
        const wasEnabled = before?.enabled;
        const r = verb === 'enable' ? sd.enable(name) : sd.disable(name);
        if (!r.ok) {
          ctx.stderr.write(`Failed to ${verb} unit: Unit file ${name} does not exist.\n`);
          rc = 1;
          continue;
        }
        const link = `/etc/systemd/system/multi-user.target.wants/${name}`;
        if (verb === 'enable' && before && !wasEnabled) ctx.stderr.write(`Created symlink ${link} → ${before.fragmentPath}.\n`);
        if (verb === 'disable' && wasEnabled) ctx.stderr.write(`Removed ${link}.\n`);
        if (flags.now) {
          const j = verb === 'enable' ? await sd.start(name) : await sd.stop(name);
          if (!j.ok) rc = jobFailure(ctx, verb === 'enable' ? 'start' : 'stop', name, j);
        }
      }
      return rc;
    }
    case 'daemon-reload': {
      if (!root) return polkitDenied(ctx, 'reload', null);
      sd.daemonReload();
      return 0;
    }
    case 'is-active':
    case 'is-failed': {
      if (!needUnits()) return 1;
      let hit = false;
      for (const name of args.map(unitName)) {
        const state = sd.status(name)?.activeState ?? 'inactive';
        if (verb === 'is-active' ? state === 'active' : state === 'failed') hit = true;
        if (!flags.quiet) ctx.stdout.write(`${state}\n`);
      }
      return hit ? 0 : verb === 'is-active' ? 3 : 1;
    }
    case 'is-enabled': {
      if (!needUnits()) return 1;
      let hit = false;
      for (const name of args.map(unitName)) {
        const u = sd.status(name);
        if (!u) {
          ctx.stderr.write(`Failed to get unit file state for ${name}: No such file or directory\n`);
          return 1;
        }
        if (u.enabled) hit = true;
        if (!flags.quiet) ctx.stdout.write(`${u.enabled ? 'enabled' : 'disabled'}\n`);
      }
      return hit ? 0 : 1;
    }
    case 'cat': {
      if (!needUnits()) return 1;
      let rc = 0;
      args.map(unitName).forEach((name, i) => {
        const u = sd.status(name);
        if (!u) {
          ctx.stderr.write(`No files found for ${name}.\n`);
          rc = 1;
          return;
        }
        try {
          ctx.stdout.write(`${i > 0 ? '\n' : ''}# ${u.fragmentPath}\n${ctx.sys.fs.readFile(u.fragmentPath)}`);
        } catch (e) {
          ctx.stderr.write(`Failed to read "${u.fragmentPath}": ${errText(e)}\n`);
          rc = 1;
        }
      });
      return rc;
    }
    default:
      ctx.stderr.write(`Unknown operation '${verb}'.\n`);
      return 1;
  }
}

export const systemctl = defineCommand('systemctl', runSystemctl);
