// `kubectl run -it … -- sh` in the headless session (`cks-lab sh`): the learner's next lines go to the
// container's shell, with its prompt, until `exit`; then --rm deletes the pod, or the session-ended hint.
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { runHeadless } from '../../src/app/headless';
import { bootLab } from '../../src/app/lab';

async function transcript(lines: string[]): Promise<{ out: string; status: number; seconds: number }> {
  const lab = await bootLab(loadWorldAssets(), { seed: 3 });
  const t0 = lab.world.clock.now;
  let out = '';
  const status = await runHeadless(lab, lines, { echo: true, write: (s) => (out += s) });
  return { out, status, seconds: (lab.world.clock.now - t0) / 1e9 };
}

const PS1 = 'vagrant@kube-control-plane:~$ ';

describe('kubectl run -it in the headless session', () => {
  it('gives a busybox shell with its prompt, and --rm deletes the pod after exit', async () => {
    const r = await transcript(['kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- sh', 'echo hi from $HOSTNAME', 'exit', 'kubectl get pods']);
    expect(r.out).toBe(
      [
        `${PS1}kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- sh`,
        "If you don't see a command prompt, try pressing enter.",
        '/ # echo hi from $HOSTNAME',
        'hi from tmp',
        '/ # exit',
        'pod "tmp" deleted',
        `${PS1}kubectl get pods`,
        'No resources found in default namespace.',
        `${PS1}logout`,
        '',
      ].join('\n'),
    );
    expect(r.status).toBe(0);
  });

  it('runs the container shell until exit; its sleep moves the clock as the learner\'s own would', async () => {
    const r = await transcript(['kubectl run tmp --rm -it --image=alpine:3.17.1 --restart=Never -- sh', 'sleep 30', 'cat /etc/alpine-release', 'exit']);
    expect(r.out).toContain('/ # sleep 30\n/ # cat /etc/alpine-release\n3.17.1\n/ # exit\npod "tmp" deleted\n');
    expect(r.seconds).toBeGreaterThanOrEqual(30);
    expect(r.out).not.toContain('^C');
  });

  it('with the default restart policy, prints the reattach hint; the pod keeps running and can be attached again', async () => {
    const r = await transcript([
      'kubectl run tmp5 -it --image=alpine:3.17.1 -- sh',
      'exit',
      "kubectl get pod tmp5 -o jsonpath='{.spec.containers[0].stdin} {.spec.containers[0].stdinOnce} {.spec.containers[0].tty}{\"\\n\"}'",
      'sleep 60',
      "kubectl get pod tmp5 -o jsonpath='{.status.phase} {.status.containerStatuses[0].restartCount}{\"\\n\"}'",
      'kubectl attach tmp5 -c tmp5 -i -t',
      'echo again',
      'exit',
    ]);
    expect(r.out).toContain("/ # exit\nSession ended, resume using 'kubectl attach tmp5 -c tmp5 -i -t' command when the pod is running\n");
    expect(r.out).toContain('\ntrue true true\n');
    // stdin stays open with nobody attached: the restarted shell waits, it does not crash-loop.
    expect(r.out).toContain('\nRunning 1\n');
    expect(r.out).toContain(`${PS1}kubectl attach tmp5 -c tmp5 -i -t\nIf you don't see a command prompt, try pressing enter.\n/ # echo again\nagain\n/ # exit\nSession ended`);
  });

  it('with --restart=Never, leaves the pod and reports a non-zero exit as kubectl does', async () => {
    const r = await transcript(['kubectl run t -it --image=alpine:3.17.1 --restart=Never -- sh', 'exit 3', 'echo status=$?', "kubectl get pod t -o jsonpath='{.status.phase}{\"\\n\"}'"]);
    expect(r.out).toContain('/ # exit 3\npod default/t terminated (Error)\n');
    expect(r.out).toContain('status=3\n');
    expect(r.out).toContain('\nFailed\n');
  });

  it('ends the container shell when the input ends (Ctrl-D), and still deletes the pod', async () => {
    const r = await transcript(['kubectl run tmp --rm -it --image=busybox:1.36 --restart=Never -- sh', 'echo last']);
    expect(r.out).toContain('/ # echo last\nlast\n');
    expect(r.out).toContain('pod "tmp" deleted\n');
  });
});
