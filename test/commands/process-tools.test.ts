import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { formatRow } from '../../src/commands/lib/ps-format';
import { relativeTime, strftime } from '../../src/commands/lib/timefmt';
import { miniWorld } from '../helpers/mini-world';
import { runAborted } from './world-helpers';
import type { ProcessRecord } from '../../src/world/kernel/process';

function addProc(w: ReturnType<typeof miniWorld>, p: Partial<ProcessRecord> & { pid: number; argv: string[] }): void {
  w.node.procs[p.pid] = {
    ppid: 1, sid: p.pid, pgid: p.pid, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
    exe: p.argv[0], comm: p.argv[0].split('/').pop()!.slice(0, 15), env: {}, containerId: null, startTime: 0, state: 'S',
    vsz: 167868, rss: 11412, ...p,
  };
}

describe('sleep', () => {
  it('advances the simulated clock by the summed intervals', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['sleep', '1m', '5s'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(w.world.clock.now).toBe(65e9);
    await w.run(['sleep', '1d']);
    expect(w.world.clock.now).toBe(65e9 + 86400e9);
  });
  it('rejects an invalid interval with locale quotes and a missing operand', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['sleep', 'x'], { env: { LANG: 'C.UTF-8' } })).toEqual({
      status: 1,
      stdout: '',
      stderr: "sleep: invalid time interval \u2018x\u2019\nTry 'sleep --help' for more information.\n",
    });
    expect((await w.run(['sleep'])).stderr).toBe("sleep: missing operand\nTry 'sleep --help' for more information.\n");
  });
  it('ends with 130 on Ctrl-C', async () => {
    const w = miniWorld(coreCommands);
    w.kernel.clockMode = 'realtime';
    const s = runAborted(w, ['sleep', '100']);
    await new Promise((r) => setTimeout(r, 10));
    s.abort();
    expect((await s.done).status).toBe(130);
  });
});

describe('identity', () => {
  it.each([
    [['id'], 1000, 'uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),4(adm),27(sudo)\n'],
    [['id'], 0, 'uid=0(root) gid=0(root) groups=0(root)\n'],
    [['id', '-un'], 1000, 'vagrant\n'],
    [['id', 'vagrant'], 0, 'uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),4(adm),27(sudo)\n'],
    [['whoami'], 0, 'root\n'],
    [['whoami'], 1000, 'vagrant\n'],
    [['hostname'], 1000, 'kube-worker-1\n'],
    [['pwd'], 1000, '/home/vagrant\n'],
  ])('%j as uid %d', async (argv, uid, out) => {
    const w = miniWorld(coreCommands);
    expect(await w.run(argv, { uid })).toEqual({ status: 0, stdout: out, stderr: '' });
  });
  it('id of an unknown user', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['id', 'bob'], { env: { LANG: 'C.UTF-8' } })).toEqual({ status: 1, stdout: '', stderr: 'id: \u2018bob\u2019: no such user\n' });
  });
  it('hostname -I lists the node addresses and -i resolves the name through /etc/hosts', async () => {
    const w = miniWorld(coreCommands);
    w.kernel.registerService('node-info', () => ({ hostname: 'kube-worker-1', ip: '192.168.56.21' }));
    w.put('/etc/hosts', { data: '127.0.0.1 localhost\n127.0.1.1 kube-worker-1\n' });
    expect((await w.run(['hostname', '-I'])).stdout).toBe('10.0.2.15 192.168.56.21 \n');
    expect((await w.run(['hostname', '-i'])).stdout).toBe('127.0.1.1\n');
    expect(await w.run(['hostname', 'newname'])).toEqual({ status: 1, stdout: '', stderr: 'hostname: you must be root to change the host name\n' });
  });
  it('true and false', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['true'])).status).toBe(0);
    expect((await w.run(['false'])).status).toBe(1);
  });
});

describe('ps', () => {
  it('formats columns with procps widths, pushing over-wide values right', () => {
    const L = (text: string, width: number) => ({ text, width, align: 'left' as const });
    const R = (text: string, width: number) => ({ text, width, align: 'right' as const });
    expect(formatRow([L('root', 8), R('678', 7), R('3.8', 4), R('5.6', 4), R('1943876', 6), R('113832', 5), L('?', 8), L('Ssl', 4), L('Jan25', 5), R('55:12', 6), L('/usr/bin/kubelet', 0)])).toBe(
      'root         678  3.8  5.6 1943876 113832 ?      Ssl  Jan25  55:12 /usr/bin/kubelet',
    );
  });
  it('ps aux lists every process in user format', async () => {
    const w = miniWorld(coreCommands);
    w.world.clock.now = 86400e9 * 2;
    addProc(w, { pid: 1, argv: ['/sbin/init'], vsz: 167868, rss: 11412 });
    addProc(w, { pid: 612, argv: ['/usr/bin/falco', '--pidfile=/var/run/falco.pid'], startTime: 86400e9 * 2 - 60e9, threads: 10 });
    const r = await w.run(['ps', 'aux']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    expect(lines[1]).toBe('root           1  0.0  0.5 167868 11412 ?        Ss   Jan24   0:00 /sbin/init');
    expect(lines[2]).toBe('root         612  0.0  0.5 167868 11412 ?        Ssl  17:59   0:00 /usr/bin/falco --pidfile=/var/run/falco.pid');
    expect(lines[3]).toMatch(/^vagrant +\d+ .* ps aux$/);
  });
  it('ps -ef prints the full format', async () => {
    const w = miniWorld(coreCommands);
    addProc(w, { pid: 915, ppid: 890, argv: ['kube-apiserver', '--advertise-address=192.168.56.10'] });
    const r = await w.run(['ps', '-ef']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('UID          PID    PPID  C STIME TTY          TIME CMD');
    expect(lines[1]).toBe('root         915     890  0 18:00 ?        00:00:00 kube-apiserver --advertise-address=192.168.56.10');
  });
  it('plain ps shows the caller\'s processes on its terminal', async () => {
    const w = miniWorld(coreCommands);
    addProc(w, { pid: 1, argv: ['/sbin/init'] });
    const r = await w.run(['ps']);
    expect(r.stdout).toMatch(/^ {4}PID TTY {10}TIME CMD\n +\d+ \? +00:00:00 ps\n$/);
  });
});

describe('kill and pidof', () => {
  it('signals a process and reports a missing one', async () => {
    const w = miniWorld(coreCommands);
    w.kernel.clockMode = 'realtime';
    const s = runAborted(w, ['sleep', '1000'], { uid: 1000 });
    await new Promise((r) => setTimeout(r, 10));
    const pid = Object.values(w.node.procs).find((p) => p.comm === 'sleep')!.pid;
    expect((await w.run(['pidof', 'sleep'])).stdout).toBe(`${pid}\n`);
    expect(await w.run(['kill', '-9', String(pid)])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect((await s.done).status).toBe(137);
    expect(await w.run(['kill', '123'])).toEqual({ status: 1, stdout: '', stderr: 'kill: (123) - No such process\n' });
  });
  it('refuses to signal another user\'s process', async () => {
    const w = miniWorld(coreCommands);
    w.kernel.clockMode = 'realtime';
    const s = runAborted(w, ['sleep', '1000'], { uid: 0 });
    await new Promise((r) => setTimeout(r, 10));
    const pid = Object.values(w.node.procs).find((p) => p.comm === 'sleep')!.pid;
    expect(await w.run(['kill', '-s', 'HUP', String(pid)])).toEqual({ status: 1, stdout: '', stderr: `kill: (${pid}) - Operation not permitted\n` });
    s.abort();
    await s.done;
  });
  it('kill -l names signals', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['kill', '-l', '9'])).stdout).toBe('KILL\n');
    expect((await w.run(['kill', '-l', 'HUP'])).stdout).toBe('1\n');
    expect((await w.run(['kill', '-l'])).stdout.split('\n')[0]).toBe(' 1) SIGHUP       2) SIGINT       3) SIGQUIT      4) SIGILL       5) SIGTRAP');
  });
  it('pidof exits 1 when nothing runs the program', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['pidof', 'falco'])).toEqual({ status: 1, stdout: '', stderr: '' });
  });
});

describe('date, uname, env, which, clear', () => {
  it('date prints the C.UTF-8 default, the en_US 12-hour form, and +FORMAT', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['date'], { env: { LANG: 'C.UTF-8' } })).stdout).toBe('Tue Jan 24 18:00:00 UTC 2023\n');
    expect((await w.run(['date'], { env: { LANG: 'en_US.UTF-8' } })).stdout).toBe('Tue 24 Jan 2023 06:00:00 PM UTC\n');
    expect((await w.run(['date', '+%Y-%m-%d %H:%M:%S'])).stdout).toBe('2023-01-24 18:00:00\n');
    expect((await w.run(['date', '-d', '@0', '+%s'])).stdout).toBe('0\n');
    expect((await w.run(['date', '-d', 'yesterday', '+%F'])).stdout).toBe('2023-01-23\n');
  });
  it('uname -a on an Ubuntu node', async () => {
    const w = miniWorld(coreCommands);
    w.put('/etc/os-release', { data: 'NAME="Ubuntu"\nID=ubuntu\n' });
    expect((await w.run(['uname', '-a'])).stdout).toBe('Linux kube-worker-1 5.4.0-137-generic #154-Ubuntu SMP Thu Jan 5 17:03:22 UTC 2023 x86_64 x86_64 x86_64 GNU/Linux\n');
    expect((await w.run(['uname'])).stdout).toBe('Linux\n');
    expect((await w.run(['uname', '-r'])).stdout).toBe('5.4.0-137-generic\n');
  });
  it('env prints and runs with changes', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['env', '-i', 'A=1', 'B=2'])).stdout).toBe('A=1\nB=2\n');
    expect((await w.run(['env', 'X=y', 'printf', '%s\\n', 'ok'])).stdout).toBe('ok\n');
    expect(await w.run(['env', 'nosuch'], { env: { LANG: 'C.UTF-8' } })).toEqual({ status: 127, stdout: '', stderr: 'env: \u2018nosuch\u2019: No such file or directory\n' });
  });
  it('which finds programs on PATH', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['which', 'ls'])).toEqual({ status: 0, stdout: '/usr/bin/ls\n', stderr: '' });
    expect(await w.run(['which', 'nosuch'])).toEqual({ status: 1, stdout: '', stderr: '' });
  });
  it('clear prints the clear-screen sequence', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['clear'])).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});

describe('time formats', () => {
  it.each([
    [42e9, '42s ago'],
    [90e9, '1min 30s ago'],
    [12 * 60e9, '12min ago'],
    [65 * 60e9, '1h 5min ago'],
    [7 * 3600e9, '7h ago'],
    [26 * 3600e9, '1 day 2h ago'],
    [3 * 86400e9, '3 days ago'],
    [9 * 86400e9, '1 weeks 2 days ago'],
    [0, 'now'],
  ])('relativeTime(%d) = %s', (ns, text) => {
    expect(relativeTime(ns)).toBe(text);
  });
  it('strftime handles %e padding and %j', () => {
    const w = { date: new Date(Date.UTC(2023, 0, 5, 9, 2, 3)), nsOfSecond: 0, epochSeconds: 0 };
    expect(strftime('%b %e %H:%M|%j|%a %A %B', w)).toBe('Jan  5 09:02|005|Thu Thursday January');
  });
});

