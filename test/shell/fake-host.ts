// An in-memory ShellHost for interpreter tests: a small file tree with owners, modes and read-only
// mounts, a few fake programs (cat, head, md5sum, mkdir, tee, sudo, sleep, kubectl …), and a record
// of every open and spawn so tests can assert flags and argv.
import { createHash } from 'node:crypto';
import { CaptureOutput, readAll, stringInput, type InputStream, type OutputStream } from '../../src/core/stream';
import {
  createShellState,
  runScript,
  O_APPEND,
  O_CREAT,
  O_TRUNC,
  type Errno,
  type ErrnoResult,
  type FileStat,
  type ShellHost,
  type ShellState,
  type ShellStateInit,
  type SpawnFailure,
  type SpawnRequest,
} from '../../src/shell';

export interface FakeNode {
  type: 'file' | 'dir' | 'symlink';
  content: string;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ino: number;
  target?: string;
}

export interface ProgramContext extends SpawnRequest {
  host: FakeHost;
}

export type FakeProgram = (ctx: ProgramContext) => Promise<number>;

const err = (errno: Errno): ErrnoResult => ({ errno });
const dirname = (p: string): string => p.replace(/\/[^/]*$/, '') || '/';
const basename = (p: string): string => p.replace(/^.*\//, '');

export class FakeHost implements ShellHost {
  readonly files = new Map<string, FakeNode>();
  readonly opens: { path: string; flags: number }[] = [];
  readonly spawns: string[][] = [];
  readonly programs = new Map<string, FakeProgram>();
  readonly readOnly: string[] = [];
  uid = 1000;
  clockMs = Date.UTC(2023, 0, 24, 18, 0, 0);
  randomValues: number[] = [];
  private inoSeq = 10;
  /** Called by the fake `sleep`; return true to stop (abort) the shell. */
  onSleep: (seconds: number) => boolean = () => false;
  readonly controller = new AbortController();
  commandNotFound?: ShellHost['commandNotFound'];
  kill?: ShellHost['kill'];

  constructor() {
    for (const d of ['/', '/bin', '/usr', '/usr/bin', '/etc', '/tmp', '/root', '/home', '/home/vagrant', '/var']) this.mkdir(d, 0, 0o755);
    this.files.get('/tmp')!.mode = 0o1777;
    this.files.get('/home/vagrant')!.uid = 1000;
    installPrograms(this);
  }

  mkdir(path: string, uid = 0, mode = 0o755): void {
    this.files.set(path, { type: 'dir', content: '', mode, uid, gid: uid, mtimeMs: this.clockMs, ino: this.inoSeq++ });
  }

  writeFile(path: string, content: string, opts: { uid?: number; mode?: number } = {}): void {
    this.files.set(path, { type: 'file', content, mode: opts.mode ?? 0o644, uid: opts.uid ?? 0, gid: opts.uid ?? 0, mtimeMs: this.clockMs, ino: this.inoSeq++ });
  }

  read(path: string): string | undefined {
    return this.files.get(path)?.content;
  }

  addProgram(name: string, program: FakeProgram, dir = '/usr/bin'): void {
    this.programs.set(name, program);
    this.writeFile(`${dir}/${name}`, '', { mode: 0o755 });
  }

  private resolveLink(path: string): string {
    const n = this.files.get(path);
    return n?.type === 'symlink' && n.target ? n.target : path;
  }

  private canWrite(n: FakeNode): boolean {
    return this.uid === 0 || (n.uid === this.uid && (n.mode & 0o200) !== 0) || (n.mode & 0o002) !== 0;
  }

  private canRead(n: FakeNode): boolean {
    return this.uid === 0 || (n.uid === this.uid && (n.mode & 0o400) !== 0) || (n.mode & 0o004) !== 0;
  }

  resolveCommand(name: string, searchDirs: string[]): { path: string } | ErrnoResult {
    const check = (p: string): { path: string } | ErrnoResult => {
      const n = this.files.get(this.resolveLink(p));
      if (!n) return err('ENOENT');
      if (n.type === 'dir') return err('EISDIR');
      if ((n.mode & 0o111) === 0) return err('EACCES');
      return { path: p };
    };
    if (name.startsWith('/')) return check(name);
    for (const d of searchDirs) {
      const r = check(`${d === '/' ? '' : d}/${name}`);
      if (!('errno' in r) || r.errno !== 'ENOENT') return r;
    }
    return err('ENOENT');
  }

  async spawn(req: SpawnRequest): Promise<number | SpawnFailure> {
    this.spawns.push(req.argv);
    const program = this.programs.get(basename(req.path));
    if (program) return program({ ...req, host: this });
    const text = this.read(req.path) ?? '';
    if (text.startsWith('#!')) {
      const interp = text.slice(2).split('\n')[0].replace(/^[ \t]+|[ \t]+$/g, '');
      if (!this.files.has(interp)) return { errno: 'ENOENT', interpreter: interp };
      const state = createShellState({ mode: 'script', argv0: req.argv[0], env: req.env, cwd: req.cwd, positional: req.argv.slice(1) });
      return runScript(state, text, this, { stdin: req.stdin, stdout: req.stdout, stderr: req.stderr, signal: req.signal });
    }
    return { errno: 'ENOEXEC' };
  }

  openForRead(path: string): InputStream | ErrnoResult {
    this.opens.push({ path, flags: 0 });
    const n = this.files.get(this.resolveLink(path));
    if (!n) return err('ENOENT');
    if (!this.canRead(n)) return err('EACCES');
    return stringInput(n.content);
  }

  openForWrite(path: string, flags: number, mode: number): OutputStream | ErrnoResult {
    this.opens.push({ path, flags });
    path = this.resolveLink(path);
    if (this.readOnly.some((p) => p === '/' || path === p || path.startsWith(`${p}/`))) return err('EROFS');
    let n = this.files.get(path);
    if (n?.type === 'dir') return err('EISDIR');
    if (!n) {
      const parent = this.files.get(dirname(path));
      if (!parent) return err('ENOENT');
      if (parent.type !== 'dir') return err('ENOTDIR');
      if (!(flags & O_CREAT)) return err('ENOENT');
      if (!this.canWrite(parent)) return err('EACCES');
      this.writeFile(path, '', { uid: this.uid, mode });
      n = this.files.get(path)!;
    } else if (!this.canWrite(n)) return err('EACCES');
    const node = n;
    if (flags & O_TRUNC) node.content = '';
    void O_APPEND;
    return { isTTY: false, columns: 80, write: (t: string) => void (node.content += t), close: () => {} };
  }

  private statOf(path: string): FileStat | ErrnoResult {
    const n = this.files.get(path);
    if (!n) return err('ENOENT');
    return { type: n.type, mode: n.mode, uid: n.uid, gid: n.gid, size: n.content.length, mtimeMs: n.mtimeMs, ino: n.ino, dev: 1 };
  }

  stat(path: string): FileStat | ErrnoResult {
    return this.statOf(this.resolveLink(path));
  }

  lstat(path: string): FileStat | ErrnoResult {
    return this.statOf(path);
  }

  access(path: string, mode: 'r' | 'w' | 'x'): boolean {
    const n = this.files.get(this.resolveLink(path));
    if (!n) return false;
    if (mode === 'r') return this.canRead(n);
    if (mode === 'w') return this.canWrite(n);
    return this.uid === 0 ? (n.mode & 0o111) !== 0 : n.uid === this.uid ? (n.mode & 0o100) !== 0 : (n.mode & 0o001) !== 0;
  }

  readDir(path: string): string[] | ErrnoResult {
    const n = this.files.get(this.resolveLink(path));
    if (!n) return err('ENOENT');
    if (n.type !== 'dir') return err('ENOTDIR');
    const prefix = path === '/' ? '/' : `${path}/`;
    const out: string[] = [];
    for (const p of this.files.keys()) {
      if (p !== path && p.startsWith(prefix) && !p.slice(prefix.length).includes('/')) out.push(p.slice(prefix.length));
    }
    return out;
  }

  homeDir(user: string): string | null {
    return user === 'root' ? '/root' : user === 'vagrant' ? '/home/vagrant' : null;
  }

  random(): number {
    return this.randomValues.length ? this.randomValues.shift()! : 0.5;
  }

  now(): number {
    return this.clockMs;
  }
}

function installPrograms(host: FakeHost): void {
  const out = (ctx: ProgramContext, text: string): void => ctx.stdout.write(text);
  const inputOf = async (ctx: ProgramContext, files: string[]): Promise<string | number> => {
    if (files.length === 0) return readAll(ctx.stdin);
    let text = '';
    for (const f of files) {
      const path = f.startsWith('/') ? f : `${ctx.cwd === '/' ? '' : ctx.cwd}/${f}`;
      const c = host.read(path);
      if (c === undefined) {
        ctx.stderr.write(`${basename(ctx.argv[0])}: ${f}: No such file or directory\n`);
        return 1;
      }
      text += c;
    }
    return text;
  };
  host.addProgram('cat', async (ctx) => {
    const t = await inputOf(ctx, ctx.argv.slice(1));
    if (typeof t === 'number') return t;
    out(ctx, t);
    return 0;
  });
  host.addProgram('head', async (ctx) => {
    const a = ctx.argv.slice(1);
    // Like the real head, stop reading as soon as enough has arrived.
    const bytes = a[0] === '-c' ? Number(a[1]) : Infinity;
    const lines = a[0] === '-n' ? Number(a[1]) : 10;
    let t = '';
    for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) {
      t += chunk;
      if (t.length >= bytes || t.split('\n').length > lines) break;
    }
    if (bytes !== Infinity) out(ctx, t.slice(0, bytes));
    else out(ctx, t.split('\n').slice(0, lines).join('\n') + '\n');
    return 0;
  });
  host.addProgram('md5sum', async (ctx) => {
    const t = await readAll(ctx.stdin);
    out(ctx, `${createHash('md5').update(t).digest('hex')}  -\n`);
    return 0;
  });
  host.addProgram('mkdir', async (ctx) => {
    const args = ctx.argv.slice(1).filter((x) => x !== '-p');
    for (const a of args) {
      let p = '';
      for (const part of a.split('/').filter(Boolean)) {
        p += `/${part}`;
        if (!host.files.has(p)) host.mkdir(p, host.uid);
      }
    }
    return 0;
  });
  host.addProgram('tee', async (ctx) => {
    const append = ctx.argv.includes('-a');
    const files = ctx.argv.slice(1).filter((x) => x !== '-a');
    const t = await readAll(ctx.stdin);
    for (const f of files) {
      const o = host.openForWrite(f, append ? O_APPEND | O_CREAT | 1 : O_TRUNC | O_CREAT | 1, 0o644);
      if ('errno' in o) {
        ctx.stderr.write(`tee: ${f}: Permission denied\n`);
        return 1;
      }
      o.write(t);
    }
    out(ctx, t);
    return 0;
  });
  host.addProgram('sudo', async (ctx) => {
    const saved = host.uid;
    host.uid = 0;
    try {
      const r = host.resolveCommand(ctx.argv[1], ['/usr/bin', '/bin']);
      if ('errno' in r) {
        ctx.stderr.write(`sudo: ${ctx.argv[1]}: command not found\n`);
        return 1;
      }
      const s = await host.spawn({ ...ctx, path: r.path, argv: ctx.argv.slice(1) });
      return typeof s === 'number' ? s : 1;
    } finally {
      host.uid = saved;
    }
  });
  host.addProgram('sleep', async (ctx) => {
    host.clockMs += Number(ctx.argv[1]) * 1000;
    if (host.onSleep(Number(ctx.argv[1]))) host.controller.abort(2);
    return ctx.signal.aborted ? 130 : 0;
  });
  host.addProgram('kubectl', async (ctx) => {
    const args = ctx.argv.slice(1).join(' ');
    if (args === 'get pod malicious -o jsonpath={.spec.containers[0].args}') {
      out(ctx, '["/bin/sh","-c","while true; do echo \\"attacker intrusion\\" \\u003e\\u003e /etc/threat; sleep 5; done"]');
      return 0;
    }
    out(ctx, `kubectl ${args}\n`);
    return 0;
  });
  host.addProgram('ls', async (ctx) => {
    for (const a of ctx.argv.slice(1)) out(ctx, `${a}\n`);
    return 0;
  });
  host.addProgram('printenv', async (ctx) => {
    for (const k of ctx.argv.slice(1)) if (ctx.env[k] !== undefined) out(ctx, `${ctx.env[k]}\n`);
    return 0;
  });
  host.addProgram('wc', async (ctx) => {
    const t = await readAll(ctx.stdin);
    out(ctx, `${t.split('\n').length - 1}\n`);
    return 0;
  });
  host.addProgram('argv', async (ctx) => {
    out(ctx, ctx.argv.slice(1).map((a) => `<${a}>`).join('') + '\n');
    return 0;
  });
  host.writeFile('/bin/bash', '', { mode: 0o755 });
  host.writeFile('/bin/sh', '', { mode: 0o755 });
}

export interface RunResult {
  stdout: string;
  stderr: string;
  status: number;
  state: ShellState;
  host: FakeHost;
}

export interface RunOptions extends ShellStateInit {
  host?: FakeHost;
  state?: ShellState;
  stdin?: string | InputStream;
}

/** Run a command line through the public entry point, as a session would. */
export async function run(source: string, opts: RunOptions = {}): Promise<RunResult> {
  const host = opts.host ?? new FakeHost();
  const state =
    opts.state ??
    createShellState({
      env: { HOME: '/home/vagrant', USER: 'vagrant', PATH: '/usr/local/bin:/usr/bin:/bin', ...(opts.env ?? {}) },
      cwd: '/home/vagrant',
      ...opts,
    });
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const stdin = typeof opts.stdin === 'string' ? stringInput(opts.stdin) : (opts.stdin ?? stringInput(''));
  const status = await runScript(state, source, host, { stdin, stdout, stderr, signal: host.controller.signal });
  return { stdout: stdout.text, stderr: stderr.text, status, state, host };
}
