import { describe, expect, it } from 'vitest';
import { createShellState, renderPrompt } from '../../src/shell';
import { FakeHost } from './fake-host';

const UBUNTU_PS1 = '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ';

describe('prompts', () => {
  it.each([
    ['vagrant', '1000', '/home/vagrant', 'vagrant@kube-worker-1:~$ '],
    ['vagrant', '1000', '/etc/falco', 'vagrant@kube-worker-1:/etc/falco$ '],
    ['root', '0', '/root', 'root@kube-worker-1:~# '],
    ['root', '0', '/home/vagrant', 'root@kube-worker-1:/home/vagrant# '],
  ])('Ubuntu PS1 for %s (uid %s) in %s is %j', async (user, uid, cwd, expected) => {
    const home = user === 'root' ? '/root' : '/home/vagrant';
    const state = createShellState({ env: { USER: user, HOME: home, HOSTNAME: 'kube-worker-1' }, vars: { PS1: UBUNTU_PS1, EUID: uid }, cwd });
    expect(await renderPrompt(state, new FakeHost())).toBe(expected);
  });

  it('shows the chroot marker when debian_chroot is set', async () => {
    const state = createShellState({ env: { USER: 'vagrant', HOSTNAME: 'node' }, vars: { PS1: UBUNTU_PS1, debian_chroot: 'jail' }, cwd: '/' });
    expect(await renderPrompt(state, new FakeHost())).toBe('(jail)vagrant@node:/$ ');
  });

  it('renders the nginx container prompt and busybox’s \\w \\$', async () => {
    const nginx = createShellState({ env: { HOSTNAME: 'nginx', USER: 'root' }, vars: { PS1: UBUNTU_PS1, EUID: '0' }, cwd: '/' });
    expect(await renderPrompt(nginx, new FakeHost())).toBe('root@nginx:/# ');
    const ash = createShellState({ dialect: 'ash', env: { HOME: '/root' }, vars: { EUID: '0' }, cwd: '/etc' });
    expect(await renderPrompt(ash, new FakeHost())).toBe('/etc # ');
  });

  it('gives PS2 and strips \\[ \\] around colours', async () => {
    const state = createShellState({ env: { USER: 'u', HOSTNAME: 'h' }, vars: { PS1: '\\[\\033[01;32m\\]\\u@\\h\\[\\033[00m\\]\\$ ' } });
    expect(await renderPrompt(state, new FakeHost(), 'PS2')).toBe('> ');
    expect(await renderPrompt(state, new FakeHost())).toBe('\x1b[01;32mu@h\x1b[00m$ ');
  });

  it('does not change $? or variables while rendering', async () => {
    const state = createShellState({ vars: { PS1: '$(false)${x:=1}$ ' } });
    state.lastStatus = 5;
    expect(await renderPrompt(state, new FakeHost())).toBe('1$ ');
    expect(state.lastStatus).toBe(5);
    expect(state.vars.x).toBeUndefined();
  });
});
