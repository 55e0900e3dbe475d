import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import type { Command } from '../../src/commands/types';
import { miniWorld } from '../helpers/mini-world';

/** Stands in for the shell: reports how it was started. */
const fakeBash: Command = {
  name: 'bash',
  run: async (ctx) => {
    ctx.stdout.write(`bash argv=${JSON.stringify(ctx.argv)} uid=${ctx.process.uid} euid=${ctx.process.euid} cwd=${ctx.cwd} HOME=${ctx.env.HOME}\n`);
    return 0;
  },
};

function world(opts: { sudoers?: string } = {}) {
  const w = miniWorld([...coreCommands, fakeBash]);
  w.put('/usr/bin/sudo', { mode: 0o4755, program: 'sudo' });
  w.put('/usr/bin/su', { mode: 0o4755, program: 'su' });
  w.put('/etc/sudoers', { mode: 0o440, data: 'Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%sudo ALL=(ALL:ALL) ALL\n#includedir /etc/sudoers.d\n' });
  w.put('/etc/sudoers.d/vagrant', { mode: 0o440, data: opts.sudoers ?? 'vagrant ALL=(ALL) NOPASSWD:ALL\n' });
  const passwd = w.read('/etc/passwd')! + 'alice:x:1001:1001:,,,:/home/alice:/bin/bash\n';
  w.put('/etc/passwd', { data: passwd });
  return w;
}

describe('sudo', () => {
  it('runs the command as root', async () => {
    const w = world();
    expect(await w.run(['sudo', 'id'])).toEqual({ status: 0, stdout: 'uid=0(root) gid=0(root) groups=0(root)\n', stderr: '' });
    expect((await w.run(['sudo', 'cat', '/etc/shadow'])).status).toBe(0);
  });
  it('reports an unknown command as sudo does', async () => {
    const w = world();
    expect(await w.run(['sudo', 'foo'])).toEqual({ status: 1, stdout: '', stderr: 'sudo: foo: command not found\n' });
  });
  it('refuses a user outside the sudoers rules', async () => {
    const w = world();
    w.put('/etc/sudoers', { mode: 0o440, data: 'root ALL=(ALL:ALL) ALL\n#includedir /etc/sudoers.d\n' });
    const r = await w.run(['sudo', 'id'], { uid: 1001, gid: 1001 });
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'alice is not in the sudoers file.  This incident will be reported.\n' });
  });
  it('-i starts a root login shell in /root, -s a shell in the current directory', async () => {
    const w = world();
    expect((await w.run(['sudo', '-i'])).stdout).toBe('bash argv=["bash","-l"] uid=0 euid=0 cwd=/root HOME=/root\n');
    expect((await w.run(['sudo', '-s'])).stdout).toBe('bash argv=["bash"] uid=0 euid=0 cwd=/home/vagrant HOME=/root\n');
    expect((await w.run(['sudo', '-i', 'ls', '-l', '/tmp'])).stdout).toBe('bash argv=["bash","-l","-c","ls -l \\\\/tmp"] uid=0 euid=0 cwd=/root HOME=/root\n');
  });
  it('-u runs as another user with that user\'s groups', async () => {
    const w = world();
    expect((await w.run(['sudo', '-u', 'vagrant', 'id'], { uid: 0 })).stdout).toBe('uid=1000(vagrant) gid=1000(vagrant) groups=1000(vagrant),4(adm),27(sudo)\n');
    expect(await w.run(['sudo', '-u', 'bob', 'id'])).toEqual({ status: 1, stdout: '', stderr: 'sudo: unknown user: bob\n' });
  });
  it('without NOPASSWD and no terminal it cannot ask for the password', async () => {
    const w = world({ sudoers: '' });
    const r = await w.run(['sudo', 'id']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\n');
  });
  it('prints usage without a command', async () => {
    const w = world();
    const r = await w.run(['sudo']);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('usage: sudo -h | -K | -k | -V');
  });
  it('passes the exit status of the command through', async () => {
    const w = world();
    expect((await w.run(['sudo', 'false'])).status).toBe(1);
  });
});

describe('su', () => {
  it('root becomes another user without a password', async () => {
    const w = world();
    expect((await w.run(['su', '-', 'vagrant'], { uid: 0 })).stdout).toBe('bash argv=["bash","-l"] uid=1000 euid=1000 cwd=/home/vagrant HOME=/home/vagrant\n');
  });
  it('a user is asked for a password and fails', async () => {
    const w = world();
    expect(await w.run(['su', '-'], { stdin: 'guess\n' })).toEqual({ status: 1, stdout: '', stderr: 'Password: \nsu: Authentication failure\n' });
  });
  it('an unknown user does not exist', async () => {
    const w = world();
    expect(await w.run(['su', 'bob'])).toEqual({ status: 1, stdout: '', stderr: 'su: user bob does not exist\n' });
  });
  it('sudo su gives a root shell that keeps the directory', async () => {
    const w = world();
    expect((await w.run(['sudo', 'su'])).stdout).toBe('bash argv=["bash"] uid=0 euid=0 cwd=/home/vagrant HOME=/root\n');
  });
});
