import { describe, expect, it } from 'vitest';
import { mountFs } from '../world-helpers';
import { nginxWorld, rootReadOnly, settle, startBackground } from './nginx-world';

const STAMP = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /;

describe('nginx start-up', () => {
  it('fails on a read-only root with the mkdir() error twice (error log and stderr) and exit 1', async () => {
    const w = nginxWorld();
    rootReadOnly(w);
    const r = await w.run(['nginx', '-g', 'daemon off;'], { uid: 0 });
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0].replace(STAMP, '')).toMatch(/^\[emerg\] \d+#\d+: mkdir\(\) "\/var\/cache\/nginx\/client_temp" failed \(30: Read-only file system\)$/);
    expect(lines[1]).toBe('nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)');
  });

  it('with only /var/cache/nginx writable, prints the notices then fails to open the pid file', async () => {
    const w = nginxWorld();
    mountFs(w, '/var/cache/nginx', { readOnly: false, fstype: 'tmpfs' });
    rootReadOnly(w);
    const r = await w.run(['nginx', '-g', 'daemon off;'], { uid: 0 });
    expect(r.status).toBe(1);
    const lines = r.stderr.split('\n').filter(Boolean).map((l) => l.replace(STAMP, '').replace(/\d+#\d+: /, ''));
    expect(lines).toEqual([
      '[notice] using the "epoll" event method',
      '[notice] nginx/1.23.3',
      '[notice] built by gcc 10.2.1 20210110 (Debian 10.2.1-6) ',
      '[notice] OS: Linux 5.4.0-137-generic',
      '[notice] getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      '[emerg] open() "/var/run/nginx.pid" failed (30: Read-only file system)',
      'nginx: [emerg] open() "/var/run/nginx.pid" failed (30: Read-only file system)',
    ]);
  });

  it('takes its version from NGINX_VERSION as the 1.21.6 image sets it', async () => {
    const w = nginxWorld();
    expect(await w.run(['nginx', '-v'], { uid: 0, env: { NGINX_VERSION: '1.21.6' } })).toEqual({ status: 0, stdout: '', stderr: 'nginx version: nginx/1.21.6\n' });
  });

  it('starts, creates its temp dirs for user nginx, writes the pid file and runs workers until SIGQUIT', async () => {
    const w = nginxWorld();
    const bg = startBackground(w, ['nginx', '-g', 'daemon off;']);
    await settle();
    const pid = bg.pid();
    expect(w.read('/run/nginx.pid')).toBe(`${pid}\n`);
    const st = w.kernel.vfsFor(w.node.hostname, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null }).stat('/var/cache/nginx/client_temp');
    expect([st.uid, st.mode & 0o777]).toEqual([101, 0o700]);
    const workers = Object.values(w.node.procs).filter((p) => p.ppid === pid);
    expect(workers.map((p) => [p.argv[0], p.uid])).toEqual([['nginx: worker process', 101], ['nginx: worker process', 101]]);
    expect(bg.stderr.text).toContain(`[notice] ${pid}#${pid}: start worker process ${workers[0].pid}\n`);
    w.kernel.signal(w.node.hostname, pid, 3);
    expect(await bg.done).toBe(0);
    const tail = bg.stderr.text.split('\n').filter(Boolean).slice(-6).map((l) => l.replace(STAMP, ''));
    expect(tail[0]).toBe(`[notice] ${workers[1].pid}#${workers[1].pid}: exit`);
    expect(tail.slice(-3)).toEqual([
      `[notice] ${pid}#${pid}: signal 17 (SIGCHLD) received from ${workers[1].pid}`,
      `[notice] ${pid}#${pid}: worker process ${workers[1].pid} exited with code 0`,
      `[notice] ${pid}#${pid}: exit`,
    ]);
    expect(w.read('/run/nginx.pid')).toBeNull();
    expect(Object.values(w.node.procs).filter((p) => p.comm === 'nginx')).toEqual([]);
  });

  it('a second nginx cannot bind while the first runs', async () => {
    const w = nginxWorld();
    const bg = startBackground(w, ['nginx', '-g', 'daemon off;']);
    await settle();
    const r = await w.run(['nginx'], { uid: 0 });
    expect(r.status).toBe(1);
    const own = r.stderr.split('\n').filter((l) => l.startsWith('nginx: '));
    expect(own.slice(0, 2)).toEqual(['nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)', 'nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)']);
    expect(own).toHaveLength(11);
    expect(own[10]).toBe('nginx: [emerg] still could not bind()');
    w.kernel.signal(w.node.hostname, bg.pid(), 15);
    expect(await bg.done).toBe(0);
  });

  it('-s reload re-reads the config and replaces the workers; -s stop ends the master', async () => {
    const w = nginxWorld();
    const bg = startBackground(w, ['nginx', '-g', 'daemon off;']);
    await settle();
    const before = Object.values(w.node.procs).filter((p) => p.ppid === bg.pid()).map((p) => p.pid);
    expect(await w.run(['nginx', '-s', 'reload'], { uid: 0 })).toMatchObject({ status: 0 });
    await settle();
    const after = Object.values(w.node.procs).filter((p) => p.ppid === bg.pid()).map((p) => p.pid);
    expect(after).toHaveLength(2);
    expect(after.some((p) => before.includes(p))).toBe(false);
    expect(bg.stderr.text).toContain('signal 1 (SIGHUP) received, reconfiguring');
    expect((await w.run(['nginx', '-s', 'stop'], { uid: 0 })).status).toBe(0);
    expect(await bg.done).toBe(0);
    expect(await w.run(['nginx', '-s', 'stop'], { uid: 0 })).toMatchObject({ status: 1, stderr: expect.stringContaining('nginx: [error] open() "/var/run/nginx.pid" failed (2: No such file or directory)\n') });
  });

  it('as a non-root user warns about "user" and fails on the temp dir with EACCES', async () => {
    const w = nginxWorld();
    const r = await w.run(['nginx', '-g', 'daemon off;'], { uid: 1000 });
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('nginx: [warn] the "user" directive makes sense only if the master process runs with super-user privileges, ignored in /etc/nginx/nginx.conf:1');
    expect(r.stderr).toContain('nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (13: Permission denied)\n');
  });
});

describe('nginx -t', () => {
  it('reports a good configuration', async () => {
    const w = nginxWorld();
    expect(await w.run(['nginx', '-t'], { uid: 0 })).toEqual({
      status: 0,
      stdout: '',
      stderr: 'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n',
    });
  });
  it.each([
    ['server {\n    listen 80\n}\n', 'directive "listen" is not terminated by ";" in /etc/nginx/conf.d/default.conf:2'],
    ['server {\n    listen 80;\n', 'unexpected end of file, expecting "}" in /etc/nginx/conf.d/default.conf:3'],
    ['}\n', 'unexpected "}" in /etc/nginx/conf.d/default.conf:1'],
  ])('rejects %j with nginx\'s message', async (conf, msg) => {
    const w = nginxWorld();
    w.put('/etc/nginx/conf.d/default.conf', { data: conf });
    expect(await w.run(['nginx', '-t'], { uid: 0 })).toEqual({ status: 1, stdout: '', stderr: `nginx: [emerg] ${msg}\nnginx: configuration file /etc/nginx/nginx.conf test failed\n` });
  });
  it('fails the test on a read-only root after the syntax check', async () => {
    const w = nginxWorld();
    rootReadOnly(w);
    expect((await w.run(['nginx', '-t'], { uid: 0 })).stderr).toBe(
      'nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)\nnginx: configuration file /etc/nginx/nginx.conf test failed\n',
    );
  });
  it.each([
    [['-x'], 'nginx: invalid option: "x"\n'],
    [['-s', 'restart'], 'nginx: invalid option: "-s restart"\n'],
    [['-g'], 'nginx: option "-g" requires parameter\n'],
    [['foo'], 'nginx: invalid option: "foo"\n'],
  ])('rejects options %j', async (args, err) => {
    const w = nginxWorld();
    expect(await w.run(['nginx', ...args], { uid: 0 })).toEqual({ status: 1, stdout: '', stderr: err });
  });
});

describe('nginx in a container', () => {
  it('logs as pid 1 when the entrypoint shell exec-ed it', async () => {
    const { CaptureOutput, stringInput } = await import('../../../src/core/stream');
    const w = nginxWorld();
    rootReadOnly(w);
    const c = { id: 'c1'.padEnd(64, '0'), name: 'nginx', mounts: w.node.mounts, hostname: 'nginx', state: 'running' } as unknown as import('../../../src/world/world').ContainerRecord;
    w.node.containers[c.id] = c;
    const init = {
      pid: 900, ppid: 899, sid: 900, pgid: 900, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
      argv: ['/bin/sh', '/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], exe: '/bin/dash', comm: 'docker-entrypoi',
      env: { PATH: '/usr/sbin:/usr/bin' }, containerId: c.id, startTime: 0, state: 'S' as const, vsz: 0, rss: 0, interactive: true,
    };
    w.node.procs[900] = init;
    const stderr = new CaptureOutput();
    const r = await w.kernel.exec(w.node.hostname, init, ['nginx', '-g', 'daemon off;'], { stdin: stringInput(''), stderr });
    expect(r.status).toBe(1);
    expect(stderr.text).toMatch(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[emerg\] 1#1: mkdir\(\) "\/var\/cache\/nginx\/client_temp" failed \(30: Read-only file system\)\nnginx: \[emerg\] mkdir\(\) "\/var\/cache\/nginx\/client_temp" failed \(30: Read-only file system\)\n$/);
  });
});
