// test and [: POSIX's argument-count rules for up to four arguments, a -a/-o expression parser beyond,
// file tests through the host, and bash's messages (`[: missing `]'`, `integer expression expected`).
import { isErrno, type FileStat } from '../host';
import type { Shell } from '../runtime';
import { builtinError, isInteger, type Builtin } from './types';

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-n', '-z', '-o', '-v']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A user error inside test: message printed, status 2. */
class TestError {
  constructor(readonly message: string) {}
}

export function isUnaryTestOp(op: string): boolean {
  return UNARY.has(op);
}

export function isBinaryTestOp(op: string): boolean {
  return BINARY.has(op);
}

function stat(sh: Shell, path: string, link = false): FileStat | null {
  if (path === '') return null;
  const abs = sh.resolvePath(path);
  const st = link ? sh.host.lstat(abs) : sh.host.stat(abs);
  return isErrno(st) ? null : st;
}

const OPTION_NAMES: Record<string, keyof Shell['state']['options']> = {
  errexit: 'errexit',
  nounset: 'nounset',
  xtrace: 'xtrace',
  noglob: 'noglob',
  noclobber: 'noclobber',
  pipefail: 'pipefail',
  allexport: 'allexport',
};

export function unaryTest(sh: Shell, op: string, arg: string): boolean {
  switch (op) {
    case '-n':
      return arg !== '';
    case '-z':
      return arg === '';
    case '-o':
      return arg in OPTION_NAMES && sh.state.options[OPTION_NAMES[arg]];
    case '-v':
      return sh.getVar(arg) !== undefined;
    case '-t': {
      const fd = sh.fds.get(Number(arg));
      return isInteger(arg) && fd !== undefined && (fd.output?.isTTY === true || fd.input?.isTTY === true);
    }
    case '-h':
    case '-L':
      return stat(sh, arg, true)?.type === 'symlink';
  }
  const st = stat(sh, arg);
  if (!st) return false;
  const abs = sh.resolvePath(arg);
  switch (op) {
    case '-a':
    case '-e':
      return true;
    case '-f':
      return st.type === 'file';
    case '-d':
      return st.type === 'dir';
    case '-b':
      return st.type === 'block';
    case '-c':
      return st.type === 'char';
    case '-p':
      return st.type === 'fifo';
    case '-S':
      return st.type === 'socket';
    case '-s':
      return st.size > 0;
    case '-g':
      return (st.mode & 0o2000) !== 0;
    case '-u':
      return (st.mode & 0o4000) !== 0;
    case '-k':
      return (st.mode & 0o1000) !== 0;
    case '-r':
      return sh.host.access(abs, 'r');
    case '-w':
      return sh.host.access(abs, 'w');
    case '-x':
      return sh.host.access(abs, 'x');
    case '-O':
      return String(st.uid) === (sh.getVar('EUID') ?? sh.getVar('UID') ?? '0');
    case '-G':
      return String(st.gid) === (sh.getVar('EGID') ?? sh.getVar('GID') ?? String(st.gid));
    case '-N':
      return true;
  }
  return false;
}

function integer(s: string): bigint {
  if (!isInteger(s)) throw new TestError(`${s}: integer expression expected`);
  return BigInt(s.trim());
}

export function binaryTest(sh: Shell, op: string, a: string, b: string): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return integer(a) === integer(b);
    case '-ne':
      return integer(a) !== integer(b);
    case '-lt':
      return integer(a) < integer(b);
    case '-le':
      return integer(a) <= integer(b);
    case '-gt':
      return integer(a) > integer(b);
    case '-ge':
      return integer(a) >= integer(b);
    case '-nt':
    case '-ot': {
      const sa = stat(sh, a);
      const sb = stat(sh, b);
      if (op === '-nt') return sa !== null && (sb === null || sa.mtimeMs > sb.mtimeMs);
      return sb !== null && (sa === null || sa.mtimeMs < sb.mtimeMs);
    }
    case '-ef': {
      const sa = stat(sh, a);
      const sb = stat(sh, b);
      return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino;
    }
  }
  throw new TestError(`${op}: binary operator expected`);
}

/** The full expression grammar, for more than four arguments. */
class TestParser {
  private i = 0;
  constructor(
    private readonly sh: Shell,
    private readonly args: string[],
  ) {}

  run(): boolean {
    const v = this.or();
    if (this.i < this.args.length) throw new TestError('too many arguments');
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (this.args[this.i] === '-o') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.args[this.i] === '-a') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.args[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const a = this.args;
    const t = a[this.i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError("`)' expected");
      this.i++;
      return v;
    }
    if (BINARY.has(a[this.i + 1] ?? '') && this.i + 2 < a.length) {
      this.i += 3;
      return binaryTest(this.sh, a[this.i - 2], t, a[this.i - 1]);
    }
    if (UNARY.has(t) && t !== '-a' && t !== '-o') {
      if (this.i + 1 >= a.length) throw new TestError(`${t}: unary operator expected`);
      this.i += 2;
      return unaryTest(this.sh, t, a[this.i - 1]);
    }
    this.i++;
    return t !== '';
  }
}

function evaluate(sh: Shell, args: string[]): boolean {
  const n = args.length;
  if (n === 0) return false;
  if (n === 1) return args[0] !== '';
  if (n === 2) {
    if (args[0] === '!') return args[1] === '';
    if (UNARY.has(args[0])) return unaryTest(sh, args[0], args[1]);
    throw new TestError(`${args[0]}: unary operator expected`);
  }
  if (n === 3) {
    if (BINARY.has(args[1])) return binaryTest(sh, args[1], args[0], args[2]);
    if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
    if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
    if (args[0] === '!') return !evaluate(sh, args.slice(1));
    if (args[0] === '(' && args[2] === ')') return args[1] !== '';
    throw new TestError(`${args[1]}: binary operator expected`);
  }
  if (n === 4) {
    if (args[0] === '!') return !evaluate(sh, args.slice(1));
    if (args[0] === '(' && args[3] === ')') return evaluate(sh, args.slice(1, 3));
  }
  return new TestParser(sh, args).run();
}

export const test: Builtin = ({ sh, argv }) => {
  const name = argv[0];
  let args = argv.slice(1);
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      builtinError(sh, name, "missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluate(sh, args) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    builtinError(sh, name, e.message);
    return 2;
  }
};

export { TestError };
