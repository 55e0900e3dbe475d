// `kubectl run --rm -it … -- sh` through the built binary's headless shell, as a learner's script runs
// it: the lines after it go to the container's shell until `exit`, then the pod is deleted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '..', '..', 'bin', 'cks-lab.js');

function labSession(input: string): { status: number; stdout: string } {
  const r = spawnSync(process.execPath, [BIN, 'sh', '--state', mkdtempSync(join(tmpdir(), 'cks-run-it-')), '--echo'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1' },
  });
  return { status: r.status ?? -1, stdout: r.stdout };
}

describe('cks-lab sh: kubectl run -it', () => {
  it('gives the container shell to the following lines until exit, then deletes the --rm pod', () => {
    const r = labSession(['kubectl run tmp --rm -it --image=alpine:3.17.1 --restart=Never -- sh', 'cat /etc/alpine-release', 'exit', 'kubectl get pods', ''].join('\n'));
    expect(r.stdout).toContain(
      [
        'kubectl run tmp --rm -it --image=alpine:3.17.1 --restart=Never -- sh',
        "If you don't see a command prompt, try pressing enter.",
        '/ # cat /etc/alpine-release',
        '3.17.1',
        '/ # exit',
        'pod "tmp" deleted',
        'vagrant@kube-control-plane:~$ kubectl get pods',
        'No resources found in default namespace.',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });
});
