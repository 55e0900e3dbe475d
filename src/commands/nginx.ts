// nginx 1.23 (the Docker image's /usr/sbin/nginx): options, config reading, temp-path and pid-file
// creation with nginx's exact errors (read-only roots!), bind conflicts, -t/-T, -s signals, then a
// master with workers until a stop signal.

import type { VfsError } from '../vfs';
import { vfsError } from './lib/io';
import { listenAddresses, loadNginxConf, topDirective, type NginxConf } from './lib/nginx-conf';
import { errnoText, nginxLog, openLogFile, type NginxLog } from './lib/nginx-log';
import { detachedOutput, MASTER_TITLE, runNginxMaster, runNginxWorker, WORKER_TITLE } from './lib/nginx-master';
import { nodeInfo, ownPid } from './lib/node-info';
import { UserDb } from './lib/users';
import type { Command, CommandContext } from './types';

const CONF_PATH = '/etc/nginx/nginx.conf';
const ERROR_LOG = '/var/log/nginx/error.log';
const PID_PATH = '/var/run/nginx.pid';
const TEMP_PATHS: [string, string][] = [
  ['client_body_temp_path', '/var/cache/nginx/client_temp'],
  ['proxy_temp_path', '/var/cache/nginx/proxy_temp'],
  ['fastcgi_temp_path', '/var/cache/nginx/fastcgi_temp'],
  ['uwsgi_temp_path', '/var/cache/nginx/uwsgi_temp'],
  ['scgi_temp_path', '/var/cache/nginx/scgi_temp'],
];
const SIGNALS: Record<string, number> = { stop: 15, quit: 3, reopen: 10, reload: 1 };

const USAGE = (v: string): string => `nginx version: nginx/${v}
Usage: nginx [-?hvVtTq] [-s signal] [-p prefix]
             [-e filename] [-c filename] [-g directives]

Options:
  -?,-h         : this help
  -v            : show version and exit
  -V            : show version and configure options then exit
  -t            : test configuration and exit
  -T            : test configuration, dump it and exit
  -q            : suppress non-error messages during configuration testing
  -s signal     : send signal to a master process: stop, quit, reopen, reload
  -p prefix     : set prefix path (default: /etc/nginx/)
  -e filename   : set error log file (default: /var/log/nginx/error.log)
  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)
  -g directives : set global directives out of configuration file

`;

const CONFIGURE = (v: string): string =>
  `built by gcc 10.2.1 20210110 (Debian 10.2.1-6) \nbuilt with OpenSSL 1.1.1n  15 Mar 2022\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --lock-path=/var/run/nginx.lock --http-client-body-temp-path=/var/cache/nginx/client_temp --http-proxy-temp-path=/var/cache/nginx/proxy_temp --http-fastcgi-temp-path=/var/cache/nginx/fastcgi_temp --http-uwsgi-temp-path=/var/cache/nginx/uwsgi_temp --http-scgi-temp-path=/var/cache/nginx/scgi_temp --user=nginx --group=nginx --with-compat --with-file-aio --with-threads --with-http_addition_module --with-http_auth_request_module --with-http_dav_module --with-http_flv_module --with-http_gunzip_module --with-http_gzip_static_module --with-http_mp4_module --with-http_random_index_module --with-http_realip_module --with-http_secure_link_module --with-http_slice_module --with-http_ssl_module --with-http_stub_status_module --with-http_sub_module --with-http_v2_module --with-mail --with-mail_ssl_module --with-stream --with-stream_realip_module --with-stream_ssl_module --with-stream_ssl_preread_module --with-cc-opt='-g -O2 -ffile-prefix-map=/data/builder/debuild/nginx-${v}/debian/debuild-base/nginx-${v}=. -fstack-protector-strong -Wformat -Werror=format-security -Wp,-D_FORTIFY_SOURCE=2 -fPIC' --with-ld-opt='-Wl,-z,relro -Wl,-z,now -Wl,--as-needed -pie'\n`;

interface Options {
  help: boolean;
  version: boolean;
  configure: boolean;
  test: boolean;
  dump: boolean;
  quiet: boolean;
  signal: string | null;
  conf: string;
  globals: string | null;
  errorLog: string | null;
}

/** ngx_get_options: flags cluster, a value may follow in the same word or the next. */
function parseOptions(args: string[]): Options | string {
  const o: Options = { help: false, version: false, configure: false, test: false, dump: false, quiet: false, signal: null, conf: CONF_PATH, globals: null, errorLog: null };
  const needs: Record<string, string> = { p: 'directory name', e: 'file name', c: 'file name', g: 'parameter', s: 'parameter' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith('-')) return `invalid option: "${a}"`;
    for (let j = 1; j < a.length; j++) {
      const c = a[j];
      if ('?h'.includes(c)) o.help = true;
      else if (c === 'v') o.version = true;
      else if (c === 'V') o.version = o.configure = true;
      else if (c === 't') o.test = true;
      else if (c === 'T') o.test = o.dump = true;
      else if (c === 'q') o.quiet = true;
      else if (c in needs) {
        let v = a.slice(j + 1);
        if (v === '') {
          if (i + 1 >= args.length) return `option "-${c}" requires ${needs[c]}`;
          v = args[++i];
        }
        if (c === 's') {
          if (!(v in SIGNALS)) return `invalid option: "-s ${v}"`;
          o.signal = v;
        } else if (c === 'c') o.conf = v;
        else if (c === 'g') o.globals = v;
        else if (c === 'e') o.errorLog = v;
        break;
      } else return `invalid option: "${c}"`;
    }
  }
  return o;
}

function version(ctx: CommandContext): string {
  const v = ctx.env.NGINX_VERSION ?? '';
  return /^\d+\.\d+\.\d+$/.test(v) ? v : '1.23.3';
}

interface Loaded {
  conf: NginxConf;
  log: NginxLog;
  logError: { path: string; err: VfsError } | null;
  threshold: string;
  pidPath: string;
}

/** Read the configuration and open the error log (failures to open are reported by the caller, in nginx's order). */
function load(ctx: CommandContext, o: Options): Loaded | string {
  const r = loadNginxConf(ctx.sys.fs, o.conf, o.globals);
  if (!r.ok) return r.message;
  const el = topDirective(r.conf, 'error_log');
  const path = o.errorLog ?? el?.args[0] ?? ERROR_LOG;
  const threshold = el?.args[1] ?? 'error';
  const sink = openLogFile(ctx, path);
  const ok = !('code' in sink);
  return {
    conf: r.conf,
    log: nginxLog(ctx, ok ? sink : detachedOutput, threshold, ownPid(ctx)),
    logError: ok ? null : { path, err: sink as VfsError },
    threshold,
    pidPath: topDirective(r.conf, 'pid')?.args[0] ?? PID_PATH,
  };
}

/** ngx_create_paths: mkdir 0700, then hand the directory to the worker user. */
function createPaths(ctx: CommandContext, conf: NginxConf, creds: { uid: number; gid: number } | null): string | null {
  const http = conf.directives.find((d) => d.name === 'http');
  const fs = ctx.sys.fs;
  for (const [directive, def] of TEMP_PATHS) {
    const path = http?.block?.find((d) => d.name === directive)?.args[0] ?? def;
    try {
      fs.mkdir(path, 0o700);
    } catch (e) {
      const err = vfsError(e);
      if (err.code !== 'EEXIST') return `mkdir() "${path}" failed ${errnoText(err)}`;
    }
    if (creds) {
      try {
        // chown(path, user, -1): only the owner changes.
        const st = fs.stat(path);
        if (st.uid !== creds.uid) fs.chown(path, creds.uid, st.gid);
      } catch (e) {
        return `chown("${path}", ${creds.uid}) failed ${errnoText(vfsError(e))}`;
      }
    }
  }
  return null;
}

/** The `user` directive: credentials for workers, a warning when not root, an error for unknown names. */
function workerUser(ctx: CommandContext, conf: NginxConf): { creds: { uid: number; gid: number } | null; warn?: string; error?: string } {
  const d = topDirective(conf, 'user');
  const root = ctx.process.euid === 0;
  if (!root) return { creds: null, ...(d ? { warn: `the "user" directive makes sense only if the master process runs with super-user privileges, ignored in ${d.file}:${d.line}` } : {}) };
  const db = UserDb.load(ctx.sys.fs);
  const name = d?.args[0] ?? 'nobody';
  const u = db.userByName(name);
  if (!u) return { creds: null, error: `getpwnam("${name}") failed${d ? ` in ${d.file}:${d.line}` : ''}` };
  const groupName = d?.args[1] ?? (d ? name : 'nogroup');
  const g = db.groupByName(groupName);
  if (!g) return { creds: null, error: `getgrnam("${groupName}") failed${d ? ` in ${d.file}:${d.line}` : ''}` };
  return { creds: { uid: u.uid, gid: g.gid } };
}

function workerCount(ctx: CommandContext, conf: NginxConf): number {
  const v = topDirective(conf, 'worker_processes')?.args[0] ?? '1';
  return v === 'auto' ? nodeInfo(ctx).cpus : Math.max(0, Number(v) || 1);
}

function emerg(ctx: CommandContext, l: Loaded | null, msg: string): number {
  l?.log.log('emerg', msg);
  ctx.stderr.write(`nginx: [emerg] ${msg}\n`);
  return 1;
}

/** Another master already holds the port in this network namespace (the container's pid 1, usually). */
function portTaken(ctx: CommandContext): boolean {
  return ctx.sys
    .processes()
    .some((p) => p.comm === 'nginx' && p.pid !== ctx.process.pid && p.ppid !== ctx.process.pid && !p.argv[0]?.startsWith(WORKER_TITLE) && !p.argv.slice(1).some((a) => /^-[a-zA-Z]*[tTsvVh?]/.test(a)));
}

async function bindListeners(ctx: CommandContext, l: Loaded): Promise<number | null> {
  const root = ctx.process.euid === 0;
  const addrs = listenAddresses(l.conf, root);
  const privileged = addrs.find((a) => a.port < 1024 && !root);
  if (privileged) return emerg(ctx, l, `bind() to ${privileged.addr} failed (13: Permission denied)`);
  if (!portTaken(ctx)) return null;
  // ngx_open_listening_sockets retries EADDRINUSE five times, 500 ms apart.
  for (let attempt = 0; attempt < 5; attempt++) {
    for (const a of addrs) emerg(ctx, l, `bind() to ${a.addr} failed (98: Address already in use)`);
    if (!(await ctx.sys.sleep(500_000_000))) return 1;
  }
  return emerg(ctx, l, 'still could not bind()');
}

function writePidFile(ctx: CommandContext, l: Loaded): string | null {
  try {
    const h = ctx.sys.fs.open(l.pidPath, { read: true, write: true, create: true, trunc: true }, 0o644);
    h.write(`${ctx.process.pid}\n`);
    h.close();
    return null;
  } catch (e) {
    return `open() "${l.pidPath}" failed ${errnoText(vfsError(e))}`;
  }
}

function exePath(ctx: CommandContext): string {
  const a0 = ctx.argv[0] ?? 'nginx';
  if (a0.includes('/')) return a0;
  return ctx.sys.which('nginx', ctx.env.PATH) ?? '/usr/sbin/nginx';
}

async function signalMaster(ctx: CommandContext, o: Options, l: Loaded): Promise<number> {
  l.log.log('notice', 'signal process started');
  const fail = (level: 'error' | 'alert', msg: string): number => {
    l.log.log(level, msg);
    ctx.stderr.write(`nginx: [${level}] ${msg}\n`);
    return 1;
  };
  let text: string;
  try {
    text = ctx.sys.fs.readFile(l.pidPath);
  } catch (e) {
    return fail('error', `open() "${l.pidPath}" failed ${errnoText(vfsError(e))}`);
  }
  const pidText = text.replace(/\n$/, '');
  if (!/^\d+$/.test(pidText)) return fail('error', `invalid PID number "${pidText}" in "${l.pidPath}"`);
  const sig = SIGNALS[o.signal!];
  const r = ctx.sys.kill(Number(pidText), sig);
  if (r === 'ESRCH') return fail('alert', `kill(${pidText}, ${sig}) failed (3: No such process)`);
  if (r === 'EPERM') return fail('alert', `kill(${pidText}, ${sig}) failed (1: Operation not permitted)`);
  return 0;
}

function masterSetup(ctx: CommandContext, o: Options, l: Loaded, creds: { uid: number; gid: number } | null) {
  return {
    log: l.log,
    pidPath: l.pidPath,
    workers: workerCount(ctx, l.conf),
    workerCreds: creds,
    exe: exePath(ctx),
    threshold: l.threshold,
    reload: () => {
      const r = loadNginxConf(ctx.sys.fs, o.conf, o.globals);
      return r.ok ? null : r.message;
    },
  };
}

async function runNginx(ctx: CommandContext): Promise<number> {
  const a0 = ctx.argv[0] ?? 'nginx';
  if (a0.startsWith(WORKER_TITLE)) return runNginxWorker(ctx);
  const parsed = parseOptions(ctx.argv.slice(1));
  if (typeof parsed === 'string') {
    ctx.stderr.write(`nginx: ${parsed}\n`);
    return 1;
  }
  const o = parsed;
  const resumed = ctx.resumed as { role?: string; workers?: number[] } | null | undefined;
  const daemonChild = a0.startsWith(MASTER_TITLE) || (resumed !== undefined && resumed !== null && resumed.role === 'master');
  if (o.help) ctx.stderr.write(USAGE(version(ctx)));
  else if (o.version) ctx.stderr.write(`nginx version: nginx/${version(ctx)}\n${o.configure ? CONFIGURE(version(ctx)) : ''}`);
  if (o.help || o.version) return 0;

  const l = load(ctx, o);
  if (typeof l === 'string') {
    ctx.stderr.write(`nginx: [emerg] ${l}\n`);
    if (o.test) ctx.stderr.write(`nginx: configuration file ${o.conf} test failed\n`);
    return 1;
  }
  if (o.signal !== null) return signalMaster(ctx, o, l);
  const user = workerUser(ctx, l.conf);
  if (daemonChild) {
    if (resumed === undefined) {
      const err = writePidFile(ctx, l);
      if (err) return l.log.log('emerg', err), 1;
    }
    return runNginxMaster(ctx, masterSetup(ctx, o, l, user.creds), resumed?.workers ?? null);
  }

  if (user.warn) ctx.stderr.write(`nginx: [warn] ${user.warn}\n`);
  const testFailed = (): number => (o.test ? (ctx.stderr.write(`nginx: configuration file ${o.conf} test failed\n`), 1) : 1);
  if (user.error) return ctx.stderr.write(`nginx: [emerg] ${user.error}\n`), testFailed();
  if (o.test && !o.quiet) ctx.stderr.write(`nginx: the configuration file ${o.conf} syntax is ok\n`);
  const pathErr = createPaths(ctx, l.conf, user.creds);
  if (pathErr) return o.test ? (ctx.stderr.write(`nginx: [emerg] ${pathErr}\n`), testFailed()) : emerg(ctx, l, pathErr);
  if (l.logError) {
    ctx.stderr.write(`nginx: [emerg] open() "${l.logError.path}" failed ${errnoText(l.logError.err)}\n`);
    return testFailed();
  }
  if (o.test) {
    if (!o.quiet) ctx.stderr.write(`nginx: configuration file ${o.conf} test is successful\n`);
    if (o.dump) for (const f of l.conf.files) ctx.stdout.write(`# configuration file ${f.path}:\n${f.text}${f.text.endsWith('\n') ? '' : '\n'}\n`);
    return 0;
  }
  const bound = await bindListeners(ctx, l);
  if (bound !== null) return bound;
  l.log.log('notice', 'using the "epoll" event method');
  l.log.log('notice', `nginx/${version(ctx)}`);
  l.log.log('notice', 'built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ');
  l.log.log('notice', `OS: Linux ${nodeInfo(ctx).kernelRelease}`);
  l.log.log('notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');

  const daemonOff = l.conf.directives.some((d) => d.name === 'daemon' && d.args[0] === 'off');
  if (!daemonOff) {
    // ngx_daemon: the foreground process returns at once; the master lives on, detached from the terminal.
    void ctx.sys.spawn([exePath(ctx), ...ctx.argv.slice(1)], {
      argv0: `${MASTER_TITLE} ${ctx.argv.join(' ')}`,
      searchPath: false,
      stdin: { read: async () => null, isTTY: false },
      stdout: detachedOutput,
      stderr: detachedOutput,
      signal: new AbortController().signal,
      tty: null,
    });
    return 0;
  }
  const pidErr = writePidFile(ctx, l);
  if (pidErr) return emerg(ctx, l, pidErr);
  return runNginxMaster(ctx, masterSetup(ctx, o, l, user.creds), null);
}

export const nginx: Command = { name: 'nginx', run: runNginx };
