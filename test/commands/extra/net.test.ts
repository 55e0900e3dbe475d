import { describe, expect, it } from 'vitest';
import { miniWorld, type MiniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { CaptureOutput, stringInput } from '../../../src/core/stream';
import { runWget } from '../../../src/commands/wget';
import { nc } from '../../../src/commands/nc';
import type { CommandContext } from '../../../src/commands/types';
import type { NetService } from '../../../src/commands/lib/netdb';

function node(): MiniWorld {
  const w = miniWorld(extraCommands);
  w.put('/etc/hosts', { data: '127.0.0.1 localhost\n192.168.56.10 kube-control-plane\n192.168.56.21 kube-worker-1\n' });
  return w;
}

/** Run a dialect command as busybox would (the applet entry point). */
async function asBusybox(w: MiniWorld, run: (ctx: CommandContext) => Promise<number>, argv: string[]) {
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  w.registry.add({ name: 'bb-test', run });
  w.put('/usr/bin/bb-test', { mode: 0o755, program: 'bb-test' });
  const r = await w.kernel.exec(w.node.hostname, null, ['/usr/bin/bb-test', ...argv.slice(1)], { stdin: stringInput(''), stdout, stderr, argv0: argv[0] });
  return { status: r.status, stdout: stdout.text, stderr: stderr.text };
}

describe('curl offline', () => {
  it.each([
    [['curl', '-s', 'http://example.com/'], 6, ''],
    [['curl', '-sS', 'http://example.com/'], 6, 'curl: (6) Could not resolve host: example.com\n'],
    [['curl', '-sS', 'http://192.168.56.10:8080/'], 7, 'curl: (7) Failed to connect to 192.168.56.10 port 8080: Connection refused\n'],
    [['curl', '-sS', 'kube-worker-1'], 7, 'curl: (7) Failed to connect to kube-worker-1 port 80: Connection refused\n'],
    [['curl', '-sS', 'https://1.1.1.1/'], 7, 'curl: (7) Failed to connect to 1.1.1.1 port 443: Network is unreachable\n'],
    [['curl', '-sS', 'gopher2://x'], 1, 'curl: (1) Protocol "gopher2" not supported or disabled in libcurl\n'],
    [['curl'], 2, "curl: try 'curl --help' or 'curl --manual' for more information\n"],
    [['curl', '--frobnicate', 'x'], 2, "curl: option --frobnicate: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"],
  ])('%j exits %i', async (argv, status, stderr) => {
    const w = node();
    expect(await w.run(argv as string[])).toEqual({ status, stdout: '', stderr });
  });

  it('shows the progress meter when its output is not a terminal, the error on the same line', async () => {
    const w = node();
    const r = await w.run(['curl', 'http://example.com']);
    expect(r.stderr).toBe(
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0curl: (6) Could not resolve host: example.com\n',
    );
  });

  it('fetches through the net service when one answers', async () => {
    const w = node();
    const net: NetService = {
      connect: () => 'ok',
      http: (_ip, _port, req) => ({ status: 200, reason: 'OK', headers: [['Content-Type', 'text/html']], body: `hello ${req.path}\n` }),
    };
    w.kernel.registerService('net', () => net);
    expect(await w.run(['curl', '-s', 'http://kube-worker-1/x'])).toEqual({ status: 0, stdout: 'hello /x\n', stderr: '' });
    expect((await w.run(['curl', '-sI', 'http://kube-worker-1/'])).stdout).toBe('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n');
  });
});

describe('wget offline', () => {
  it('GNU wget cannot resolve a name (exit 4, locale quotes)', async () => {
    const w = node();
    const r = await w.run(['wget', 'http://example.com/'], { env: { LANG: 'en_US.UTF-8' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toBe('--2023-01-24 18:00:00--  http://example.com/\nResolving example.com (example.com)... failed: Temporary failure in name resolution.\nwget: unable to resolve host address ‘example.com’\n');
  });
  it('GNU wget is refused by a node', async () => {
    const w = node();
    const r = await w.run(['wget', 'kube-control-plane:8080']);
    expect(r).toEqual({
      status: 4,
      stdout: '',
      stderr: '--2023-01-24 18:00:00--  http://kube-control-plane:8080/\nResolving kube-control-plane (kube-control-plane)... 192.168.56.10\nConnecting to kube-control-plane (kube-control-plane)|192.168.56.10|:8080... failed: Connection refused.\n',
    });
  });
  it('busybox wget says bad address', async () => {
    const w = node();
    expect(await asBusybox(w, (ctx) => runWget(ctx, 'busybox'), ['wget', 'http://example.com/'])).toEqual({ status: 1, stdout: '', stderr: "wget: bad address 'example.com'\n" });
  });
});

describe('nc', () => {
  it('OpenBSD nc refuses -e with its usage', async () => {
    const w = node();
    const r = await w.run(['nc', '-e', '/bin/sh', 'example.com', '22']);
    expect(r.status).toBe(1);
    expect(r.stderr.startsWith("nc: invalid option -- 'e'\nusage: nc [-46CDdFhklNnrStUuvZz]")).toBe(true);
  });
  it('OpenBSD nc reports a failed lookup', async () => {
    const w = node();
    expect(await w.run(['nc', 'example.com', '22'])).toEqual({ status: 1, stdout: '', stderr: 'nc: getaddrinfo for host "example.com" port 22: Temporary failure in name resolution\n' });
  });
  it('OpenBSD nc -zv reports a refused port', async () => {
    const w = node();
    expect(await w.run(['nc', '-zv', '192.168.56.10', '6443'])).toEqual({ status: 1, stdout: '', stderr: 'nc: connect to 192.168.56.10 port 6443 (tcp) failed: Connection refused\n' });
  });
  it('busybox nc accepts -e and fails on the address', async () => {
    const w = node();
    expect(await asBusybox(w, (ctx) => nc.runAs(ctx, 'busybox'), ['nc', '-e', '/bin/sh', 'example.com', '22'])).toEqual({ status: 1, stdout: '', stderr: "nc: bad address 'example.com'\n" });
  });
});

describe('command-not-found', () => {
  it.each([
    [1000, 'tree', "Command 'tree' not found, but can be installed with:\n\nsudo apt install tree\n"],
    [0, 'tree', "Command 'tree' not found, but can be installed with:\n\napt install tree\n"],
    [1000, 'frobnicate', 'frobnicate: command not found\n'],
    [1000, 'docker', "Command 'docker' not found, but can be installed with:\n\nsudo snap install docker     # version 20.10.17, or\nsudo apt  install docker.io  # version 20.10.21-0ubuntu1~20.04.2\n\nSee 'snap info docker' for additional versions.\n"],
    [1000, 'kubctl', "Command 'kubctl' not found, did you mean:\n\n  command 'kubectl' from snap kubectl (1.26.1)\n\nSee 'snap info <snapname>' for additional versions.\n"],
  ])('uid %i, %s', async (uid, word, err) => {
    const w = node();
    expect(await w.run(['command-not-found', '--', word], { uid })).toEqual({ status: 127, stdout: '', stderr: err });
  });
  it('tells a user without sudo to ask the administrator', async () => {
    const w = node();
    w.put('/etc/passwd', { data: 'root:x:0:0:root:/root:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n' });
    const stderr = new CaptureOutput();
    const r = await w.kernel.exec(w.node.hostname, null, ['command-not-found', '--', 'tree'], { uid: 1001, gid: 1001, groups: [1001], stderr, env: { PATH: '/usr/bin' } });
    expect(r.status).toBe(127);
    expect(stderr.text).toBe("Command 'tree' not found, but can be installed with:\n\napt install tree\nPlease ask your administrator.\n");
  });
});
