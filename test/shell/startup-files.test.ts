// The node images' real startup files (assets/rootfs) run through the interpreter without a complaint.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { addHistory, createShellState, renderPrompt, runScript } from '../../src/shell';
import { FakeHost, run } from './fake-host';

const ROOTFS = resolve(__dirname, '../../assets/rootfs');
const asset = (p: string): string => readFileSync(`${ROOTFS}/${p}`, 'utf8');

function ubuntuHost(): FakeHost {
  const host = new FakeHost();
  host.mkdir('/etc/profile.d');
  for (const f of ['apps-bin-path.sh', 'bash_completion.sh']) host.writeFile(`/etc/profile.d/${f}`, asset(`ubuntu-focal/files/etc/profile.d/${f}`));
  host.writeFile('/etc/profile', asset('ubuntu-focal/files/etc/profile'));
  host.writeFile('/etc/bash.bashrc', asset('ubuntu-focal/files/etc/bash.bashrc'));
  host.writeFile('/home/vagrant/.bashrc', asset('ubuntu-focal/files/home/vagrant/.bashrc'), { uid: 1000 });
  host.writeFile('/home/vagrant/.profile', asset('ubuntu-focal/files/home/vagrant/.profile'), { uid: 1000 });
  host.writeFile('/home/vagrant/.sudo_as_admin_successful', '', { uid: 1000 });
  host.addProgram('groups', async (ctx) => {
    ctx.stdout.write('vagrant adm sudo\n');
    return 0;
  });
  return host;
}

async function login(host: FakeHost) {
  const state = createShellState({
    argv0: '-bash',
    login: true,
    env: { HOME: '/home/vagrant', USER: 'vagrant', PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', TERM: 'xterm-256color' },
    vars: { HOSTNAME: 'kube-control-plane', BASH: '/bin/bash', BASH_VERSION: '5.0.17(1)-release', EUID: '1000' },
    cwd: '/home/vagrant',
  });
  const stdout = new CaptureOutput();
  const stderr = new CaptureOutput();
  const io = { stdin: stringInput(''), stdout, stderr };
  for (const f of ['/etc/profile', '/home/vagrant/.profile']) await runScript(state, host.read(f)!, host, io, { sourced: true });
  return { state, stdout, stderr, io };
}

describe('Ubuntu startup files', () => {
  it('a login shell reads /etc/profile and ~/.profile silently and gets the prompt and aliases', async () => {
    const host = ubuntuHost();
    const { state, stdout, stderr } = await login(host);
    expect(stderr.text).toBe('');
    expect(stdout.text).toBe('');
    expect(state.aliases).toMatchObject({ k: 'kubectl', ll: 'ls -alF', la: 'ls -A', l: 'ls -CF' });
    expect(state.vars.PATH.value).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/snap/bin');
    expect(state.vars.HISTCONTROL.value).toBe('ignoreboth');
    expect(state.functions.command_not_found_handle).toBeUndefined();
    const ps1 = await renderPrompt(state, host);
    // TERM=xterm-256color: window title, bold green user@host, bold blue directory.
    expect(ps1).toBe('\x1b]0;vagrant@kube-control-plane: ~\x07\x1b[01;32mvagrant@kube-control-plane\x1b[00m:\x1b[01;34m~\x1b[00m$ ');
  });

  it('shows the sudo hint on a first login, as Ubuntu does', async () => {
    const host = ubuntuHost();
    host.files.delete('/home/vagrant/.sudo_as_admin_successful');
    const { stdout } = await login(host);
    expect(stdout.text).toBe('To run a command as administrator (user "root"), use "sudo <command>".\nSee "man sudo_root" for details.\n\n');
  });

  it('defines command_not_found_handle when the helper exists and calls it for unknown commands', async () => {
    const host = ubuntuHost();
    host.mkdir('/usr/lib');
    host.addProgram('command-not-found', async (ctx) => {
      ctx.stderr.write(`${ctx.argv[2]}: command not found\n`);
      return 127;
    }, '/usr/lib');
    const { state, io, stderr } = await login(host);
    expect(state.functions.command_not_found_handle).toBeDefined();
    const status = await runScript(state, 'kubctl get pods', host, io);
    expect(stderr.text).toBe('kubctl: command not found\n');
    expect(status).toBe(127);
    expect(host.spawns.at(-1)).toEqual(['/usr/lib/command-not-found', '--', 'kubctl']);
  });

  it('HISTCONTROL=ignoreboth keeps space-led and repeated lines out of history', async () => {
    const { state } = await login(ubuntuHost());
    for (const line of ['ls', 'ls', ' secret', 'pwd']) addHistory(state, line);
    expect(state.history).toEqual(['ls', 'pwd']);
  });
});

describe('Alpine /etc/profile under busybox ash', () => {
  it('sets the prompt and PATH without errors', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.mkdir('/etc/profile.d');
    host.addProgram('id', async (ctx) => {
      ctx.stdout.write('0\n');
      return 0;
    });
    const r = await run(asset('alpine-3.17.1/files/etc/profile'), { host, dialect: 'ash', argv0: '-sh', mode: 'interactive', env: { HOSTNAME: 'malicious' } });
    expect(r.stderr).toBe('');
    expect(r.state.vars.PS1.value).toBe('${HOSTNAME%%.*}:$PWD# ');
    expect(r.state.umask).toBe(0o022);
  });
});

describe('shopt, trap and return in sourced files', () => {
  it.each([
    ['shopt -s histappend; shopt histappend extglob', 'histappend             \ton\nextglob                \toff\n', 1],
    ['shopt -oq posix || echo not-posix', 'not-posix\n', 0],
    ['shopt -q progcomp && echo progcomp', 'progcomp\n', 0],
    ['shopt -s nosuch', '', 1],
    ["trap 'echo bye' EXIT; trap", "trap -- 'echo bye' EXIT\n", 0],
    ['trap : TERM INT; trap -p TERM', "trap -- ':' SIGTERM\n", 0],
    ['trap : NOPE', '', 1],
  ])('%j', async (source, stdout, status) => {
    const r = await run(source);
    expect(r.stdout).toBe(stdout);
    expect(r.status).toBe(status);
  });

  it('runs the EXIT trap when a script ends, keeping its status', async () => {
    const r = await run("trap 'echo cleanup $?' EXIT; echo work; false", { mode: 'script', argv0: 'x.sh' });
    expect(r.stdout).toBe('work\ncleanup 1\n');
    expect(r.status).toBe(1);
  });

  it('runs a TERM trap when the pod is stopped', async () => {
    const host = new FakeHost();
    host.onSleep = () => {
      host.controller.abort(15);
      return false;
    };
    const r = await run("trap 'echo terminated; exit 0' TERM; while true; do sleep 1; done", { host, mode: 'command', dialect: 'ash', argv0: 'sh' });
    expect(r.stdout).toBe('terminated\n');
    expect(r.status).toBe(0);
  });

  it('return ends a sourced rc file early', async () => {
    const host = new FakeHost();
    const state = createShellState({ vars: {} });
    const out = new CaptureOutput();
    const io = { stdin: stringInput(''), stdout: out, stderr: out };
    delete state.vars.PS1;
    const status = await runScript(state, '[ -z "$PS1" ] && return\necho not reached', host, io, { sourced: true });
    expect(out.text).toBe('');
    expect(status).toBe(0);
  });
});
