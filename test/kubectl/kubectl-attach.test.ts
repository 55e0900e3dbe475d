// kubectl attach and the attached half of kubectl run, against the kube lab's containers: stdin that
// stays open with no client, the pods/attach request as audited, run's exit codes, its fallback to logs,
// and the messages attach.go and run.go print.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import type { Pod } from '../../src/kube/types';
import type { ProcessRecord } from '../../src/world/kernel/process';
import { Terminal } from '../../src/shell/terminal';
import { auditedLab, AUDIT_LOG, CP } from '../kube/audit-lab';
import { bootedLab, type KubeLab } from '../kube/harness';

const kubectl = (lab: KubeLab) => (stdin: string, ...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000, stdin });

/** kubectl on a terminal (the learner's), with lines already typed; returns the screen. */
async function onTerminal(lab: KubeLab, argv: string[], typed: string[]): Promise<{ status: number; screen: string }> {
  let screen = '';
  const term = new Terminal((t) => (screen += t));
  for (const line of typed) term.feed(line);
  const parent: ProcessRecord = {
    pid: 1, ppid: 0, sid: 1, pgid: 1, uid: 1000, gid: 1000, euid: 1000, egid: 1000, groups: [1000], loginuid: 1000, tty: 'pts/0', cwd: '/home/vagrant', argv: ['bash'],
    exe: '/usr/bin/bash', comm: 'bash', env: { PATH: '/usr/bin:/bin', HOME: '/home/vagrant', USER: 'vagrant' }, containerId: null, startTime: 0, state: 'S', vsz: 0, rss: 0, interactive: true,
  };
  const r = await lab.kernel.exec(CP, parent, argv, { stdin: term.input, stdout: term.output, stderr: term.output, cwd: '/home/vagrant' });
  return { status: r.status, screen };
}

async function podOf(lab: KubeLab, name: string): Promise<Pod> {
  return (await lab.api('get', `/api/v1/namespaces/default/pods/${name}`)).body as unknown as Pod;
}

function podWith(name: string, container: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image: 'alpine:3.17.1', command: ['sh'], ...container }] } };
}

describe('a container started with stdin or a tty', () => {
  it.each([
    ['stdin: true', { stdin: true, stdinOnce: true }],
    ['tty: true alone', { tty: true }],
    ['stdin and tty (kubectl run -it)', { stdin: true, stdinOnce: true, tty: true }],
  ])('keeps its shell waiting for input with nobody attached (%s)', async (_what, fields) => {
    const lab = await bootedLab({ programs: kubeCommands });
    await lab.api('create', '/api/v1/namespaces/default/pods', podWith('waiting', fields));
    await lab.advance(60);
    const st = (await podOf(lab, 'waiting')).status!;
    expect(st.phase).toBe('Running');
    expect(st.containerStatuses?.[0]?.restartCount).toBe(0);
    expect(st.containerStatuses?.[0]?.state?.running).toBeDefined();
  });

  it('without stdin or a tty, the same shell ends at once and the pod crash-loops', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    await lab.api('create', '/api/v1/namespaces/default/pods', podWith('eof', {}));
    await lab.advance(60);
    const cs = (await podOf(lab, 'eof')).status!.containerStatuses![0]!;
    expect(cs.restartCount).toBeGreaterThan(0);
  });
});

describe('kubectl run -i without a terminal', () => {
  it('feeds stdin to the container, waits for the pod to finish and exits with its code; --rm deletes it first', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await kubectl(lab)('echo hi\nexit 3\n', 'run', 't', '-i', '--rm', '--image=alpine:3.17.1', '--restart=Never', '--', 'sh');
    expect(r).toEqual({
      status: 3,
      stdout: 'hi\npod "t" deleted\n',
      stderr: "If you don't see a command prompt, try pressing enter.\npod default/t terminated (Error)\n",
    });
  });

  it('says the input is not a terminal for -t, and still attaches', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await kubectl(lab)('echo hi\nexit\n', 'run', 't', '-it', '--image=alpine:3.17.1', '--restart=Never', '--', 'sh');
    expect(r).toEqual({ status: 0, stdout: 'hi\n', stderr: "Unable to use a TTY - input is not a terminal or the right kind of file\nIf you don't see a command prompt, try pressing enter.\n" });
    expect((await podOf(lab, 't')).status?.phase).toBe('Succeeded');
  });

  it('shows the logs of a pod that finished before it could attach', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await kubectl(lab)('', 'run', 'q', '-i', '--rm', '--image=alpine:3.17.1', '--restart=Never', '--', 'echo', 'done');
    expect(r).toEqual({ status: 0, stdout: 'done\npod "q" deleted\n', stderr: '' });
  });

  it('gives up after --pod-running-timeout, deleting an --rm pod before the error', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const t0 = lab.world.clock.now;
    const r = await kubectl(lab)('', 'run', 'w', '-i', '--rm', '--image=nosuch:1', '--pod-running-timeout=5s', '--', 'sh');
    expect(r).toEqual({ status: 1, stdout: 'pod "w" deleted\n', stderr: 'error: timed out waiting for the condition\n' });
    expect((lab.world.clock.now - t0) / 1e9).toBeLessThan(9);
  });

  it.each([
    [['run', 'x', '--image=busybox', '-t'], "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n"],
    [['run', 'x', '--image=busybox', '--rm'], "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    [['run', 'x', '--image=busybox', '-i', '--attach=false', '--rm'], "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    [['run', 'x', '--image=busybox', '-it', '--dry-run=client'], "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n"],
    [['run', 'x', '--image=busybox', '--restart=Sometimes'], "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n"],
  ])('refuses %j as run.go does', async (args, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    expect(await kubectl(lab)('', ...args)).toEqual({ status: 1, stdout: '', stderr });
  });
});

describe('kubectl run -it on a terminal', () => {
  it('attaches with tty=true (a long-running pods/attach request in the audit log)', async () => {
    const policy = 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: ["pods/attach"]\n- level: None\n';
    const lab = await auditedLab({ policy }, { programs: kubeCommands });
    const r = await onTerminal(lab, ['kubectl', 'run', 'tmp', '--rm', '-it', '--image=busybox:1.36', '--restart=Never', '--', 'sh'], ['echo hello', 'exit']);
    expect(r).toEqual({ status: 0, screen: 'If you don\'t see a command prompt, try pressing enter.\nhello\npod "tmp" deleted\n' });
    const events = (lab.read(CP, AUDIT_LOG) ?? '')
      .split('\n')
      .filter((l) => l.includes('"attach"'))
      .map((l) => JSON.parse(l) as { stage: string; verb: string; requestURI: string; objectRef: { subresource?: string }; responseStatus?: { code: number } });
    expect(events.map((e) => [e.stage, e.verb, e.requestURI, e.objectRef.subresource])).toEqual([
      ['RequestReceived', 'create', '/api/v1/namespaces/default/pods/tmp/attach?container=tmp&stdin=true&stdout=true&tty=true', 'attach'],
      ['ResponseStarted', 'create', '/api/v1/namespaces/default/pods/tmp/attach?container=tmp&stdin=true&stdout=true&tty=true', 'attach'],
      ['ResponseComplete', 'create', '/api/v1/namespaces/default/pods/tmp/attach?container=tmp&stdin=true&stdout=true&tty=true', 'attach'],
    ]);
    expect(events[2]!.responseStatus?.code).toBe(101);
  });

  it('with the default restart policy, ends the session with the reattach hint and the container starts again', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await onTerminal(lab, ['kubectl', 'run', 'tmp5', '-it', '--image=alpine:3.17.1', '--', 'sh'], ['exit']);
    expect(r).toEqual({ status: 0, screen: "If you don't see a command prompt, try pressing enter.\nSession ended, resume using 'kubectl attach tmp5 -c tmp5 -i -t' command when the pod is running\n" });
    await lab.advance(5);
    const cs = (await podOf(lab, 'tmp5')).status?.containerStatuses?.[0];
    expect([cs?.restartCount, cs?.state?.running !== undefined]).toEqual([1, true]);
    const again = await onTerminal(lab, ['kubectl', 'attach', 'tmp5', '-c', 'tmp5', '-i', '-t'], ['echo back', 'exit']);
    expect(again.screen).toBe("If you don't see a command prompt, try pressing enter.\nback\nSession ended, resume using 'kubectl attach tmp5 -c tmp5 -i -t' command when the pod is running\n");
  });
});

describe('kubectl attach', () => {
  it.each([
    [[], "error: at least 1 argument is required for attach\nSee 'kubectl attach -h' for help and examples\n"],
    [['gone'], 'Error from server (NotFound): pods "gone" not found\n'],
    [['done'], 'error: cannot attach a container in a completed pod; current phase is Succeeded\n'],
    [['sleeper', '-c', 'nope'], 'error: cannot attach to the container: container not found (nope)\n'],
  ])('%j fails as attach.go words it', async (args, stderr) => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('', 'run', 'done', '--image=alpine:3.17.1', '--restart=Never', '--', 'echo', 'ok');
    await k('', 'run', 'sleeper', '--image=alpine:3.17.1', '--', 'sleep', '1000');
    await lab.advance(8);
    expect(await k('', 'attach', ...args)).toEqual({ status: 1, stdout: '', stderr });
  });

  it('cannot upgrade to a container that has not started', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('', 'run', 'pending', '--image=nosuch:1', '--', 'sh');
    await lab.advance(3);
    expect(await k('', 'attach', 'pending')).toEqual({ status: 1, stdout: '', stderr: 'If you don\'t see a command prompt, try pressing enter.\nerror: unable to upgrade connection: container not found ("pending")\n' });
  });

  it('says -t needs a container with a terminal, then follows the output until the container ends', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = kubectl(lab);
    await k('', 'run', 'talker', '--image=alpine:3.17.1', '--', 'sh', '-c', 'while true; do echo tick; sleep 2; done');
    await lab.advance(8);
    lab.scheduler.on('test.stop-talker', () => void lab.api('delete', '/api/v1/namespaces/default/pods/talker', { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 }));
    lab.scheduler.after(5e9, 'test.stop-talker');
    const r = await k('', 'attach', 'talker', '-t');
    expect(r.stderr).toBe("error: Unable to use a TTY - container talker did not allocate one\nIf you don't see a command prompt, try pressing enter.\n");
    expect(r.stdout).toMatch(/^(tick\n)+$/);
    expect(r.status).toBe(0);
  });
});
