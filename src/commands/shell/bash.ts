// bash, dash and busybox sh as programs: `-c`, scripts, stdin scripts and the interactive prompt loop.

import { readAll, type InputStream } from '../../core/stream';
import { addHistory, createShellState, expandHistory, needsMoreInput, runScript, shellInput, type ShellDialect, type ShellState } from '../../shell';
import { shellCompleter } from '../../shell/completion';
import { completionSourcesFor } from '../../world/completion-sources';
import { terminalBehind } from '../../shell/terminal';
import type { Command, CommandContext } from '../types';
import { decodePrompt, type PromptFacts } from './prompt';
import { sysShellHost } from './sys-host';

const BASH_VERSION = '5.0';
const HISTFILE_MAX = 1000;

interface ShellFlavour {
  name: string;
  dialect: ShellDialect;
  /** Reads /etc/bash.bashrc and ~/.bashrc when interactive (bash), or $ENV (ash/dash: nothing by default). */
  rcFiles: boolean;
  /** Tab completes at the prompt (bash's readline, busybox's line editor); Debian builds dash without one. */
  completes: boolean;
}

function passwdFacts(ctx: CommandContext): { user: string; home: string } {
  try {
    const f = ctx.sys.fs.readFile('/etc/passwd').split('\n').map((l) => l.split(':')).find((x) => Number(x[2]) === ctx.process.euid);
    if (f) return { user: f[0]!, home: f[5]! };
  } catch {
    // no passwd: bash shows "I have no name!"
  }
  return { user: 'I have no name!', home: ctx.env.HOME ?? '/' };
}

async function sourceIfExists(state: ShellState, ctx: CommandContext, path: string, io: Parameters<typeof runScript>[3]): Promise<void> {
  let text: string;
  try {
    text = ctx.sys.fs.readFile(path);
  } catch {
    return;
  }
  const host = sysShellHost(ctx.sys, ctx.sys.wall(0).date.getTime());
  await runScript(state, text, host, io, { sourced: true });
  state.exited = false;
}

/** Read one line (up to and including \n) from the terminal; null at EOF. The buffer is shared with `read`. */
class LineReader {
  private readonly input: ReturnType<typeof shellInput>;
  constructor(input: InputStream) {
    this.input = shellInput(input);
  }
  async line(): Promise<string | null> {
    const r = await this.input.readUntil('\n');
    if (r === null || r.text === '') return null;
    return r.text;
  }
}

function historyPath(home: string): string {
  return `${home === '/' ? '' : home}/.bash_history`;
}

/**
 * The terminal behind the shell's stdin. A shell started from another one (`ssh`, `su -`, `bash`) reads
 * the parent's buffered wrapper of the same terminal; it still prompts, takes Tab and owns Ctrl-C there.
 */
async function interactive(ctx: CommandContext, state: ShellState, flavour: ShellFlavour, facts: PromptFacts): Promise<number> {
  const host = sysShellHost(ctx.sys, ctx.sys.wall(0).date.getTime());
  const tty = terminalBehind(ctx.stdin);
  const showPrompt = (ps: string): void => {
    const text = decodePrompt(ps, state, facts);
    if (tty) tty.prompt(text);
    else ctx.stderr.write(text);
  };
  // Registered again at every PS1: a shell started from this one (ssh, su, bash) took the terminal's Tab.
  const completer = flavour.completes ? shellCompleter(state, host, completionSourcesFor(ctx.sys)) : null;
  const reader = new LineReader(ctx.stdin);
  for (;;) {
    if (ctx.signal.aborted) return 128 + 1;
    tty?.setCompleter?.(completer);
    showPrompt(state.vars.PS1?.value ?? '');
    let source = await reader.line();
    if (source === null) {
      ctx.stderr.write(state.login ? 'logout\n' : 'exit\n');
      return state.lastStatus;
    }
    while (needsMoreInput(source, { aliases: state.aliases })) {
      showPrompt(state.vars.PS2?.value ?? '> ');
      const more = await reader.line();
      if (more === null) break;
      source += more;
    }
    if (flavour.dialect === 'bash') {
      const h = expandHistory(source, state.history);
      if (h.kind === 'error') {
        ctx.stderr.write(`${state.argv0.replace(/^-/, '')}: ${h.message}\n`);
        continue;
      }
      if (h.kind === 'expanded') {
        source = h.line;
        ctx.stdout.write(source.endsWith('\n') ? source : `${source}\n`);
      }
    }
    addHistory(state, source);
    const job = new AbortController();
    const stop = AbortSignal.any([job.signal, ctx.signal]);
    const pop = tty ? tty.pushForeground(job) : () => {};
    try {
      await runScript(state, source, host, { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: stop });
    } finally {
      pop();
    }
    if (job.signal.aborted) ctx.stdout.write('\n');
    // The exit builtin has already said `exit`/`logout`.
    if (state.exited) return state.lastStatus;
  }
}

/** Variables the shell sets itself at start-up (bash's BASH, BASH_VERSION, PS1 default, SHLVL…). */
function shellVars(flavour: ShellFlavour, ctx: CommandContext): Record<string, string> {
  const v: Record<string, string> = {
    PPID: String(ctx.process.ppid),
    UID: String(ctx.process.uid),
    EUID: String(ctx.process.euid),
    HOSTNAME: ctx.process.hostname,
  };
  if (flavour.dialect === 'bash') {
    v.BASH = `/bin/${flavour.name}`;
    v.BASH_VERSION = '5.0.17(1)-release';
  }
  return v;
}

export function shellProgram(flavour: ShellFlavour): Command {
  return {
    name: flavour.name,
    async run(ctx) {
      const argv0 = ctx.argv[0] ?? flavour.name;
      const args = ctx.argv.slice(1);
      let login = argv0.startsWith('-');
      let command: string | null = null;
      let forceInteractive = false;
      let readStdin = false;
      let i = 0;
      for (; i < args.length; i++) {
        const a = args[i]!;
        if (a === '-c') {
          command = args[++i] ?? null;
          if (command === null) {
            ctx.stderr.write(`${flavour.name}: -c: option requires an argument\n`);
            return 2;
          }
          i++;
          break;
        }
        if (a === '-l' || a === '--login') login = true;
        else if (a === '-i') forceInteractive = true;
        else if (a === '-s') readStdin = true;
        else if (a === '--') {
          i++;
          break;
        } else if (/^-[eux]+$/.test(a) || a === '--norc' || a === '--noprofile') continue;
        else if (a.startsWith('-') && a !== '-') {
          ctx.stderr.write(`${flavour.name}: ${a}: invalid option\n`);
          return 2;
        } else break;
      }
      const rest = args.slice(i);
      const { user, home } = passwdFacts(ctx);
      const base = { dialect: flavour.dialect, login, env: ctx.env, cwd: ctx.cwd, pid: ctx.process.pid };
      const host = sysShellHost(ctx.sys, ctx.sys.wall(0).date.getTime());
      const io = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal };
      if (command !== null) {
        // $0 is the name the shell was run as: busybox's `sh -c` reports as `sh:`, `/bin/sh -c` as `/bin/sh:`.
        const state = createShellState({ ...base, mode: 'command', argv0: rest[0] ?? argv0, positional: rest.slice(1) });
        return runScript(state, command, host, io);
      }
      if (rest.length > 0 && !readStdin) {
        const script = rest[0]!;
        let text: string;
        try {
          text = ctx.sys.fs.readFile(script);
        } catch (e) {
          const msg = (e as { text?: string }).text ?? 'No such file or directory';
          ctx.stderr.write(flavour.dialect === 'bash' ? `${flavour.name}: ${script}: ${msg}\n` : `${flavour.name}: 0: Can't open ${script}\n`);
          return 127;
        }
        const state = createShellState({ ...base, mode: 'script', argv0: script, positional: rest.slice(1) });
        return runScript(state, text, host, io);
      }
      const isInteractive = forceInteractive || (ctx.stdin.isTTY && !readStdin);
      if (!isInteractive) {
        const state = createShellState({ ...base, mode: 'script', argv0, positional: rest });
        return runScript(state, await readAll(ctx.stdin), host, io);
      }
      let history: string[] = [];
      try {
        history = ctx.sys.fs.readFile(historyPath(home)).split('\n').filter(Boolean);
      } catch {
        // no history yet
      }
      const state = createShellState({ ...base, mode: 'interactive', argv0, history, vars: shellVars(flavour, ctx) });
      if (flavour.rcFiles) {
        const rcIo = { ...io, stdin: { isTTY: false, read: async () => null } };
        if (login) {
          await sourceIfExists(state, ctx, '/etc/profile', rcIo);
          for (const f of ['.bash_profile', '.bash_login', '.profile']) {
            if (ctx.sys.fs.exists(`${home}/${f}`)) {
              await sourceIfExists(state, ctx, `${home}/${f}`, rcIo);
              break;
            }
          }
        } else {
          await sourceIfExists(state, ctx, '/etc/bash.bashrc', rcIo);
          await sourceIfExists(state, ctx, `${home}/.bashrc`, rcIo);
        }
      }
      const facts: PromptFacts = { user, hostname: ctx.process.hostname, home, euid: ctx.process.euid, shellName: flavour.name, version: BASH_VERSION, tty: ctx.process.tty };
      let status: number;
      try {
        status = await interactive(ctx, state, flavour, facts);
      } finally {
        // Tab stops completing for a shell that has gone; the parent registers again at its prompt.
        terminalBehind(ctx.stdin)?.setCompleter?.(null);
      }
      if (flavour.rcFiles && home !== '/') {
        // bash writes the history file at exit: appending this session's lines with `shopt -s
        // histappend` (Ubuntu's .bashrc), otherwise rewriting it (O_TRUNC — which Falco notices).
        const fresh = state.history.slice(history.length);
        try {
          if (state.shopt?.histappend) {
            if (fresh.length > 0) ctx.sys.fs.writeFile(historyPath(home), fresh.join('\n') + '\n', { append: true });
          } else ctx.sys.fs.writeFile(historyPath(home), state.history.slice(-HISTFILE_MAX).join('\n') + '\n');
        } catch {
          // history is not saved on a read-only or missing home, as bash
        }
      }
      return status;
    },
  };
}

export const bash = shellProgram({ name: 'bash', dialect: 'bash', rcFiles: true, completes: true });
export const dash = shellProgram({ name: 'dash', dialect: 'ash', rcFiles: false, completes: false });
/** busybox's ash applet, reached as sh/ash through busybox symlinks. */
export const ash = shellProgram({ name: 'ash', dialect: 'ash', rcFiles: false, completes: true });
