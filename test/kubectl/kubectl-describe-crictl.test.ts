// describe pod's layout, logs and exec error texts, and crictl's tables and access rules.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { criAgo, criSize } from '../../src/commands/crictl';
import { bootedLab } from '../kube/harness';

const CP = 'kube-control-plane';
const W = 'kube-worker-1';

describe('kubectl describe, logs and exec messages', () => {
  it('describes a running pod in describe.go layout', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    await k('run', 'web', '--image=nginx:1.23.3', '--command', '--', 'sleep', '3600');
    await lab.advance(10);
    const out = (await k('describe', 'pod', 'web')).stdout;
    const lines = out.split('\n');
    expect(lines.slice(0, 4)).toEqual(['Name:             web', 'Namespace:        default', 'Priority:         0', 'Service Account:  default']);
    expect(lines).toContain('Node:             kube-worker-1/192.168.56.21');
    expect(lines).toContain('    Command:');
    expect(lines).toContain('    State:          Running');
    expect(lines).toContain('  Ready             True ');
    expect(lines).toContain("Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s");
    expect(lines).toContain('                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s');
    const ev = lines.indexOf('Events:');
    expect(lines[ev + 1]).toMatch(/^ {2}Type {4}Reason {5}Age +From {15}Message$/);
    expect(lines[ev + 3]).toMatch(/^ {2}Normal {2}Scheduled {2}\d+s +default-scheduler {2}Successfully assigned default\/web to kube-worker-1$/);
  });

  it('explains why logs are unavailable and rejects a wrong container', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    await k('run', 'slow', '--image=nginx:1.23.3', '--', 'sh', '-c', 'while true; do sleep 5; done');
    await lab.advance(1);
    expect((await k('logs', 'slow')).stderr).toBe('Error from server (BadRequest): container "slow" in pod "slow" is waiting to start: ContainerCreating\n');
    expect((await k('logs', 'slow', '-c', 'nginxx')).stderr).toBe('error: container nginxx is not valid for pod slow\n');
    await lab.advance(10);
    expect((await k('logs', 'slow', '--previous')).stderr).toBe('Error from server (BadRequest): previous terminated container "slow" in pod "slow" not found\n');
  });

  it('reports a missing binary in exec as containerd 1.6 does', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    await k('run', 'a', '--image=alpine:3.17.1', '--', 'sh', '-c', 'while true; do sleep 5; done');
    await lab.advance(10);
    const r = await k('exec', 'a', '--', 'bash');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown\n$/);
    expect((await k('exec', 'a', '-c', 'x', '--', 'sh')).stderr).toBe('Error from server (BadRequest): container x is not valid for pod a\n');
  });
});

describe('crictl', () => {
  it('lists running containers newest first with 13-character ids', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    await lab.run(CP, ['kubectl', 'run', 'a', '--image=alpine:3.17.1', '--', 'sh', '-c', 'while true; do sleep 5; done'], { uid: 1000 });
    await lab.advance(10);
    const r = await lab.run(W, ['crictl', 'ps'], { uid: 0 });
    const [head, row] = r.stdout.trimEnd().split('\n');
    expect(head).toBe('CONTAINER           IMAGE               CREATED             STATE               NAME                ATTEMPT             POD ID              POD');
    expect(row).toMatch(/^[0-9a-f]{13} {7}042a816809aac {7}\d+ seconds ago {6,7}Running {13}a {19}0 {19}[0-9a-f]{13} {7}a$/);
  });

  it('needs root for the containerd socket', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run(W, ['crictl', 'ps'], { uid: 1000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"ListContainers with filter from runtime service failed" err="rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: permission denied\\""');
    expect(r.stderr).toContain('level=fatal msg="listing containers: rpc error: code = Unavailable desc = connection error: desc = \\"transport: Error while dialing dial unix /run/containerd/containerd.sock: connect: permission denied\\""');
  });

  it('shows the apiserver log of an unknown flag through crictl logs', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const root = lab.kernel.vfsFor(CP, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
    const m = '/etc/kubernetes/manifests/kube-apiserver.yaml';
    root.writeFile(m, root.readFile(m).replace('    - --allow-privileged=true\n', '    - --allow-privileged=true\n    - --audit-log-pat=/x\n'));
    await lab.advance(30);
    const ps = await lab.run(CP, ['crictl', 'ps', '-a', '--name', 'kube-apiserver', '-q'], { uid: 0 });
    const id = ps.stdout.split('\n')[0]!;
    const logs = await lab.run(CP, ['crictl', 'logs', id], { uid: 0 });
    expect(logs).toEqual({ status: 0, stdout: '', stderr: 'Error: unknown flag: --audit-log-pat\n' });
  });

  it.each([
    [0.5, 'Less than a second ago'],
    [1, '1 second ago'],
    [59, '59 seconds ago'],
    [90, 'About a minute ago'],
    [150, '2 minutes ago'],
    [3600, 'About an hour ago'],
    [7200, '2 hours ago'],
    [3 * 86400, '3 days ago'],
  ])('formats %s s as %s', (s, text) => {
    expect(criAgo(s)).toBe(text);
  });

  it.each([
    [56990000, '57MB'],
    [321520, '322kB'],
    [3370706, '3.37MB'],
    [2595000, '2.6MB'],
  ])('formats %s bytes as %s', (n, text) => {
    expect(criSize(n)).toBe(text);
  });
});
