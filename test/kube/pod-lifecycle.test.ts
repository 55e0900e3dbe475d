// Pods on the worker: scheduling, image pulls, containers as processes under runc/shim, CRI logs,
// restarts with CrashLoopBackOff, pull errors, graceful deletion, read-only roots and exec.
import { describe, expect, it } from 'vitest';
import { CaptureOutput, emptyInput } from '../../src/core/stream';
import type { Event, Pod } from '../../src/kube/types';
import { bootedLab, type KubeLab } from './harness';

function podManifest(name: string, script: string, extra: Record<string, unknown> = {}, image = 'alpine:3.17.1') {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image, command: ['sh', '-c', script], ...extra }] } };
}

async function getPod(lab: KubeLab, name: string): Promise<Pod> {
  return (await lab.api('get', `/api/v1/namespaces/default/pods/${name}`)).body as unknown as Pod;
}

async function events(lab: KubeLab, name: string): Promise<string[]> {
  const r = await lab.api('list', `/api/v1/namespaces/default/events?fieldSelector=involvedObject.name=${name}`);
  return ((r.body as unknown as { items: Event[] }).items).map((e) => `${e.reason}: ${e.message}${(e.count ?? 1) > 1 ? ` (x${e.count})` : ''}`);
}

describe('pod lifecycle', () => {
  it('schedules to the worker, pulls, creates and starts the container, and logs its output', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', podManifest('hello', 'while true; do echo hi; sleep 5; done'));
    await lab.advance(1);
    let pod = await getPod(lab, 'hello');
    expect(pod.spec.nodeName).toBe('kube-worker-1');
    await lab.advance(6);
    pod = await getPod(lab, 'hello');
    expect(pod.status?.phase).toBe('Running');
    const cs = pod.status!.containerStatuses![0]!;
    expect(cs).toMatchObject({ name: 'hello', ready: true, restartCount: 0, image: 'docker.io/library/alpine:3.17.1' });
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(pod.status?.podIP).toMatch(/^172\.18\.\d+\.\d+$/);
    const id = cs.containerID!.slice('containerd://'.length);
    const node = lab.world.nodes['kube-worker-1']!;
    const rec = node.containers[id]!;
    expect(rec.state).toBe('running');
    const init = node.procs[rec.pid!]!;
    expect(init.argv).toEqual(['sh', '-c', 'while true; do echo hi; sleep 5; done']);
    expect(init.containerId).toBe(id);
    expect(node.procs[init.ppid]!.comm).toBe('containerd-shim');
    const log = lab.read('kube-worker-1', `/var/log/pods/default_hello_${pod.metadata.uid}/hello/0.log`)!;
    expect(log.split('\n')[0]).toMatch(/^2023-01-24T\d\d:\d\d:\d\d(\.\d+)?Z stdout F hi$/);
    const ev = await events(lab, 'hello');
    expect(ev[0]).toBe('Scheduled: Successfully assigned default/hello to kube-worker-1');
    expect(ev[1]).toBe('Pulling: Pulling image "alpine:3.17.1"');
    expect(ev[2]).toMatch(/^Pulled: Successfully pulled image "alpine:3\.17\.1" in \d\.\d+s \(\d\.\d+s including waiting\)$/);
    expect(ev.slice(3)).toEqual(['Created: Created container hello', 'Started: Started container hello']);
  });

  it('restarts a failing container with growing back-off and reports CrashLoopBackOff', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', podManifest('crash', 'echo boom; exit 3'));
    await lab.advance(8);
    let pod = await getPod(lab, 'crash');
    let cs = pod.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state?.waiting).toMatchObject({ reason: 'CrashLoopBackOff' });
    expect(cs.state?.waiting?.message).toBe(`back-off 10s restarting failed container=crash pod=crash_default(${pod.metadata.uid})`);
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(pod.status?.phase).toBe('Running');
    await lab.advance(11);
    pod = await getPod(lab, 'crash');
    cs = pod.status!.containerStatuses![0]!;
    expect(cs.restartCount).toBe(2);
    expect(cs.state?.waiting?.message).toMatch(/^back-off 20s /);
    expect((await events(lab, 'crash')).some((e) => e.startsWith(`BackOff: Back-off restarting failed container crash in pod crash_default(${pod.metadata.uid})`))).toBe(true);
    const journal = lab.world.nodes['kube-worker-1']!.journal.map((e) => e.message);
    expect(journal.some((m) => m.includes('"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"crash\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=crash'))).toBe(true);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image the registry does not have', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', podManifest('bad', 'sleep 1', {}, 'nginxx'));
    await lab.advance(3);
    let cs = (await getPod(lab, 'bad')).status!.containerStatuses![0]!;
    expect(cs.state?.waiting?.reason).toBe('ErrImagePull');
    expect(cs.state?.waiting?.message).toBe('rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": docker.io/library/nginxx:latest: not found');
    await lab.advance(6);
    cs = (await getPod(lab, 'bad')).status!.containerStatuses![0]!;
    expect(cs.state?.waiting?.reason).toBe('ImagePullBackOff');
    expect(cs.image).toBe('nginxx');
  });

  it('deletes gracefully: a shell PID 1 ignores SIGTERM, so the pod lingers for the grace period', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', podManifest('slow', 'while true; do sleep 5; done'));
    await lab.advance(6);
    const del = await lab.api('delete', '/api/v1/namespaces/default/pods/slow');
    expect(del.code).toBe(200);
    expect((del.body as unknown as Pod).metadata.deletionTimestamp).toBeTruthy();
    await lab.advance(20);
    expect((await lab.api('get', '/api/v1/namespaces/default/pods/slow')).code).toBe(200);
    await lab.advance(12);
    expect((await lab.api('get', '/api/v1/namespaces/default/pods/slow')).code).toBe(404);
    expect(Object.values(lab.world.nodes['kube-worker-1']!.containers).filter((c) => c.podName === 'slow')).toEqual([]);
  });

  it('force deletion removes the object at once and the kubelet kills the containers', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', podManifest('gone', 'while true; do sleep 5; done'));
    await lab.advance(6);
    expect((await lab.api('delete', '/api/v1/namespaces/default/pods/gone', { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 })).code).toBe(200);
    expect((await lab.api('get', '/api/v1/namespaces/default/pods/gone')).code).toBe(404);
    await lab.advance(5);
    expect(Object.values(lab.world.nodes['kube-worker-1']!.containers).filter((c) => c.podName === 'gone')).toEqual([]);
  });

  it('mounts the image root read-only with readOnlyRootFilesystem, and an emptyDir writable', async () => {
    const lab = await bootedLab();
    await lab.api('create', '/api/v1/namespaces/default/pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ro' },
      spec: {
        containers: [{ name: 'ro', image: 'alpine:3.17.1', command: ['sh', '-c', 'while true; do echo x >> /var/config/hash.txt; sleep 5; done'], securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'v', mountPath: '/var/config' }] }],
        volumes: [{ name: 'v', emptyDir: {} }],
      },
    });
    await lab.advance(12);
    const pod = await getPod(lab, 'ro');
    expect(pod.status?.phase).toBe('Running');
    const exec = async (cmd: string[]) => {
      const out = new CaptureOutput();
      const err = new CaptureOutput();
      const r = await lab.cluster.runtime.exec('kube-worker-1', pod.status!.containerStatuses![0]!.containerID!.slice(13), cmd, { stdin: emptyInput as never, stdout: out, stderr: err, tty: false, signal: new AbortController().signal, interactive: false });
      return { r, out: out.text, err: err.text };
    };
    expect(await exec(['touch', '/x'])).toMatchObject({ r: { exitCode: 1 }, err: 'touch: /x: Read-only file system\n' });
    expect(await exec(['cat', '/var/config/hash.txt'])).toMatchObject({ r: { exitCode: 0 }, out: 'x\nx\n' });
    const host = lab.read('kube-worker-1', `/var/lib/kubelet/pods/${pod.metadata.uid}/volumes/kubernetes.io~empty-dir/v/hash.txt`);
    expect(host).toBe('x\nx\n');
    expect(await exec(['bash'])).toMatchObject({ r: { error: expect.stringContaining('exec: "bash": executable file not found in $PATH') } });
  });
});
