import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { formatBytes } from '../../src/commands/lib/systemd-format';
import { miniWorld } from '../helpers/mini-world';
import { FakeJournal, FakeSystemd, FALCO_UNIT, installSystemd } from './fake-systemd';
import { runAborted } from './world-helpers';

const S = 1e9;

function world() {
  const w = miniWorld(coreCommands);
  const { sd, journal } = installSystemd(w);
  journal.add({ time: 0, ident: 'systemd', pid: 1, unit: null, priority: 6, message: 'Starting Falco: Container Native Runtime Security...' });
  journal.add({ time: 0, ident: 'systemd', pid: 1, unit: null, priority: 6, message: 'Started Falco: Container Native Runtime Security.' });
  journal.add({ time: 2 * S, ident: 'falco', pid: 6123, unit: 'falco.service', priority: 6, message: 'Falco initialized with configuration file /etc/falco/falco.yaml' });
  journal.add({ time: 3 * S, ident: 'kubelet', pid: 700, unit: 'kubelet.service', priority: 6, message: 'sync' });
  w.world.clock.now = 300 * S;
  return { w, sd, journal };
}

describe('systemctl status', () => {
  it('prints the systemd 245 layout with relative time, cgroup and journal lines', async () => {
    const { w } = world();
    const r = await w.run(['systemctl', 'status', 'falco']);
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        '● falco.service - Falco: Container Native Runtime Security',
        '     Loaded: loaded (/lib/systemd/system/falco.service; enabled; vendor preset: enabled)',
        '     Active: active (running) since Tue 2023-01-24 18:00:00 UTC; 5min ago',
        '       Docs: https://falco.org/docs/',
        '   Main PID: 6123 (falco)',
        '      Tasks: 11 (limit: 1131)',
        '     Memory: 36.1M',
        '     CGroup: /system.slice/falco.service',
        '             └─6123 /usr/bin/falco --pidfile=/var/run/falco.pid',
        '',
        'Jan 24 18:00:00 kube-worker-1 systemd[1]: Starting Falco: Container Native Runtime Security...',
        'Jan 24 18:00:00 kube-worker-1 systemd[1]: Started Falco: Container Native Runtime Security.',
        'Jan 24 18:00:02 kube-worker-1 falco[6123]: Falco initialized with configuration file /etc/falco/falco.yaml',
        '',
      ].join('\n'),
    });
  });

  it('shows a crash-looping unit with Process lines and exits 3', async () => {
    const w = miniWorld(coreCommands);
    const failing = {
      ...structuredClone(FALCO_UNIT),
      activeState: 'activating' as const,
      subState: 'auto-restart',
      result: 'exit-code',
      mainPid: null,
      since: 296 * S,
      exitStatus: 1,
      cgroup: [],
      tasks: null,
      memoryBytes: null,
      exited: [
        { pid: 7001, kind: 'ExecStart', argv: ['/usr/bin/falco', '--pidfile=/var/run/falco.pid'], code: 'exited' as const, status: 1 },
        { pid: 7013, kind: 'ExecStopPost', argv: ['/sbin/rmmod', 'falco'], code: 'exited' as const, status: 0 },
      ],
    };
    installSystemd(w, new FakeSystemd([failing]), new FakeJournal('kube-worker-1', w.world.clock.epochMs));
    w.world.clock.now = 300 * S;
    const r = await w.run(['systemctl', 'status', 'falco.service']);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe(
      [
        '● falco.service - Falco: Container Native Runtime Security',
        '     Loaded: loaded (/lib/systemd/system/falco.service; enabled; vendor preset: enabled)',
        '     Active: activating (auto-restart) (Result: exit-code) since Tue 2023-01-24 18:04:56 UTC; 4s ago',
        '       Docs: https://falco.org/docs/',
        '    Process: 7001 ExecStart=/usr/bin/falco --pidfile=/var/run/falco.pid (code=exited, status=1/FAILURE)',
        '    Process: 7013 ExecStopPost=/sbin/rmmod falco (code=exited, status=0/SUCCESS)',
        '   Main PID: 7001 (code=exited, status=1/FAILURE)',
        '',
      ].join('\n'),
    );
  });

  it('a missing unit could not be found (exit 4)', async () => {
    const { w } = world();
    expect(await w.run(['systemctl', 'status', 'foo'])).toEqual({ status: 4, stdout: '', stderr: 'Unit foo.service could not be found.\n' });
  });

  it('formats memory as systemd does', () => {
    expect([formatBytes(37854000), formatBytes(1023), formatBytes(1536), formatBytes(3 * 1024 ** 3)]).toEqual(['36.1M', '1023B', '1.5K', '3.0G']);
  });
});

describe('systemctl verbs', () => {
  it('restart as root is silent and exits 0', async () => {
    const { w, sd } = world();
    expect(await w.run(['systemctl', 'restart', 'falco'], { uid: 0 })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(sd.calls).toEqual(['restart falco.service']);
  });
  it('restart of an unknown unit fails with exit 5', async () => {
    const { w } = world();
    expect(await w.run(['systemctl', 'restart', 'foo'], { uid: 0 })).toEqual({ status: 5, stdout: '', stderr: 'Failed to restart foo.service: Unit foo.service not found.\n' });
  });
  it('a user without a polkit agent is refused', async () => {
    const { w, sd } = world();
    expect(await w.run(['systemctl', 'restart', 'falco'])).toEqual({
      status: 1,
      stdout: '',
      stderr: "Failed to restart falco.service: Interactive authentication required.\nSee system logs and 'systemctl status falco.service' for details.\n",
    });
    expect(sd.calls).toEqual([]);
  });
  it('a failed job of a forking unit prints the Job for … message', async () => {
    const { w, sd } = world();
    sd.next = { ok: false, error: 'failed' };
    expect((await w.run(['systemctl', 'start', 'falco'], { uid: 0 })).stderr).toBe(
      'Job for falco.service failed because the control process exited with error code.\nSee "systemctl status falco.service" and "journalctl -xe" for details.\n',
    );
  });
  it('is-active and is-enabled print one word per unit', async () => {
    const { w } = world();
    expect(await w.run(['systemctl', 'is-active', 'falco'])).toEqual({ status: 0, stdout: 'active\n', stderr: '' });
    expect(await w.run(['systemctl', 'is-active', 'nosuch'])).toEqual({ status: 3, stdout: 'inactive\n', stderr: '' });
    expect(await w.run(['systemctl', 'is-enabled', 'falco'])).toEqual({ status: 0, stdout: 'enabled\n', stderr: '' });
  });
  it('disable then enable report the symlink changes', async () => {
    const { w } = world();
    expect((await w.run(['systemctl', 'disable', 'falco'], { uid: 0 })).stderr).toBe('Removed /etc/systemd/system/multi-user.target.wants/falco.service.\n');
    expect((await w.run(['systemctl', 'enable', 'falco'], { uid: 0 })).stderr).toBe(
      'Created symlink /etc/systemd/system/multi-user.target.wants/falco.service → /lib/systemd/system/falco.service.\n',
    );
  });
  it('daemon-reload is silent for root', async () => {
    const { w, sd } = world();
    expect(await w.run(['systemctl', 'daemon-reload'], { uid: 0 })).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(sd.calls).toEqual(['daemon-reload']);
  });
  it('list-units prints the table and legend', async () => {
    const { w } = world();
    const r = await w.run(['systemctl', 'list-units', '--type=service']);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual([
      '  UNIT          LOAD   ACTIVE SUB     DESCRIPTION',
      '  falco.service loaded active running Falco: Container Native Runtime Security',
    ]);
    expect(r.stdout).toContain('1 loaded units listed. Pass --all to see loaded but inactive units, too.\n');
  });
});

describe('journalctl', () => {
  it('-u shows the header and the unit\'s lines with systemd\'s lines about it', async () => {
    const { w } = world();
    const r = await w.run(['journalctl', '-u', 'falco', '--no-pager'], { uid: 0 });
    expect(r.stdout).toBe(
      [
        '-- Logs begin at Tue 2023-01-24 18:00:00 UTC, end at Tue 2023-01-24 18:00:03 UTC. --',
        'Jan 24 18:00:00 kube-worker-1 systemd[1]: Starting Falco: Container Native Runtime Security...',
        'Jan 24 18:00:00 kube-worker-1 systemd[1]: Started Falco: Container Native Runtime Security.',
        'Jan 24 18:00:02 kube-worker-1 falco[6123]: Falco initialized with configuration file /etc/falco/falco.yaml',
        '',
      ].join('\n'),
    );
  });
  it('-n limits, -q drops the header, no match prints -- No entries --', async () => {
    const { w } = world();
    expect((await w.run(['journalctl', '-q', '-n', '1'], { uid: 0 })).stdout).toBe('Jan 24 18:00:03 kube-worker-1 kubelet[700]: sync\n');
    expect((await w.run(['journalctl', '-u', 'nosuch'], { uid: 0 })).stdout).toBe('-- Logs begin at Tue 2023-01-24 18:00:00 UTC, end at Tue 2023-01-24 18:00:03 UTC. --\n-- No entries --\n');
  });
  it('-fu follows new entries until Ctrl-C', async () => {
    const { w, journal } = world();
    const t = runAborted(w, ['journalctl', '-fu', 'falco'], { uid: 0 });
    await new Promise((r) => setTimeout(r, 10));
    journal.add({ time: 301 * S, ident: 'falco', pid: 6123, unit: 'falco.service', priority: 4, message: '18:05:01.000000000: Notice A shell was spawned' });
    journal.add({ time: 301 * S, ident: 'kubelet', pid: 700, unit: 'kubelet.service', priority: 6, message: 'other' });
    await new Promise((r) => setTimeout(r, 10));
    t.abort();
    const r = await t.done;
    expect(r.status).toBe(130);
    expect(r.stdout.split('\n')).toEqual([
      '-- Logs begin at Tue 2023-01-24 18:00:00 UTC. --',
      'Jan 24 18:00:00 kube-worker-1 systemd[1]: Starting Falco: Container Native Runtime Security...',
      'Jan 24 18:00:00 kube-worker-1 systemd[1]: Started Falco: Container Native Runtime Security.',
      'Jan 24 18:00:02 kube-worker-1 falco[6123]: Falco initialized with configuration file /etc/falco/falco.yaml',
      'Jan 24 18:05:01 kube-worker-1 falco[6123]: 18:05:01.000000000: Notice A shell was spawned',
      '',
    ]);
  });
  it('a user outside adm and systemd-journal gets the hint and only their own entries', async () => {
    const { w } = world();
    w.put('/etc/group', { data: 'root:x:0:\nadm:x:40:syslog\nsudo:x:27:\nvagrant:x:1000:\n' });
    const r = await w.run(['journalctl', '-u', 'falco'], { uid: 1001, gid: 1001 });
    expect(r.stderr).toBe(
      "Hint: You are currently not seeing messages from other users and the system.\n      Users in groups 'adm', 'systemd-journal' can see all messages.\n      Pass -q to turn off this notice.\n",
    );
    expect(r.stdout.endsWith('-- No entries --\n')).toBe(true);
  });
  it('--since filters by time and rejects garbage', async () => {
    const { w } = world();
    expect((await w.run(['journalctl', '-q', '--since', '2023-01-24 18:00:02'], { uid: 0 })).stdout.split('\n').length).toBe(3);
    expect(await w.run(['journalctl', '--since', 'whenever'], { uid: 0 })).toEqual({ status: 1, stdout: '', stderr: 'Failed to parse timestamp: whenever\n' });
  });
});

describe('systemctl status on a terminal', () => {
  it('colours the dot and state, cuts only journal lines to the width and adds the hint', async () => {
    const { w } = world();
    const r = await runAborted(w, ['systemctl', 'status', 'falco'], { tty: true }).done;
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('\x1b[0;1;32m●\x1b[0m falco.service - Falco: Container Native Runtime Security');
    expect(lines[1]).toBe('     Loaded: loaded (/lib/systemd/system/falco.service; enabled; vendor preset: enabled)');
    expect(lines[2]).toBe('     Active: \x1b[0;1;32mactive (running)\x1b[0m since Tue 2023-01-24 18:00:00 UTC; 5min ago');
    expect(lines[10]).toBe('Jan 24 18:00:00 kube-worker-1 systemd[1]: Starting Falco: Container Native Runt…');
    expect(lines[lines.length - 2]).toBe('Hint: Some lines were ellipsized, use -l to show in full.');
  });
});
