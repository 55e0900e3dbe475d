// kubectl apply/replace on pods: created, unchanged, configured, the Forbidden pod update, and
// replace --force recreating the pod (the immutable-container exercise end to end).
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { bootedLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';
const SETUP = `apiVersion: v1
kind: Pod
metadata:
  name: hash
spec:
  containers:
  - name: hash
    image: alpine:3.17.1
    command: ["sh", "-c", "while true; do echo x >> /var/config/hash.txt; sleep 20; done"]
`;
const IMMUTABLE = `apiVersion: v1
kind: Pod
metadata:
  name: hash
spec:
  containers:
  - name: hash
    image: alpine:3.17.1
    command: ["sh", "-c", "while true; do echo x >> /var/config/hash.txt; sleep 20; done"]
    securityContext:
      readOnlyRootFilesystem: true
    volumeMounts:
    - name: hash-vol
      mountPath: /var/config
  volumes:
  - name: hash-vol
    emptyDir: {}
`;

function write(lab: KubeLab, path: string, text: string): void {
  lab.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile(path, text);
}

describe('kubectl apply and replace', () => {
  it('creates, then reports unchanged, then configured for an image change', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    write(lab, '/home/vagrant/setup.yaml', SETUP);
    expect(await k('apply', '-f', 'setup.yaml')).toEqual({ status: 0, stdout: 'pod/hash created\n', stderr: '' });
    expect(await k('apply', '-f', 'setup.yaml')).toEqual({ status: 0, stdout: 'pod/hash unchanged\n', stderr: '' });
    write(lab, '/home/vagrant/setup.yaml', SETUP.replace('alpine:3.17.1', 'busybox:1.36'));
    expect(await k('apply', '-f', 'setup.yaml')).toEqual({ status: 0, stdout: 'pod/hash configured\n', stderr: '' });
    const ann = await k('get', 'pod', 'hash', '-o', "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}");
    expect(ann.stdout).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"name":"hash","namespace":"default"},"spec":{"containers":[{"command":["sh","-c","while true; do echo x \\u003e\\u003e /var/config/hash.txt; sleep 20; done"],"image":"busybox:1.36","name":"hash"}]}}\n');
  });

  it('forbids making the running pod immutable in place, and replace --force recreates it', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    write(lab, '/home/vagrant/setup.yaml', SETUP);
    write(lab, '/home/vagrant/immutable.yaml', IMMUTABLE);
    await k('apply', '-f', 'setup.yaml');
    await lab.advance(8);
    const bad = await k('apply', '-f', 'immutable.yaml');
    expect(bad.status).toBe(1);
    expect(bad.stderr.split('\n')[0]).toBe(
      'The Pod "hash" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(bad.stderr).toContain('core.PodSpec{');
    const rep = await k('replace', '--force', '-f', 'immutable.yaml');
    expect(rep).toEqual({ status: 0, stdout: 'pod "hash" deleted\npod/hash replaced\n', stderr: '' });
    await lab.advance(8);
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.status.phase} {.spec.containers[0].securityContext.readOnlyRootFilesystem}')).stdout).toBe('Running true');
    const touch = await k('exec', 'hash', '--', 'touch', '/x');
    expect(touch).toEqual({ status: 1, stdout: '', stderr: 'touch: /x: Read-only file system\ncommand terminated with exit code 1\n' });
    expect((await k('exec', 'hash', '--', 'cat', '/var/config/hash.txt')).stdout).toBe('x\n');
  });

  it('replace --force creates a pod that is already gone; create refuses a saved copy that still has its resourceVersion', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
    write(lab, '/home/vagrant/setup.yaml', SETUP);
    await k('apply', '-f', 'setup.yaml');
    await lab.advance(2);
    const saved = await k('get', 'pod', 'hash', '-o', 'yaml');
    write(lab, '/home/vagrant/saved.yaml', saved.stdout);
    expect((await k('delete', 'pod', 'hash', '--wait=false')).status).toBe(0);
    await lab.advance(40);
    expect(await k('create', '-f', 'saved.yaml')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (InternalError): error when creating "saved.yaml": Internal error occurred: resourceVersion should not be set on objects to be created\n',
    });
    expect(await k('replace', '--force', '-f', 'saved.yaml')).toEqual({ status: 0, stdout: 'pod/hash replaced\n', stderr: '' });
  });

  it('rejects unknown fields with strict field validation', async () => {
    const lab = await bootedLab({ programs: kubeCommands });
    write(lab, '/home/vagrant/bad.yaml', SETUP.replace('    image:', '    imagee:'));
    const r = await lab.run(CP, ['kubectl', 'apply', '-f', 'bad.yaml'], { uid: 1000 });
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'Error from server (BadRequest): error when creating "bad.yaml": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imagee"\n' });
  });
});
