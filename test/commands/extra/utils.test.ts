import { describe, expect, it } from 'vitest';
import { miniWorld, type MiniWorld } from '../../helpers/mini-world';
import { extraCommands } from '../../../src/commands/extra-set';
import { coreCommands } from '../../../src/commands/core-set';
import { CaptureOutput, stringInput } from '../../../src/core/stream';
import { runAborted } from '../world-helpers';

function world(): MiniWorld {
  return miniWorld([...coreCommands, ...extraCommands]);
}

describe('text utilities', () => {
  it.each([
    [['seq', '3'], '1\n2\n3\n'],
    [['seq', '2', '5'], '2\n3\n4\n5\n'],
    [['seq', '5', '-2', '1'], '5\n3\n1\n'],
    [['seq', '-w', '8', '10'], '08\n09\n10\n'],
    [['seq', '-s', ',', '3'], '1,2,3\n'],
    [['seq', '0', '0.5', '1.5'], '0.0\n0.5\n1.0\n1.5\n'],
    [['seq', '5', '1'], ''],
    [['expr', '2', '+', '3', '*', '4'], '14\n'],
    [['expr', 'length', 'falco'], '5\n'],
    [['expr', 'abc123', ':', '[a-z]*'], '3\n'],
    [['expr', 'v1.26.1', ':', 'v\\([0-9]*\\)'], '1\n'],
    [['expr', '3', '\\<', '10'], '1\n'],
  ])('%j prints %j', async (argv, out) => {
    const w = world();
    expect((await w.run(argv.map((a) => a.replace('\\<', '<')))).stdout).toBe(out);
  });

  it.each([
    [['seq'], 1, "seq: missing operand\nTry 'seq --help' for more information.\n"],
    [['seq', 'x'], 1, "seq: invalid floating point argument: 'x'\nTry 'seq --help' for more information.\n"],
    [['expr', '1', '/', '0'], 2, 'expr: division by zero\n'],
    [['expr', 'a', '+', '1'], 2, 'expr: non-integer argument\n'],
    [['expr', '1', '2'], 2, "expr: syntax error: unexpected argument '2'\n"],
    [['expr', '0'], 1, ''],
  ])('%j fails with status %i', async (argv, status, err) => {
    const w = world();
    const r = await w.run(argv);
    expect([r.status, r.stderr]).toEqual([status, err]);
  });

  it('tac reverses lines, an unterminated last line first', async () => {
    const w = world();
    expect((await w.run(['tac'], { stdin: 'a\nb\nc' })).stdout).toBe('cb\na\n');
    expect(await w.run(['tac', 'nofile'])).toEqual({ status: 1, stdout: '', stderr: "tac: failed to open 'nofile' for reading: No such file or directory\n" });
  });

  it('sha256sum hashes as coreutils does', async () => {
    const w = world();
    expect((await w.run(['sha256sum'], { stdin: '' })).stdout).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n');
    expect((await w.run(['sha256sum'], { stdin: 'abc' })).stdout).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n');
  });

  it('bc compares as the motd script needs and honours scale', async () => {
    const w = world();
    expect((await w.run(['bc'], { stdin: '0.08 < 2.0\n3 > 4\n7/2\nscale=2\n7/2\n' })).stdout).toBe('1\n0\n3\n3.50\n');
  });
});

describe('system information', () => {
  it('uptime prints procps layout', async () => {
    const w = world();
    await w.scheduler.advanceBy(185e9);
    expect((await w.run(['uptime'])).stdout).toMatch(/^ 18:03:05 up 3 min,  0 users,  load average: \d\.\d\d, \d\.\d\d, \d\.\d\d\n$/);
    expect((await w.run(['uptime', '-p'])).stdout).toBe('up 3 minutes\n');
  });
  it('nproc and free follow the node', async () => {
    const w = world();
    w.kernel.registerService('node-info', () => ({ hostname: 'kube-worker-1', ip: '192.168.56.21', cpus: 2, memoryMiB: 1024 }));
    expect((await w.run(['nproc'])).stdout).toBe('2\n');
    const free = (await w.run(['free'])).stdout.split('\n');
    expect(free[0]).toBe('              total        used        free      shared  buff/cache   available');
    expect(free[1]).toMatch(/^Mem: {7,}1017\d+ +\d+ +\d+ +\d+ +\d+ +\d+$/);
    expect(free[2]).toBe('Swap:             0           0           0');
  });
  it('tty reports not a tty for piped stdin', async () => {
    const w = world();
    expect(await w.run(['tty'])).toEqual({ status: 1, stdout: 'not a tty\n', stderr: '' });
  });
  it('groups names the process groups and a user\'s', async () => {
    const w = world();
    expect((await w.run(['groups'])).stdout).toBe('vagrant adm sudo\n');
    expect((await w.run(['groups', 'root'])).stdout).toBe('root : root\n');
  });
  it('ip addr shows the Vagrant interfaces with the node IP', async () => {
    const w = world();
    w.kernel.registerService('node-info', () => ({ hostname: 'kube-worker-1', ip: '192.168.56.21' }));
    const out = (await w.run(['ip', 'a'])).stdout;
    expect(out).toContain('2: enp0s3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n');
    expect(out).toContain('    inet 10.0.2.15/24 brd 10.0.2.255 scope global dynamic enp0s3\n');
    expect(out).toContain('    inet 192.168.56.21/24 brd 192.168.56.255 scope global enp0s8\n       valid_lft forever preferred_lft forever\n');
    expect((await w.run(['ip', 'route'])).stdout).toBe(
      'default via 10.0.2.2 dev enp0s3 proto dhcp src 10.0.2.15 metric 100 \n10.0.2.0/24 dev enp0s3 proto kernel scope link src 10.0.2.15 \n10.0.2.2 dev enp0s3 proto dhcp scope link src 10.0.2.15 metric 100 \n192.168.56.0/24 dev enp0s8 proto kernel scope link src 192.168.56.21 \n',
    );
    expect(await w.run(['ip', 'a', 'show', 'dev', 'eth0'])).toEqual({ status: 1, stdout: '', stderr: 'Device "eth0" does not exist.\n' });
    expect(await w.run(['ip', 'addr', 'add', '10.1.1.1/24', 'dev', 'enp0s8'])).toEqual({ status: 2, stdout: '', stderr: 'RTNETLINK answers: Operation not permitted\n' });
  });
  it('landscape-sysinfo aligns two columns at offset 34', async () => {
    const w = world();
    w.kernel.registerService('node-info', () => ({ hostname: 'kube-worker-1', ip: '192.168.56.21' }));
    const lines = (await w.run(['landscape-sysinfo'])).stdout.split('\n');
    expect(lines[0].indexOf('Processes:')).toBe(34);
    expect(lines[2]).toMatch(/^ {2}Memory usage: \d+% +IPv4 address for enp0s3: 10\.0\.2\.15$/);
    expect(lines[3].slice(34)).toBe('IPv4 address for enp0s8: 192.168.56.21');
    expect(lines[0].slice(0, 16)).toBe('  System load:  ');
  });
  it('dircolors and lesspipe print what .bashrc evals', async () => {
    const w = world();
    const d = (await w.run(['dircolors', '-b'])).stdout;
    expect(d.startsWith("LS_COLORS='rs=0:di=01;34:ln=01;36:")).toBe(true);
    expect(d.endsWith(":*.xspf=00;36:';\nexport LS_COLORS\n")).toBe(true);
    expect((await w.run(['lesspipe'])).stdout).toBe('export LESSOPEN="| /usr/bin/lesspipe %s";\nexport LESSCLOSE="/usr/bin/lesspipe %s %s";\n');
  });
});

describe('process tools', () => {
  it('pgrep finds by name, pkill signals and reports misses with 1', async () => {
    const w = world();
    const sleeper = runAborted(w, ['yes'], {});
    await new Promise((r) => setTimeout(r, 5));
    const pid = Object.values(w.node.procs).find((p) => p.comm === 'yes')!.pid;
    expect((await w.run(['pgrep', 'ye'])).stdout).toBe(`${pid}\n`);
    expect((await w.run(['pgrep', '-l', '^yes$'])).stdout).toBe(`${pid} yes\n`);
    expect((await w.run(['pgrep', 'nothing-here'])).status).toBe(1);
    expect((await w.run(['pkill', '-TERM', 'yes'])).status).toBe(0);
    expect((await sleeper.done).status).toBe(143);
  });
  it('yes stops when interrupted', async () => {
    const w = world();
    const r = runAborted(w, ['yes', 'ok']);
    await new Promise((res) => setTimeout(res, 5));
    r.abort();
    const done = await r.done;
    expect(done.stdout.startsWith('ok\nok\n')).toBe(true);
    expect(done.status).toBe(130);
  });
  it('top -b -n1 prints the summary and the task table', async () => {
    const w = world();
    const out = (await w.run(['top', '-b', '-n', '1'])).stdout.split('\n');
    expect(out[0]).toMatch(/^top - 18:00:00 up 0 min, {2}0 users, {2}load average: /);
    expect(out[1]).toMatch(/^Tasks: +\d+ total, +\d+ running, +\d+ sleeping, +0 stopped, +0 zombie$/);
    expect(out[6]).toBe('    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND');
    expect(out[7]).toMatch(/^ +\d+ vagrant   20   0 +\d+ +\d+ +\d+ R   0\.0 +\d+\.\d +0:00\.00 top$/);
  });
});

describe('file utilities', () => {
  it('du sums 4K blocks and reports unreadable directories', async () => {
    const w = world();
    w.put('/tmp/d', { type: 'dir', mode: 0o755, uid: 1000 });
    w.put('/tmp/d/a', { data: 'x'.repeat(5000), uid: 1000 });
    w.put('/tmp/d/b', { data: 'y', uid: 1000 });
    expect((await w.run(['du', '-s', '/tmp/d'])).stdout).toBe('16\t/tmp/d\n');
    expect((await w.run(['du', '-a', '/tmp/d'])).stdout).toBe('8\t/tmp/d/a\n4\t/tmp/d/b\n16\t/tmp/d\n');
    expect(await w.run(['du', '-s', '/root'])).toEqual({ status: 1, stdout: '4\t/root\n', stderr: "du: cannot read directory '/root': Permission denied\n" });
  });
  it('mktemp creates a private file under /tmp', async () => {
    const w = world();
    const r = await w.run(['mktemp']);
    expect(r.stdout).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}\n$/);
    expect(w.read(r.stdout.trim())).toBe('');
    expect((await w.run(['mktemp', '-d', '/etc/x.XXX'])).stderr).toMatch(/^mktemp: failed to create directory via template '\/etc\/x\.XXX': Permission denied\n$/);
  });
  it('realpath resolves symlinks and allows a missing last component', async () => {
    const w = world();
    expect((await w.run(['realpath', '/bin/../etc/passwd'])).stdout).toBe('/etc/passwd\n');
    expect((await w.run(['realpath', '/tmp/new'])).stdout).toBe('/tmp/new\n');
    expect(await w.run(['realpath', '-e', '/tmp/new'])).toEqual({ status: 1, stdout: '', stderr: 'realpath: /tmp/new: No such file or directory\n' });
  });
  it('getent reads passwd and hosts, exit 2 for a missing key', async () => {
    const w = world();
    w.put('/etc/hosts', { data: '127.0.0.1 localhost\n192.168.56.10 kube-control-plane\n' });
    expect((await w.run(['getent', 'passwd', 'vagrant'])).stdout).toBe('vagrant:x:1000:1000:,,,:/home/vagrant:/bin/bash\n');
    expect((await w.run(['getent', 'hosts', 'kube-control-plane'])).stdout).toBe('192.168.56.10   kube-control-plane\n');
    expect((await w.run(['getent', 'passwd', 'nobody2'])).status).toBe(2);
    expect((await w.run(['getent', 'frob'])).status).toBe(1);
  });
  it('dd copies blocks and reports them', async () => {
    const w = world();
    const r = await w.run(['dd', 'if=/dev/zero', 'of=/tmp/z', 'bs=1K', 'count=2']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^2\+0 records in\n2\+0 records out\n2048 bytes \(2\.1 kB, 2\.0 KiB\) copied, [\d.e-]+ s, [\d.]+ [kMG]B\/s\n$/);
    expect(w.read('/tmp/z')?.length).toBe(2048);
    expect((await w.run(['dd', 'if=/nope'])).stderr).toBe("dd: failed to open '/nope': No such file or directory\n");
  });
});

describe('kmod', () => {
  it('lsmod lists an installed DKMS module (falco) and modprobe fails for unknown ones', async () => {
    const w = world();
    w.put('/usr/lib/modules/5.4.0-137-generic/updates/dkms', { type: 'dir', mode: 0o755 });
    w.put('/usr/lib/modules/5.4.0-137-generic/updates/dkms/falco.ko', { data: '' });
    w.put('/lib', { type: 'symlink', target: 'usr/lib' });
    w.registry.add(extraCommands.find((c) => c.name === 'kmod')!, 'lsmod', 'modprobe');
    w.put('/usr/bin/lsmod', { type: 'symlink', target: 'kmod' });
    w.put('/usr/bin/modprobe', { type: 'symlink', target: 'kmod' });
    const out = (await w.run(['lsmod'])).stdout.split('\n');
    expect(out[0]).toBe('Module                  Size  Used by');
    expect(out[1]).toBe('falco                 634880  0');
    expect(await w.run(['modprobe', 'nosuch'], { uid: 0 })).toEqual({ status: 1, stdout: '', stderr: 'modprobe: FATAL: Module nosuch not found in directory /lib/modules/5.4.0-137-generic\n' });
    expect((await w.run(['modprobe', 'falco'], { uid: 0 })).status).toBe(0);
  });
});

describe('logger', () => {
  it('hands messages to a journal that can take them', async () => {
    const w = world();
    const got: unknown[] = [];
    w.kernel.registerService('journal', () => ({ append: (e: unknown) => got.push(e) }));
    expect((await w.run(['logger', '-t', 'cks', 'hello', 'world'])).status).toBe(0);
    expect(got).toEqual([{ ident: 'cks', priority: 5, message: 'hello world' }]);
    expect(await w.run(['logger', '-p', 'user.bogus', 'x'])).toEqual({ status: 1, stdout: '', stderr: 'logger: unknown priority name: user.bogus\n' });
  });
});

describe('stty', () => {
  it('is not a terminal on a pipe', async () => {
    const w = world();
    expect(await w.run(['stty', 'size'])).toEqual({ status: 1, stdout: '', stderr: "stty: 'standard input': Inappropriate ioctl for device\n" });
  });
  it('prints the size on a terminal', async () => {
    const w = world();
    const stdout = new CaptureOutput({ isTTY: true, columns: 120 });
    const tty = { ...stringInput(''), isTTY: true };
    const r = await w.kernel.exec(w.node.hostname, null, ['stty', 'size'], { stdin: tty, stdout, env: { PATH: '/usr/bin' } });
    expect([r.status, stdout.text]).toEqual([0, '24 120\n']);
  });
});
