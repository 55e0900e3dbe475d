// Test fixture: a mini world laid out like the nginx image (config, cache dir, log symlinks, user nginx).

import { CaptureOutput, stringInput } from '../../../src/core/stream';
import type { ProcessRecord } from '../../../src/world/kernel/process';
import { miniWorld, type MiniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { coreCommands } from '../../../src/commands/core-set';

export const NGINX_CONF = `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;
    access_log  /var/log/nginx/access.log  main;
    include /etc/nginx/conf.d/*.conf;
}
`.slice(1);

export const DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;
}
`;

export function nginxWorld(): MiniWorld {
  const w = miniWorld([...coreCommands, ...extraCommands], { hostname: 'kube-worker-1' });
  w.put('/usr/sbin', { type: 'dir', mode: 0o755 });
  w.put('/usr/sbin/nginx', { mode: 0o755, program: 'nginx' });
  w.put('/etc/passwd', { data: 'root:x:0:0:root:/root:/bin/bash\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\nvagrant:x:1000:1000:,,,:/home/vagrant:/bin/bash\n' });
  w.put('/etc/group', { data: 'root:x:0:\nnginx:x:101:\nvagrant:x:1000:\n' });
  for (const d of ['/etc/nginx', '/etc/nginx/conf.d', '/var', '/var/cache', '/var/cache/nginx', '/var/log/nginx', '/run']) w.put(d, { type: 'dir', mode: 0o755 });
  w.put('/var/run', { type: 'symlink', target: '/run' });
  w.put('/var/log/nginx/error.log', { type: 'symlink', target: '/dev/stderr' });
  w.put('/var/log/nginx/access.log', { type: 'symlink', target: '/dev/stdout' });
  w.put('/etc/nginx/nginx.conf', { data: NGINX_CONF });
  w.put('/etc/nginx/mime.types', { data: 'types {\n    text/html  html htm;\n}\n' });
  w.put('/etc/nginx/conf.d/default.conf', { data: DEFAULT_CONF });
  return w;
}

export function rootReadOnly(w: MiniWorld): void {
  w.node.mounts.mounts[0].readOnly = true;
}

/** Start a long-running program in the background; `done` settles when it exits. */
export function startBackground(w: MiniWorld, argv: string[], opts: { uid?: number; env?: Record<string, string> } = {}) {
  const uid = opts.uid ?? 0;
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid, gid: uid, euid: uid, egid: uid, groups: [uid],
    loginuid: -1, tty: null, cwd: '/', argv: ['containerd-shim'], exe: '/usr/bin/containerd-shim', comm: 'containerd-shim',
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ...(opts.env ?? {}) },
    containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
  };
  let pid = -1;
  const done = w.kernel
    .exec(w.node.hostname, parent, argv, { stdin: stringInput(''), stdout, stderr, onStart: (p) => (pid = p) })
    .then((r) => r.status);
  return { done, stdout, stderr, pid: () => pid };
}

/** Let pending promise chains run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
}
