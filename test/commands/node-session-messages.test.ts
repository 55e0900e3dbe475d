// Messages a learner meets on the nodes and in containers, as the real tools word them: ssh as root on
// the Vagrant box, bash's kill builtin, busybox's sh named after argv[0], crictl --version.
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, type Lab } from '../../src/app/lab';
import { runHeadless } from '../../src/app/headless';

const assets = loadWorldAssets();

async function session(lines: string[], opts: { node?: string; lab?: Lab } = {}): Promise<string> {
  const lab = opts.lab ?? (await bootLab(assets, { seed: 3, bootSeconds: 2 }));
  let out = '';
  await runHeadless(lab, lines, { echo: true, write: (s) => (out += s), node: opts.node ?? 'kube-worker-1' });
  return out;
}

describe('ssh to another node', () => {
  it.each([
    ['root@kube-worker-1', 'root@kube-worker-1: Permission denied (publickey).'],
    ['nobody@kube-worker-1', 'nobody@kube-worker-1: Permission denied (publickey).'],
    ['-l root 192.168.56.21', 'root@192.168.56.21: Permission denied (publickey).'],
  ])('ssh %s is refused: root has no key on the Vagrant box', async (dest, message) => {
    const out = await session([`ssh ${dest}`, 'echo $?', 'whoami'], { node: 'kube-control-plane' });
    expect(out).toContain(`$ ssh ${dest}\n${message}\nvagrant@kube-control-plane:~$ echo $?\n255\nvagrant@kube-control-plane:~$ whoami\nvagrant\n`);
  }, 60_000);
});

describe("bash's kill builtin", () => {
  it('prefixes its errors as bash does in a login shell, in bash -c and in a script', async () => {
    const out = await session(['kill -1 $(pidof falco)', 'echo $?', 'kill -9 99999', 'kill -1 abc', 'bash -c "kill -1 1"', 'printf "kill -1 1\\n" > k.sh; bash k.sh']);
    expect(out).toMatch(/\$ kill -1 \$\(pidof falco\)\n-bash: kill: \(\d+\) - Operation not permitted\nvagrant@kube-worker-1:~\$ echo \$\?\n1\n/);
    expect(out).toContain('$ kill -9 99999\n-bash: kill: (99999) - No such process\n');
    expect(out).toContain('$ kill -1 abc\n-bash: kill: abc: arguments must be process or job IDs\n');
    expect(out).toContain('$ bash -c "kill -1 1"\nbash: kill: (1) - Operation not permitted\n');
    expect(out).toContain('$ printf "kill -1 1\\n" > k.sh; bash k.sh\nk.sh: line 1: kill: (1) - Operation not permitted\n');
  }, 60_000);
});

describe('busybox sh in a container', () => {
  it('names itself after argv[0] in its messages (sh, /bin/sh), never ash', async () => {
    const lab = await bootLab(assets, { seed: 3 });
    const out = await session(
      [
        'kubectl run bb --image=busybox:1.36 -- sleep 1d',
        'sleep 5',
        'kubectl exec bb -- sh -c "echo x > /nonexistent/f"',
        'kubectl exec bb -- /bin/sh -c "cd /nope"',
        'kubectl exec bb -- sh -c nosuch',
      ],
      { node: 'kube-control-plane', lab },
    );
    expect(out).toContain('$ kubectl exec bb -- sh -c "echo x > /nonexistent/f"\nsh: line 1: can\'t create /nonexistent/f: nonexistent directory\ncommand terminated with exit code 2\n');
    expect(out).toContain('$ kubectl exec bb -- /bin/sh -c "cd /nope"\n/bin/sh: line 1: cd: can\'t cd to /nope: No such file or directory\ncommand terminated with exit code 2\n');
    expect(out).toContain('$ kubectl exec bb -- sh -c nosuch\nsh: line 1: nosuch: not found\ncommand terminated with exit code 127\n');
  }, 60_000);
});

describe('crictl', () => {
  it.each(['--version', '-v', '-v ps'])('crictl %s prints the version line only', async (args) => {
    const out = await session([`crictl ${args}`, 'echo $?']);
    expect(out).toContain(`$ crictl ${args}\ncrictl version v1.26.1\nvagrant@kube-worker-1:~$ echo $?\n0\n`);
  }, 60_000);

  it('--help still shows the help screen', async () => {
    const out = await session(['crictl --help | head -2']);
    expect(out).toContain('$ crictl --help | head -2\nNAME:\n   crictl - client for CRI\n');
  }, 60_000);
});
