// The kubelet's part of starting the apiserver pod: hostPath type checks and creation, the mounts it
// hands the runtime, and robustness against whatever a learner's manifest decodes to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostPathsOfVfs, hostPathTypeCheck, preflightStaticPod, runApiServerProcess, vfsContainerView } from '../../src/kube/audit';
import { controlPlane, exercisePod, POLICY_PATH } from './harness';

const clock = { epochMs: 0, now: 0, kubeletStartedAt: 0 };

describe('hostPath type checks', () => {
  it.each([
    ['DirectoryOrCreate', '/var/lib/new/dir', null, 'dir'],
    ['DirectoryOrCreate', POLICY_PATH, `hostPath type check failed: ${POLICY_PATH} is not a directory`, 'file'],
    ['Directory', '/var/lib/none', 'hostPath type check failed: /var/lib/none is not a directory', null],
    ['FileOrCreate', '/etc/kubernetes/new.yaml', null, 'file'],
    ['FileOrCreate', '/etc/missing-dir/new.yaml', 'open /etc/missing-dir/new.yaml: no such file or directory', null],
    ['File', POLICY_PATH, null, 'file'],
    ['File', '/etc/kubernetes', 'hostPath type check failed: /etc/kubernetes is not a file', 'dir'],
    ['Socket', '/run/containerd/containerd.sock', 'hostPath type check failed: /run/containerd/containerd.sock is not a socket file', null],
    ['', '/var/lib/untyped', null, 'dir'],
  ])('%s %s', (type, path, error, after) => {
    const cp = controlPlane();
    expect(hostPathTypeCheck(hostPathsOfVfs(cp.host), path, type)).toBe(error);
    const kind = cp.host.exists(path) ? cp.host.stat(path).type : null;
    expect(kind).toBe(after);
  });
});

describe('preflightStaticPod', () => {
  it('lists the container mounts in manifest order, with file binds marked', () => {
    const cp = controlPlane();
    const r = preflightStaticPod(exercisePod(), hostPathsOfVfs(cp.host), clock);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.mounts.slice(-2)).toEqual([
      { volume: 'audit', mountPath: POLICY_PATH, hostPath: POLICY_PATH, readOnly: true, file: true },
      { volume: 'audit-log', mountPath: '/var/log/kubernetes/audit/logs/', hostPath: '/var/log/kubernetes/audit/logs/', readOnly: false, file: false },
    ]);
    expect(r.argv[0]).toBe('kube-apiserver');
    expect(r.argv).toContain('--audit-log-maxage=5');
  });

  it('never throws on whatever a manifest decodes to', () => {
    const cp = controlPlane();
    fc.assert(
      fc.property(fc.jsonValue(), (pod) => {
        const r = preflightStaticPod(pod, hostPathsOfVfs(cp.host), clock);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 200 },
    );
  });

  it('a pod without containers is invalid', () => {
    const r = preflightStaticPod({ apiVersion: 'v1', kind: 'Pod', spec: {} }, hostPathsOfVfs(controlPlane().host), clock);
    expect(r).toMatchObject({ ok: false, reason: 'InvalidPod', message: 'invalid pod: [spec.containers: Required value]' });
  });
});

describe('runApiServerProcess', () => {
  it('never throws on arbitrary argv', () => {
    const cp = controlPlane();
    const view = vfsContainerView(cp.host);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('--audit-log-path', '--audit-policy-file=/x', '-v', '--', '--audit-log-maxage=-1')), { maxLength: 6 }), (args) => {
        const r = runApiServerProcess({ argv: ['kube-apiserver', ...args], view, clock });
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.logLines.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
