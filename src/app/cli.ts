// Command-line dispatch for cks-lab: the contract in docs/architecture.md (sh, check, list, start, …).

import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import { readFileSync } from 'node:fs';
import { packageVersion } from './paths';
import { detectLang, type Lang } from './lang';
import { runShCommand } from './cmd-sh';
import { HELP } from './help';


export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
}

/**
 * A reader that goes away (`cks-lab check … | head`) must not crash the command: what is still to be
 * printed is dropped and the command finishes its work (the lab is still saved).
 */
const gone = { stdout: false, stderr: false };
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  gone.stdout = true;
});
process.stderr.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  gone.stderr = true;
});

const defaultIo: CliIo = {
  stdout: (s) => {
    if (!gone.stdout) process.stdout.write(s);
  },
  stderr: (s) => {
    if (!gone.stderr) process.stderr.write(s);
  },
  readStdin: () => {
    try {
      return readFileSync(0, 'utf8');
    } catch {
      return '';
    }
  },
};

/** Pull the global options out wherever they appear; the rest goes to the subcommand. */
function splitGlobals(argv: string[]): { lang: Lang | null; rest: string[]; help: boolean; version: boolean; error?: string } {
  const rest: string[] = [];
  let lang: Lang | null = null;
  let help = false;
  let version = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--help' || a === '-h') help = true;
    else if (a === '--version' || a === '-V') version = true;
    else if (a === '--no-color') continue;
    else if (a === '--lang' || a.startsWith('--lang=')) {
      const v = a === '--lang' ? argv[++i] : a.slice('--lang='.length);
      if (v !== 'en' && v !== 'zh') return { lang, rest, help, version, error: `cks-lab: --lang must be en or zh (got ${v === undefined ? 'nothing' : JSON.stringify(v)})` };
      lang = v;
    } else rest.push(a);
  }
  return { lang, rest, help, version };
}

export async function runCli(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const g = splitGlobals(argv);
  if (g.error) {
    io.stderr(`${g.error}\n`);
    return 2;
  }
  if (g.version) {
    io.stdout(`cks-lab ${packageVersion()}\n`);
    return 0;
  }
  const lang = g.lang ?? detectLang();
  const [cmd, ...args] = g.rest;
  if (g.help) {
    io.stdout(HELP[lang]);
    return 0;
  }
  try {
    switch (cmd) {
      case 'sh':
        return await runShCommand(args, io);
      case 'check':
        return await (await import('./cmd-check')).runCheckCommand(args, io, lang);
      case 'list':
        return await (await import('./cmd-list')).runListCommand(args, io, lang);
      case 'lint':
        return await (await import('./cmd-lint')).runLintCommand(args, io, lang);
      case 'audit':
        return await (await import('./cmd-audit')).runAuditCommand(args, io);
      case 'falco':
        return await (await import('./cmd-falco')).runFalcoCommand(args, io);
      case 'results':
        return await (await import('./cmd-results')).runResultsCommand(args, io, lang);
      case undefined:
      case 'start': {
        const { runTui } = await import('./tui-entry');
        return await runTui(cmd === 'start' ? args : [], io, lang);
      }
      default:
        io.stderr(`cks-lab: unknown command '${cmd}'\nRun 'cks-lab --help' for usage.\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cks-lab ${cmd}: ${e.message}\nRun 'cks-lab --help' for usage.\n`);
      return 2;
    }
    throw e;
  }
}

export class UsageError extends Error {}

/** parseArgs with cks-lab's wording for mistakes. */
export function parseCommandArgs<const T extends ParseArgsOptionsConfig>(args: string[], options: T, positionals = 0) {
  try {
    const r = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (r.positionals.length > positionals) throw new UsageError(`unexpected argument '${r.positionals[positionals]}'`);
    return r;
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const msg = (e as Error).message.replace(/\. To specify a positional argument.*$/, '').replace(/^Unknown option/, 'unknown option');
    throw new UsageError(msg);
  }
}
