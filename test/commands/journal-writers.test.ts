import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { extraCommands } from '../../src/commands/extra-set';
import { sudoSyslogMessages } from '../../src/commands/lib/sudo-log';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { installSystemd, SystemdManager } from '../../src/world/systemd/manager';
import { miniWorld } from '../helpers/mini-world';

const logger = extraCommands.find((c) => c.name === 'logger')!;

/** A node with the real systemd/journald manager, sudo (setuid) and vagrant's NOPASSWD rule. */
function lab(group?: string) {
  const w = miniWorld([...coreCommands, logger]);
  w.put('/usr/bin/sudo', { mode: 0o4755, program: 'sudo' });
  w.put('/etc/sudoers', { mode: 0o440, data: 'Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n#includedir /etc/sudoers.d\n' });
  w.put('/etc/sudoers.d/vagrant', { mode: 0o440, data: 'vagrant ALL=(ALL) NOPASSWD:ALL\n' });
  w.put('/etc/passwd', { data: `${w.read('/etc/passwd')}alice:x:1001:1001:,,,:/home/alice:/bin/bash\n` });
  w.put('/home/alice', { type: 'dir', mode: 0o755, uid: 1001, gid: 1001 });
  if (group !== undefined) w.put('/etc/group', { data: group });
  const manager = new SystemdManager(w.kernel, w.node.hostname);
  installSystemd(w.kernel, new Map([[w.node.hostname, manager]]));
  return { w, manager };
}

/** Ubuntu's shipped groups: vagrant is in none of the journal's reader groups. */
const UBUNTU_GROUP = 'root:x:0:\nadm:x:4:syslog\nsudo:x:27:\nsystemd-journal:x:101:\nvagrant:x:1000:\nalice:x:1001:\n';

type Lab = ReturnType<typeof lab>;

/** Run argv as a logged-in user: own groups, a terminal (or none), loginuid set. */
async function runAs(l: Lab, argv: string[], o: { uid?: number; groups?: number[]; tty?: string | null } = {}) {
  const { w } = l;
  const uid = o.uid ?? 1000;
  const home = uid === 0 ? '/root' : uid === 1001 ? '/home/alice' : '/home/vagrant';
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid, gid: uid, euid: uid, egid: uid, groups: o.groups ?? [uid],
    loginuid: uid, tty: o.tty === undefined ? 'pts/0' : o.tty, cwd: home, argv: ['bash'], exe: '/usr/bin/bash', comm: 'bash',
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: home },
    containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
  };
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const r = await w.kernel.exec(w.node.hostname, parent, argv, { stdin: stringInput(''), stdout, stderr, cwd: home });
  return { status: r.status, stdout: stdout.text, stderr: stderr.text };
}

describe('sudo in the journal', () => {
  it('logs the command and the pam_unix session around it, as sudo 1.8.31 does', async () => {
    const l = lab();
    expect((await runAs(l, ['sudo', 'cat', '/etc/shadow'])).status).toBe(0);
    const r = await runAs(l, ['sudo', 'journalctl', '-q', '-t', 'sudo']);
    expect(r).toEqual({
      status: 0,
      stderr: '',
      stdout: [
        'Jan 24 18:00:00 kube-worker-1 sudo[1000]:  vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow',
        'Jan 24 18:00:00 kube-worker-1 sudo[1000]: pam_unix(sudo:session): session opened for user root by vagrant(uid=0)',
        'Jan 24 18:00:00 kube-worker-1 sudo[1000]: pam_unix(sudo:session): session closed for user root',
        'Jan 24 18:00:00 kube-worker-1 sudo[1002]:  vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/journalctl -q -t sudo',
        'Jan 24 18:00:00 kube-worker-1 sudo[1002]: pam_unix(sudo:session): session opened for user root by vagrant(uid=0)',
        '',
      ].join('\n'),
    });
    const cat = l.w.node.journal[0]!;
    expect([cat.priority, cat.uid, cat.unit]).toEqual([5, 0, null]);
  });

  it('logs a refusal at alert priority with the resolved command', async () => {
    const l = lab();
    const r = await runAs(l, ['sudo', 'id'], { uid: 1001 });
    expect(r.stderr).toBe('alice is not in the sudoers file.  This incident will be reported.\n');
    expect(l.w.node.journal.map((e) => [e.ident, e.priority, e.message])).toEqual([
      ['sudo', 1, '   alice : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/id'],
    ]);
  });

  it('says TTY=unknown and an empty login name without a terminal', async () => {
    const l = lab();
    await runAs(l, ['sudo', '-i', 'true'], { tty: null });
    expect(l.w.node.journal.map((e) => e.message)).toEqual([
      ' vagrant : TTY=unknown ; PWD=/home/vagrant ; USER=root ; COMMAND=/bin/bash -c true',
      'pam_unix(sudo:session): session opened for user root by (uid=0)',
      'pam_unix(sudo:session): session closed for user root',
    ]);
  });

  it.each([
    ['a short line stays whole', 'vagrant', 'TTY=pts/0 ; COMMAND=/usr/bin/id', [' vagrant : TTY=pts/0 ; COMMAND=/usr/bin/id']],
    ['a long name is not cut', 'kubernetes', 'COMMAND=x', ['kubernetes : COMMAND=x']],
  ])('formats syslog lines: %s', (_name, user, line, expected) => {
    expect(sudoSyslogMessages(user, line)).toEqual(expected);
  });

  it('splits a line over syslog_maxlen at a blank into (command continued) lines', () => {
    const args = Array.from({ length: 200 }, (_, i) => `arg${i}`).join(' ');
    const parts = sudoSyslogMessages('vagrant', `COMMAND=/usr/bin/echo ${args}`);
    expect(parts.length).toBe(2);
    // syslog_maxlen 980 less `%8s : %s`'s own 3 characters and the name's 7.
    expect(parts[0]!.length - ' vagrant : '.length).toBeLessThanOrEqual(970);
    expect(parts[0]!.startsWith(' vagrant : COMMAND=/usr/bin/echo arg0 ')).toBe(true);
    expect(parts[1]!.startsWith(' vagrant : (command continued) arg')).toBe(true);
    const rejoined = `${parts[0]!.slice(' vagrant : '.length)} ${parts[1]!.slice(' vagrant : (command continued) '.length)}`;
    expect(rejoined).toBe(`COMMAND=/usr/bin/echo ${args}`);
  });
});

describe('logger in the journal', () => {
  it('writes under its tag with the sender\'s pid, which journalctl prints', async () => {
    const l = lab();
    expect(await runAs(l, ['logger', '-t', 'cks', 'hello', 'world'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const r = await runAs(l, ['journalctl', '-q']);
    expect(r.stdout).toBe('Jan 24 18:00:00 kube-worker-1 cks[1000]: hello world\n');
    expect(l.w.node.journal[0]).toMatchObject({ ident: 'cks', pid: 1000, priority: 5, uid: 1000, unit: null });
  });
  it('takes the priority from -p', async () => {
    const l = lab();
    await runAs(l, ['logger', '-p', 'auth.warning', 'careful']);
    expect(l.w.node.journal[0]).toMatchObject({ ident: 'vagrant', priority: 4, message: 'careful' });
  });
});

describe('who may read the journal', () => {
  it('the shipped Ubuntu image keeps vagrant out of adm and systemd-journal', () => {
    const group = readFileSync(new URL('../../assets/rootfs/ubuntu-focal/files/etc/group', import.meta.url), 'utf8');
    const members = (name: string): string[] => group.split('\n').find((l) => l.startsWith(`${name}:`))!.split(':')[3]!.split(',');
    expect(members('adm')).not.toContain('vagrant');
    expect(members('systemd-journal')).not.toContain('vagrant');
  });

  it('a user outside the reader groups sees only their own entries, after the hint', async () => {
    const l = lab(UBUNTU_GROUP);
    await runAs(l, ['sudo', 'true']);
    await runAs(l, ['logger', 'mine']);
    await runAs(l, ['logger', 'theirs'], { uid: 1001 });
    const r = await runAs(l, ['journalctl']);
    expect(r.stderr).toContain("Users in groups 'adm', 'systemd-journal' can see all messages.");
    expect(r.stdout).toBe('-- Logs begin at Tue 2023-01-24 18:00:00 UTC, end at Tue 2023-01-24 18:00:00 UTC. --\nJan 24 18:00:00 kube-worker-1 vagrant[1002]: mine\n');
    expect(await runAs(l, ['journalctl', '-q', '-t', 'sudo'])).toEqual({ status: 0, stdout: '', stderr: '' });
  });

  it('sudo journalctl and members of adm see every entry', async () => {
    const l = lab(UBUNTU_GROUP);
    await runAs(l, ['logger', 'theirs'], { uid: 1001 });
    await runAs(l, ['sudo', 'true']);
    const all = (await runAs(l, ['sudo', 'journalctl', '-q', '-o', 'cat'])).stdout.split('\n');
    expect(all).toContain('theirs');
    expect(all).toContain(' vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/true');
    const adm = await runAs(l, ['journalctl', '-o', 'cat'], { groups: [1000, 4] });
    expect(adm.stderr).toBe('');
    expect(adm.stdout.split('\n')).toContain('theirs');
  });

  it('the manager enforces the uid filter and the reader\'s own restriction', () => {
    const l = lab(UBUNTU_GROUP);
    const reader = (uid: number, groups: number[]): ProcessRecord => ({
      pid: 50, ppid: 1, sid: 50, pgid: 50, uid, gid: uid, euid: uid, egid: uid, groups, loginuid: uid, tty: null, cwd: '/',
      argv: ['x'], exe: '/x', comm: 'x', env: {}, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0,
    });
    l.manager.journal(reader(1000, [1000])).append({ ident: 'a', priority: 6, message: 'from vagrant' });
    l.manager.journal(reader(1001, [1001])).append({ ident: 'b', priority: 6, message: 'from alice' });
    l.manager.journal().append({ ident: 'c', priority: 6, message: 'from the system' });
    const texts = (es: { message: string }[]): string[] => es.map((e) => e.message);
    expect(texts(l.manager.journal().query({}))).toEqual(['from vagrant', 'from alice', 'from the system']);
    expect(texts(l.manager.journal().query({ uid: 1001 }))).toEqual(['from alice']);
    expect(texts(l.manager.journal().query({ uid: 0 }))).toEqual(['from the system']);
    // Without reader rights, asking for everything still yields only one's own entries.
    expect(texts(l.manager.journal(reader(1000, [1000])).query({}))).toEqual(['from vagrant']);
    expect(texts(l.manager.journal(reader(1000, [1000, 101])).query({}))).toHaveLength(3);
  });

  it('follow delivers only entries the reader may see', async () => {
    const l = lab(UBUNTU_GROUP);
    const vagrant: ProcessRecord = {
      pid: 50, ppid: 1, sid: 50, pgid: 50, uid: 1000, gid: 1000, euid: 1000, egid: 1000, groups: [1000], loginuid: 1000, tty: null, cwd: '/',
      argv: ['x'], exe: '/x', comm: 'x', env: {}, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0,
    };
    const seen: string[] = [];
    const ac = new AbortController();
    const done = l.manager.journal(vagrant).follow({}, (e) => seen.push(e.message), ac.signal);
    l.manager.journal().append({ ident: 'systemd', priority: 6, message: 'hidden' });
    l.manager.journal(vagrant).append({ ident: 'vagrant', priority: 5, message: 'shown' });
    ac.abort();
    await done;
    expect(seen).toEqual(['shown']);
  });

  it('a process in a container cannot write to the node journal; a service process logs under its unit', () => {
    const l = lab();
    const proc = (p: Partial<ProcessRecord>): ProcessRecord => ({
      pid: 60, ppid: 1, sid: 60, pgid: 60, uid: 0, gid: 0, euid: 0, egid: 0, groups: [0], loginuid: -1, tty: null, cwd: '/',
      argv: ['x'], exe: '/x', comm: 'x', env: {}, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, ...p,
    });
    l.manager.journal(proc({ containerId: 'c0ffee' })).append({ ident: 'logger', priority: 5, message: 'lost' });
    l.manager.journal(proc({ unit: 'falco.service' })).append({ ident: 'falco', priority: 4, message: 'kept' });
    expect(l.w.node.journal.map((e) => [e.message, e.unit, e.pid])).toEqual([['kept', 'falco.service', 60]]);
  });
});
