// Programmable completion once Ubuntu's bash-completion 2.10 is loaded (~/.bashrc and
// /etc/profile.d/bash_completion.sh source /usr/share/bash-completion/bash_completion): its `_sudo`
// and `_ssh`, and systemd 245's `_systemctl` and `_journalctl`. Each answers only when its
// completion file is installed under /usr/share/bash-completion/completions, as the loader would.

import { matching, passwdNames, type CompletionEnv } from './completion-env';
import { sshCompletion } from './completion-ssh';
import { dequote, type Completion, type CompletionWords } from './completion-words';
import { isErrno, type ShellHost } from './interpreter/host';
import type { ShellState } from './interpreter/state';

const COMPLETIONS_DIR = '/usr/share/bash-completion/completions';

/** bash_completion defines its loader; the lab's login shells get it from ~/.bashrc. */
export function bashCompletionLoaded(state: ShellState): boolean {
  return state.dialect === 'bash' && Object.prototype.hasOwnProperty.call(state.functions, '_completion_loader');
}

function installed(host: ShellHost, command: string): boolean {
  const st = host.stat(`${COMPLETIONS_DIR}/${command}`);
  return !isErrno(st) && st.type === 'file';
}

/** The completion for a program's arguments, or 'default' when it has none (files, then). */
export function programCompletion(env: CompletionEnv, w: CompletionWords): Completion | 'default' {
  const name = (w.words[0] ?? '').split('/').pop()!;
  if (!['sudo', 'ssh', 'systemctl', 'journalctl'].includes(name) || !installed(env.host, name)) return 'default';
  switch (name) {
    case 'sudo':
      return sudoCompletion(env, w);
    case 'ssh':
      return sshCompletion(env, w);
    case 'systemctl':
      return systemctlCompletion(env, w);
    default:
      return journalctlCompletion(env, w);
  }
}

const SUDO_ARG_OPTIONS = new Set(['-u', '-g', '-C', '-p', '-r', '-t', '-U', '-h', '-D', '-T', '--user', '--group', '--close-from', '--prompt', '--role', '--type', '--other-user', '--host', '--chdir', '--command-timeout']);
const SUDO_OPTIONS = ['-A', '-b', '-C', '-E', '-e', '-g', '-H', '-h', '-i', '-K', '-k', '-l', '-n', '-P', '-p', '-S', '-s', '-U', '-u', '-V', '-v'];

/** `_sudo`: options, then the command, completed as if typed on its own (`_command_offset`). */
function sudoCompletion(env: CompletionEnv, w: CompletionWords): Completion {
  const cur = dequote(w.current.raw);
  const prev = w.words[w.words.length - 1];
  for (let i = 1; i < w.words.length; i++) {
    const word = w.words[i]!;
    if (word.startsWith('-')) {
      if (SUDO_ARG_OPTIONS.has(word)) i++;
      continue;
    }
    return env.complete({ ...w, words: w.words.slice(i), commandPosition: false });
  }
  if (prev === '-u' || prev === '--user' || prev === '-U') return { start: w.current.start, candidates: matching(passwdNames(env), cur) };
  if (prev !== undefined && SUDO_ARG_OPTIONS.has(prev)) return { start: w.current.start, candidates: [] };
  if (cur.startsWith('-')) return { start: w.current.start, candidates: matching(SUDO_OPTIONS, cur) };
  return env.complete({ ...w, words: [], commandPosition: true });
}

// ---- systemctl (systemd 245 shell-completion/bash/systemctl) ----

const VERBS: Record<string, string[]> = {
  ALL_UNITS: ['cat', 'mask'],
  NONTEMPLATE_UNITS: ['is-active', 'is-failed', 'is-enabled', 'status', 'show', 'preset', 'help', 'list-dependencies', 'edit', 'set-property', 'revert'],
  ENABLED_UNITS: ['disable'],
  DISABLED_UNITS: ['enable'],
  REENABLABLE_UNITS: ['reenable'],
  FAILED_UNITS: ['reset-failed'],
  STARTABLE_UNITS: ['start'],
  STOPPABLE_UNITS: ['stop', 'condstop', 'kill', 'try-restart', 'condrestart'],
  ISOLATABLE_UNITS: ['isolate'],
  RELOADABLE_UNITS: ['reload', 'condreload', 'try-reload-or-restart', 'force-reload'],
  RESTARTABLE_UNITS: ['restart', 'reload-or-restart'],
  TARGET_AND_UNITS: ['add-wants', 'add-requires'],
  MASKED_UNITS: ['unmask'],
  JOBS: ['cancel'],
  ENVS: ['set-environment', 'unset-environment', 'import-environment'],
  STANDALONE: [
    'daemon-reexec', 'daemon-reload', 'default', 'emergency', 'exit', 'halt', 'hibernate', 'hybrid-sleep', 'suspend-then-hibernate',
    'kexec', 'list-jobs', 'list-sockets', 'list-timers', 'list-units', 'list-unit-files', 'poweroff', 'reboot', 'rescue',
    'show-environment', 'suspend', 'get-default', 'is-system-running', 'preset-all',
  ],
  FILE: ['link', 'switch-root'],
  TARGETS: ['set-default'],
  MACHINES: ['list-machines'],
  LOG_LEVEL: ['log-level'],
  LOG_TARGET: ['log-target'],
  SERVICE_LOG_LEVEL: ['service-log-level'],
  SERVICE_LOG_TARGET: ['service-log-target'],
  SERVICE_WATCHDOGS: ['service-watchdogs'],
};
const ALL_VERBS = Object.values(VERBS).flat();
const SYSTEMCTL_STANDALONE = [
  '--all', '-a', '--reverse', '--after', '--before', '--defaults', '--force', '-f', '--full', '-l', '--global', '--help', '-h',
  '--no-ask-password', '--no-block', '--no-legend', '--no-pager', '--no-reload', '--no-wall', '--now', '--quiet', '-q', '--system',
  '--user', '--version', '--runtime', '--recursive', '-r', '--firmware-setup', '--show-types', '--plain', '--failed', '--value',
  '--fail', '--dry-run', '--wait',
];
const SYSTEMCTL_ARG = [
  '--host', '-H', '--kill-who', '--property', '-p', '--signal', '-s', '--type', '-t', '--state', '--job-mode', '--root',
  '--preset-mode', '--boot-loader-menu', '--boot-loader-entry', '--reboot-argument', '--message', '--timestamp',
];
const UNIT_SUFFIXES = ['.service', '.socket', '.target', '.timer', '.mount', '.automount', '.path', '.slice', '.scope', '.swap', '.device'];
const UNIT_FILE_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/lib/systemd/system'];

/** list-unit-files: the unit files on disk (aliases included). */
function unitFiles(host: ShellHost): string[] {
  const out: string[] = [];
  for (const dir of UNIT_FILE_DIRS) {
    const list = host.readDir(dir);
    if (isErrno(list)) continue;
    for (const n of list) if (UNIT_SUFFIXES.some((s) => n.endsWith(s))) out.push(n);
  }
  return out;
}

function unitsFor(env: CompletionEnv, verb: string): string[] {
  const loaded = env.sources?.units() ?? [];
  const inState = (...states: string[]): string[] => loaded.filter((u) => states.includes(u.activeState)).map((u) => u.name);
  const group = Object.entries(VERBS).find(([, verbs]) => verbs.includes(verb))?.[0];
  switch (group) {
    case 'ALL_UNITS':
    case 'NONTEMPLATE_UNITS':
      return [...unitFiles(env.host), ...loaded.map((u) => u.name)].filter((n) => group === 'ALL_UNITS' || !/@\./.test(n));
    case 'ENABLED_UNITS':
      return loaded.filter((u) => u.enabled).map((u) => u.name);
    case 'DISABLED_UNITS':
      return loaded.filter((u) => !u.enabled).map((u) => u.name);
    case 'REENABLABLE_UNITS':
      return loaded.map((u) => u.name);
    case 'FAILED_UNITS':
      return inState('failed');
    case 'STARTABLE_UNITS':
      return inState('inactive', 'failed');
    case 'STOPPABLE_UNITS':
      return inState('active', 'failed');
    case 'RELOADABLE_UNITS':
      return inState('active');
    case 'RESTARTABLE_UNITS':
      return inState('active', 'inactive', 'failed');
    case 'TARGET_AND_UNITS':
      return [...unitFiles(env.host), ...loaded.map((u) => u.name)];
    default:
      return [];
  }
}

function systemctlCompletion(env: CompletionEnv, w: CompletionWords): Completion {
  const cur = dequote(w.current.raw);
  const start = w.current.start;
  const prev = w.words[w.words.length - 1] ?? '';
  if (SYSTEMCTL_ARG.includes(prev)) {
    const values: Record<string, string[]> = {
      '--type': ['service', 'mount', 'swap', 'socket', 'target', 'device', 'automount', 'timer', 'path', 'slice', 'scope'],
      '--kill-who': ['all', 'control', 'main'],
      '--job-mode': ['fail', 'replace', 'replace-irreversibly', 'isolate', 'ignore-dependencies', 'ignore-requirements', 'flush'],
    };
    return { start, candidates: matching(values[prev === '-t' ? '--type' : prev] ?? [], cur) };
  }
  if (cur.startsWith('-')) return { start, candidates: matching([...SYSTEMCTL_STANDALONE, ...SYSTEMCTL_ARG], cur) };
  let verb: string | undefined;
  for (let i = 1; i < w.words.length; i++) {
    if (ALL_VERBS.includes(w.words[i]!) && !SYSTEMCTL_ARG.includes(w.words[i - 1]!)) {
      verb = w.words[i];
      break;
    }
  }
  if (verb === undefined) return { start, candidates: matching(ALL_VERBS, cur) };
  return { start, candidates: matching(unitsFor(env, verb), cur) };
}

// ---- journalctl (systemd 245 shell-completion/bash/journalctl) ----

const JOURNAL_FIELDS = [
  'MESSAGE', 'MESSAGE_ID', 'PRIORITY', 'CODE_FILE', 'CODE_LINE', 'CODE_FUNC', 'ERRNO', 'SYSLOG_FACILITY', 'SYSLOG_IDENTIFIER',
  'SYSLOG_PID', '_PID', '_UID', '_GID', '_COMM', '_EXE', '_CMDLINE', '_AUDIT_SESSION', '_AUDIT_LOGINUID', '_SYSTEMD_CGROUP',
  '_SYSTEMD_SESSION', '_SYSTEMD_UNIT', '_SYSTEMD_OWNER_UID', '_SELINUX_CONTEXT', '_SOURCE_REALTIME_TIMESTAMP', '_BOOT_ID',
  '_MACHINE_ID', '_HOSTNAME', '_TRANSPORT', '_KERNEL_DEVICE', '_KERNEL_SUBSYSTEM', '_UDEV_SYSNAME', '_UDEV_DEVNODE',
  '_UDEV_DEVLINK', '__CURSOR', '__REALTIME_TIMESTAMP', '__MONOTONIC_TIMESTAMP',
];
const JOURNALCTL_STANDALONE = [
  '-a', '--all', '--full', '--system', '--user', '--disk-usage', '-f', '--follow', '--header', '-h', '--help', '-l', '--local',
  '--new-id128', '-m', '--merge', '--no-pager', '--no-tail', '-q', '--quiet', '--setup-keys', '--verify', '--version',
  '--list-catalog', '--update-catalog', '--list-boots', '--show-cursor', '--dmesg', '-k', '--pager-end', '-e', '-r', '--reverse',
  '--utc', '-x', '--catalog', '--no-full', '--force', '--dump-catalog', '--flush', '--rotate', '--sync', '--no-hostname', '-N', '--fields',
];
const JOURNALCTL_ARG = ['-b', '--boot', '-D', '--directory', '--file', '-F', '--field', '-t', '--identifier', '-T', '--output-fields', '-M', '--machine', '-o', '--output', '-u', '--unit', '--user-unit', '-p', '--priority', '--root', '--case-sensitive'];
const JOURNALCTL_ARG_UNKNOWN = ['-c', '--cursor', '--interval', '-n', '--lines', '-S', '--since', '-U', '--until', '--after-cursor', '--cursor-file', '--verify-key', '-g', '--grep', '--vacuum-size', '--vacuum-time', '--vacuum-files'];
const OUTPUT_MODES = ['short', 'short-precise', 'short-iso', 'short-iso-precise', 'short-full', 'short-monotonic', 'short-unix', 'verbose', 'export', 'json', 'json-pretty', 'json-sse', 'json-seq', 'cat', 'with-unit'];

function journalctlCompletion(env: CompletionEnv, w: CompletionWords): Completion | 'default' {
  const cur = dequote(w.current.raw);
  const start = w.current.start;
  const prev = w.words[w.words.length - 1] ?? '';
  const values = (field: string): string[] => env.sources?.journalValues(field) ?? [];
  if (JOURNALCTL_ARG.includes(prev) || JOURNALCTL_ARG_UNKNOWN.includes(prev)) {
    switch (prev) {
      case '-D':
      case '--directory':
      case '--file':
        return 'default';
      case '-o':
      case '--output':
        return { start, candidates: matching(OUTPUT_MODES, cur) };
      case '-F':
      case '--field':
        return { start, candidates: matching(JOURNAL_FIELDS, cur) };
      case '-p':
      case '--priority':
        return { start, candidates: matching(['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'], cur) };
      case '-u':
      case '--unit':
        return { start, candidates: matching(values('_SYSTEMD_UNIT'), cur) };
      case '-t':
      case '--identifier':
        return { start, candidates: matching(values('SYSLOG_IDENTIFIER'), cur) };
      case '-b':
      case '--boot':
        return { start, candidates: matching(values('_BOOT_ID'), cur) };
      default:
        return { start, candidates: [] };
    }
  }
  if (cur.startsWith('-')) return { start, candidates: matching([...JOURNALCTL_STANDALONE, ...JOURNALCTL_ARG, ...JOURNALCTL_ARG_UNKNOWN], cur) };
  // `FIELD=value`: the word breaks at `=`, so the field is what precedes it in the shell word.
  const field = /^([A-Z_][A-Z0-9_]*)=/.exec(w.current.wordRaw)?.[1];
  if (field !== undefined) return { start, candidates: matching(values(field), cur) };
  if (cur.startsWith('/')) return 'default';
  return { start, candidates: matching(JOURNAL_FIELDS.map((f) => `${f}=`), cur) };
}
