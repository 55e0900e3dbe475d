// sed 4.7: stream editor; -n -e -f -E/-r -s -i[SUFFIX] (temp file + rename, as GNU sed does).

import { dirname, joinPath } from '../vfs';
import { readAll } from '../core/stream';
import { parseArgs } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { errText, progName, vfsError } from './lib/io';
import { parseSed, resolveLabels, SedError, type SedCmd } from './lib/sed-parse';
import { SedMachine, SedNoPreviousRegex, type InputLine, type SedIo } from './lib/sed-exec';
import type { CommandContext, FileHandle } from './types';

const USAGE = `Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...

  -n, --quiet, --silent
                 suppress automatic printing of pattern space
      --debug
                 annotate program execution
  -e script, --expression=script
                 add the script to the commands to be executed
  -f script-file, --file=script-file
                 add the contents of script-file to the commands to be executed
  --follow-symlinks
                 follow symlinks when processing in place
  -i[SUFFIX], --in-place[=SUFFIX]
                 edit files in place (makes backup if SUFFIX supplied)
  -l N, --line-length=N
                 specify the desired line-wrap length for the \`l' command
  --posix
                 disable all GNU extensions.
  -E, -r, --regexp-extended
                 use extended regular expressions in the script
                 (for portability use POSIX -E).
  -s, --separate
                 consider files as separate rather than as a single
                 continuous long stream.
      --sandbox
                 operate in sandbox mode (disable e/r/w commands).
  -u, --unbuffered
                 load minimal amounts of data from the input files and flush
                 the output buffers more often
  -z, --null-data
                 separate lines by NUL characters
      --help     display this help and exit
      --version  output version information and exit

If no -e, --expression, -f, or --file option is given, then the first
non-option argument is taken as the sed script to interpret.  All
remaining arguments are names of input files; if no input files are
specified, then the standard input is read.

GNU sed home page: <https://www.gnu.org/software/sed/>.
General help using GNU software: <https://www.gnu.org/gethelp/>.
`;

function toLines(text: string): InputLine[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const endsNl = parts[parts.length - 1] === '';
  if (endsNl) parts.pop();
  return parts.map((t, i) => ({ text: t, nl: i < parts.length - 1 || endsNl }));
}

const TEMP_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export async function runSed(ctx: CommandContext, _dialect: Dialect): Promise<number> {
  const prog = progName(ctx, 'sed');
  const p = parseArgs(ctx.argv.slice(1), {
    short: 'ne:f:Eri::suzl:',
    long: {
      quiet: { key: 'n', arg: 'none' },
      silent: { key: 'n', arg: 'none' },
      expression: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' },
      'regexp-extended': { key: 'E', arg: 'none' },
      'in-place': { key: 'i', arg: 'optional' },
      separate: { key: 's', arg: 'none' },
      posix: { key: 'posix', arg: 'none' },
      debug: { key: 'debug', arg: 'none' },
      sandbox: { key: 'sandbox', arg: 'none' },
      unbuffered: { key: 'u', arg: 'none' },
      'follow-symlinks': { key: 'follow', arg: 'none' },
      'line-length': { key: 'l', arg: 'required' },
    },
  });
  if (!p.ok) {
    ctx.stderr.write(`${prog}: ${p.error}\n${USAGE}`);
    return 1;
  }
  let quiet = false;
  let extended = false;
  let inPlace: string | null = null;
  let separate = false;
  const scripts: { text: string; where: string }[] = [];
  let exprNo = 0;
  for (const o of p.opts) {
    if (o.key === 'n') quiet = true;
    else if (o.key === 'E' || o.key === 'r') extended = true;
    else if (o.key === 's') separate = true;
    else if (o.key === 'i') {
      inPlace = o.value ?? '';
      separate = true;
    } else if (o.key === 'e') scripts.push({ text: o.value!, where: `-e expression #${++exprNo}` });
    else if (o.key === 'f') {
      try {
        scripts.push({ text: o.value === '-' ? await readAll(ctx.stdin) : ctx.sys.fs.readFile(o.value!), where: `file ${o.value}` });
      } catch (e) {
        ctx.stderr.write(`${prog}: couldn't open file ${o.value}: ${errText(e)}\n`);
        return 1;
      }
    }
  }
  let operands = p.operands;
  if (scripts.length === 0) {
    if (operands.length === 0) {
      ctx.stderr.write(USAGE);
      return 1;
    }
    scripts.push({ text: operands[0], where: '-e expression #1' });
    operands = operands.slice(1);
  }
  if (scripts[0].text.startsWith('#n\n') || scripts[0].text === '#n') quiet = true;
  const cmds: SedCmd[] = [];
  try {
    for (const s of scripts) parseSed(s.text, { dialect: extended ? 'extended' : 'basic', where: s.where }, cmds);
  } catch (e) {
    if (e instanceof SedError) {
      ctx.stderr.write(`${prog}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  const labels = resolveLabels(cmds);
  if (typeof labels === 'string') {
    ctx.stderr.write(`${prog}: ${labels}\n`);
    return 1;
  }
  if (inPlace !== null && operands.length === 0) {
    ctx.stderr.write(`${prog}: no input files\n`);
    return 1;
  }
  const fs = ctx.sys.fs;
  const wfiles = new Map<string, FileHandle>();
  for (const c of cmds) {
    const name = c.name === 'w' || c.name === 'W' ? c.text : c.wfile;
    if (name === undefined || name === '/dev/stdout' || name === '/dev/stderr' || wfiles.has(name)) continue;
    try {
      wfiles.set(name, fs.open(name, { write: true, create: true, trunc: true }));
    } catch (e) {
      ctx.stderr.write(`${prog}: couldn't open file ${name}: ${errText(e)}\n`);
      return 4;
    }
  }
  const machine = new SedMachine(cmds, labels, quiet);
  const makeIo = (fileName: string, out: (s: string) => void): SedIo => ({
    out,
    fileName,
    writeTo: (name, text) => {
      if (name === '/dev/stdout') ctx.stdout.write(text);
      else if (name === '/dev/stderr') ctx.stderr.write(text);
      else wfiles.get(name)?.write(text);
    },
    readFile: (name) => {
      try {
        return fs.readFile(name);
      } catch {
        return null;
      }
    },
  });
  let status = 0;
  const inputs = operands.length === 0 ? ['-'] : operands;
  const read = async (f: string): Promise<string | null> => {
    if (f === '-') return readAll(ctx.stdin);
    try {
      return fs.readFile(f);
    } catch (e) {
      const err = vfsError(e);
      ctx.stderr.write(err.code === 'EISDIR' ? `${prog}: couldn't edit ${f}: not a regular file\n` : `${prog}: can't read ${f}: ${err.text}\n`);
      status = err.code === 'EISDIR' && inPlace !== null ? 4 : 2;
      return null;
    }
  };
  try {
    if (!separate) {
      const all: InputLine[] = [];
      for (const f of inputs) {
        const t = await read(f);
        if (t === null) continue;
        // A missing final newline only matters on the very last line of the whole stream.
        if (all.length > 0 && !all[all.length - 1].nl) all[all.length - 1].nl = true;
        all.push(...toLines(t));
      }
      machine.run(all, makeIo(inputs[0], (s) => ctx.stdout.write(s)));
    } else {
      for (const f of inputs) {
        if (machine.quitCode !== null) break;
        const t = await read(f);
        if (t === null) continue;
        if (inPlace === null) {
          machine.run(toLines(t), makeIo(f, (s) => ctx.stdout.write(s)));
          continue;
        }
        let buf = '';
        machine.run(toLines(t), makeIo(f, (s) => (buf += s)));
        const r = writeInPlace(ctx, f, buf, inPlace);
        if (r !== null) {
          ctx.stderr.write(`${prog}: ${r}\n`);
          return 4;
        }
      }
    }
  } catch (e) {
    if (e instanceof SedNoPreviousRegex) {
      ctx.stderr.write(`${prog}: no previous regular expression\n`);
      return 1;
    }
    throw e;
  }
  for (const h of wfiles.values()) h.close();
  return machine.quitCode ?? status;
}

/** GNU sed -i: write a temp file `sedXXXXXX` beside the original, copy its mode/owner, rename over it. */
function writeInPlace(ctx: CommandContext, file: string, text: string, suffix: string): string | null {
  const fs = ctx.sys.fs;
  const st = fs.stat(file);
  if (st.type !== 'file') return `couldn't edit ${file}: not a regular file`;
  const dir = dirname(file);
  let tmpName = 'sed';
  for (let i = 0; i < 6; i++) tmpName += TEMP_CHARS[ctx.sys.random.int(TEMP_CHARS.length)];
  const tmp = dir === '.' ? tmpName : joinPath(dir, tmpName);
  try {
    const h = fs.open(tmp, { write: true, read: true, create: true, excl: true }, 0o600);
    h.write(text);
    h.close();
  } catch (e) {
    return `couldn't open temporary file ${tmp}: ${errText(e)}`;
  }
  try {
    if (ctx.process.euid === 0) fs.chown(tmp, st.uid, st.gid);
    fs.chmod(tmp, st.mode & 0o7777);
  } catch {
    /* sed ignores failures to restore ownership */
  }
  try {
    if (suffix !== '') {
      const backup = suffix.includes('*') ? suffix.replace(/\*/g, file.split('/').pop()!) : `${file}${suffix}`;
      fs.rename(file, backup.includes('/') ? backup : joinPath(dir, backup.split('/').pop()!));
    }
    fs.rename(tmp, file);
  } catch (e) {
    return `cannot rename ${tmp}: ${errText(e)}`;
  }
  return null;
}

export const sed = defineCommand('sed', runSed);
