// kubectl against the simulated cluster: kubeconfig, run/get/describe/logs/exec/delete, and the
// exact messages for refused connections and API errors.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { bootedLab, kubeLab } from '../kube/harness';
import { DRY_RUN_POD_YAML } from './fixtures';

const CP = 'kube-control-plane';

describe('kubectl', () => {
  it('is refused while the API server is down, after five discovery lines', async () => {
    const lab = kubeLab({ programs: kubeCommands });
    const r = await lab.run(CP, ['kubectl', 'get', 'pods'], { uid: 1000 });
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toMatch(/^E0124 17:55:00\.\d{6} +\d+ memcache\.go:238\] couldn't get current server API group list: Get "https:\/\/192\.168\.56\.10:6443\/api\?timeout=32s": dial tcp 192\.168\.56\.10:6443: connect: connection refused$/);
    expect(lines[5]).toBe('The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?');
  });

  it('without a kubeconfig falls back to localhost:8080', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const r = await lab.run('kube-worker-1', ['kubectl', 'get', 'nodes'], { uid: 0 });
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('The connection to the server localhost:8080 was refused - did you specify the right host or port?');
  });

  it('runs a pod, lists it, prints its YAML fields and deletes it', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    expect(await k('run', 'malicious', '--image=alpine:3.17.1', '--', 'sh', '-c', 'while true; do echo attacker intrusion; sleep 5; done')).toEqual({ status: 0, stdout: 'pod/malicious created\n', stderr: '' });
    await lab.advance(8);
    const get = await k('get', 'pods');
    expect(get.stdout).toMatch(/^NAME        READY   STATUS    RESTARTS   AGE\nmalicious   1\/1     Running   0          \d+s\n$/);
    const jp = await k('get', 'pod', 'malicious', '-o', 'jsonpath={.spec.containers[0].args}');
    expect(jp.stdout).toBe('["sh","-c","while true; do echo attacker intrusion; sleep 5; done"]');
    const logs = await k('logs', 'malicious');
    expect(logs.stdout.startsWith('attacker intrusion\n')).toBe(true);
    const ex = await k('exec', 'malicious', '--', 'sh', '-c', 'echo inside; exit 3');
    expect(ex).toEqual({ status: 3, stdout: 'inside\n', stderr: 'command terminated with exit code 3\n' });
    const del = await k('delete', 'pod', 'malicious', '--force', '--grace-period=0');
    expect(del).toEqual({
      status: 0,
      stdout: 'pod "malicious" force deleted\n',
      stderr: 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    });
    expect((await k('get', 'pods')).stderr).toBe('No resources found in default namespace.\n');
  });

  it('prints the dry-run Pod as kubectl run does', async () => {
    const lab = kubeLab({ programs: kubeCommands });
    const r = await lab.run(CP, ['kubectl', 'run', 'nginx', '--image=nginx', '--dry-run=client', '-o', 'yaml'], { uid: 1000 });
    expect(r.stdout).toBe(DRY_RUN_POD_YAML);
  });

  it('reports NotFound and AlreadyExists as the API server words them', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    expect(await k('get', 'pod', 'x')).toEqual({ status: 1, stdout: '', stderr: 'Error from server (NotFound): pods "x" not found\n' });
    await k('create', 'configmap', 'db-user', '--from-literal=username=tom');
    expect(await k('create', 'configmap', 'db-user', '--from-literal=username=tom')).toEqual({ status: 1, stdout: '', stderr: 'error: failed to create configmap: configmaps "db-user" already exists\n' });
    expect((await k('get', 'podz')).stderr).toBe('error: the server doesn\'t have a resource type "podz"\n');
  });
});
