// The kube-apiserver static pod at start: the chapter's exercise-3 end state serves and logs to the host;
// each way of breaking the manifest or the policy fails where and how the real cluster does.
import { describe, expect, it } from 'vitest';
import { controlPlane, exercisePod, LOG_PATH, POLICY_PATH, shippedPod, type PodDoc } from './harness';

const flagsOf = (pod: PodDoc): string[] => pod.spec.containers[0].command;
const replaceFlag = (pod: PodDoc, prefix: string, value: string | null): PodDoc => {
  const cmd = flagsOf(pod);
  const i = cmd.findIndex((a: string) => a.startsWith(prefix));
  if (value === null) cmd.splice(i, 1);
  else cmd[i] = value;
  return pod;
};
const dropMount = (pod: PodDoc, name: string): PodDoc => {
  pod.spec.containers[0].volumeMounts = pod.spec.containers[0].volumeMounts.filter((m: { name: string }) => m.name !== name);
  pod.spec.volumes = pod.spec.volumes.filter((v: { name: string }) => v.name !== name);
  return pod;
};

describe('kube-apiserver start-up: the exercise 3 end state', () => {
  it('serves with the policy loaded and the log target bound to the host directory', () => {
    const cp = controlPlane();
    const { result } = cp.start(exercisePod());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.policy?.rules.map((r) => r.level)).toEqual(['RequestResponse', 'Metadata', 'Request']);
    expect(result.config.policy?.omitStages).toEqual(['RequestReceived']);
    expect(result.config.audit.log.maxAge).toBe(5);
    expect(result.config.logTarget).toEqual({
      kind: 'file',
      path: LOG_PATH,
      mount: { target: '/var/log/kubernetes/audit/logs', source: '/var/log/kubernetes/audit/logs/', fstype: 'bind', readOnly: false },
      hostPath: '/var/log/kubernetes/audit/logs/apiserver.log',
    });
    expect(result.logLines).toEqual([
      'I0119 20:02:18.001243       1 server.go:555] external host was not specified, using 192.168.56.10',
      'I0119 20:02:18.002118       1 server.go:163] Version: v1.26.1',
      'I0119 20:02:18.002191       1 server.go:165] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
    ]);
  });

  it('creates the log directory on the host (DirectoryOrCreate) and an empty 0600 log file in it', () => {
    const cp = controlPlane();
    expect(cp.read('/var/log/kubernetes/audit/logs')).toBeNull();
    cp.start(exercisePod());
    expect(cp.host.stat('/var/log/kubernetes/audit/logs').type).toBe('dir');
    expect(cp.host.stat('/var/log/kubernetes/audit/logs').mode & 0o777).toBe(0o755);
    expect(cp.read(LOG_PATH)).toBe('');
    expect(cp.host.stat(LOG_PATH).mode & 0o777).toBe(0o600);
  });

  it('appends to an existing log file across a restart', () => {
    const cp = controlPlane();
    cp.put(LOG_PATH, '{"old":1}\n');
    const { result } = cp.start(exercisePod());
    expect(result.ok).toBe(true);
    expect(cp.read(LOG_PATH)).toBe('{"old":1}\n');
  });
});

describe('kube-apiserver start-up failures: the process exits', () => {
  const cases: Array<[string, (p: PodDoc) => PodDoc, string[]]> = [
    ['a misspelt flag', (p) => replaceFlag(p, '--audit-log-path=', `--audit-log-pat=${LOG_PATH}`), ['Error: unknown flag: --audit-log-pat']],
    [
      'a flag and its value written as one list item',
      (p) => replaceFlag(p, '--audit-log-path=', `--audit-log-path ${LOG_PATH}`),
      [`Error: unknown flag: --audit-log-path ${LOG_PATH}`],
    ],
    [
      'a maxage with a unit',
      (p) => replaceFlag(p, '--audit-log-maxage=', '--audit-log-maxage=5d'),
      ['Error: invalid argument "5d" for "--audit-log-maxage" flag: strconv.ParseInt: parsing "5d": invalid syntax'],
    ],
  ];
  it.each(cases)('%s: one `Error:` line, exit 1, before logging starts', (_name, edit, lines) => {
    const { result } = controlPlane().start(edit(exercisePod()));
    expect(result).toMatchObject({ ok: false, side: 'process', exitCode: 1, reason: 'FlagError' });
    expect(result.logLines).toEqual(lines);
  });

  it('a negative maxage fails validation after the external-host line', () => {
    const { result } = controlPlane().start(replaceFlag(exercisePod(), '--audit-log-maxage=', '--audit-log-maxage=-1'));
    expect(result).toMatchObject({ ok: false, side: 'process', exitCode: 1, reason: 'InvalidOptions' });
    expect(result.logLines).toEqual([
      'I0119 20:02:18.001243       1 server.go:555] external host was not specified, using 192.168.56.10',
      'E0119 20:02:18.001283       1 run.go:74] "command failed" err="--audit-log-maxage -1 can\'t be a negative number"',
    ]);
  });

  it('a policy path that is not mounted into the container: no such file or directory', () => {
    const { result } = controlPlane().start(dropMount(exercisePod(), 'audit'));
    expect(result).toMatchObject({ ok: false, side: 'process', exitCode: 1, reason: 'PolicyLoadFailed' });
    expect(result.logLines.at(-1)).toBe(
      `E0119 20:02:18.371406       1 run.go:74] "command failed" err="loading audit policy file: failed to read file path \\"${POLICY_PATH}\\": open ${POLICY_PATH}: no such file or directory"`,
    );
    expect(result.logLines).toHaveLength(4);
  });

  it('a mountPath that differs from the flag reads the same way', () => {
    const pod = exercisePod();
    pod.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'audit').mountPath = '/etc/kubernetes/audit/policy.yaml';
    const { result } = controlPlane().start(pod);
    expect(result.ok).toBe(false);
    expect(result.logLines.at(-1)).toContain(`open ${POLICY_PATH}: no such file or directory"`);
  });

  it('a policy with a removed apiVersion: failed decoding … from file', () => {
    const cp = controlPlane();
    cp.put(POLICY_PATH, 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n');
    const { result } = cp.start(exercisePod());
    expect(result).toMatchObject({ ok: false, side: 'process', exitCode: 1, reason: 'PolicyLoadFailed' });
    expect(result.logLines.at(-1)).toBe(
      `E0119 20:02:18.371406       1 run.go:74] "command failed" err="loading audit policy file: failed decoding: no kind \\"Policy\\" is registered for version \\"audit.k8s.io/v1beta1\\" in scheme \\"k8s.io/apiserver/pkg/audit/scheme.go:30\\": from file ${POLICY_PATH}"`,
    );
  });

  it('broken policy YAML: the yaml error with its line', () => {
    const cp = controlPlane();
    cp.put(POLICY_PATH, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: ""\n');
    const { result } = cp.start(exercisePod());
    expect(result.ok).toBe(false);
    expect(result.logLines.at(-1)).toMatch(/run\.go:74\] "command failed" err="loading audit policy file: failed decoding: yaml: line \d+: .*: from file \/etc\/kubernetes\/audit\/rules\/audit-policy\.yaml"$/);
  });

  it('a misspelt rule field loads leniently with the reader.go warning, and the rule broadens', () => {
    const cp = controlPlane();
    cp.put(POLICY_PATH, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verb: ["get"]\n- level: Metadata\n');
    const { result } = cp.start(exercisePod());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.logLines).toContain(
      'W0119 20:02:18.371386       1 reader.go:81] Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].verb"',
    );
    expect(result.config.policy?.rules[0]?.verbs).toEqual([]);
  });

  it('a read-only log mount: ensureLogFile fails with read-only file system', () => {
    const pod = exercisePod();
    pod.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'audit-log').readOnly = true;
    const { result } = controlPlane().start(pod);
    expect(result).toMatchObject({ ok: false, side: 'process', exitCode: 1, reason: 'LogFileFailed' });
    expect(result.logLines.at(-1)).toBe(`E0119 20:02:18.371406       1 run.go:74] "command failed" err="ensureLogFile: open ${LOG_PATH}: read-only file system"`);
  });

  it('a log path that is a directory: ensureLogFile says so', () => {
    const { result } = controlPlane().start(replaceFlag(exercisePod(), '--audit-log-path=', '--audit-log-path=/var/log/kubernetes/audit/logs'));
    expect(result.ok).toBe(false);
    expect(result.logLines.at(-1)).toContain('err="ensureLogFile: open /var/log/kubernetes/audit/logs: is a directory"');
  });

  it('a missing webhook kubeconfig is fatal once a policy is loaded', () => {
    const pod = exercisePod();
    flagsOf(pod).push('--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml');
    const { result } = controlPlane().start(pod);
    expect(result).toMatchObject({ ok: false, reason: 'WebhookConfigFailed' });
    expect(result.logLines.at(-1)).toContain('err="initializing audit webhook: stat /etc/kubernetes/audit/webhook.yaml: no such file or directory"');
  });
});

describe('kube-apiserver start-up failures: the kubelet never creates the container', () => {
  it('a policy file missing on the host with type File: hostPath type check failed', () => {
    const cp = controlPlane();
    cp.host.unlink(POLICY_PATH);
    const { result, container } = cp.start(exercisePod());
    expect(container).toBeNull();
    expect(result).toMatchObject({ ok: false, side: 'kubelet', exitCode: null, reason: 'VolumeSetupFailed', volume: 'audit', logLines: [] });
    if (result.ok || result.side !== 'kubelet') return;
    expect(result.message).toBe(`hostPath type check failed: ${POLICY_PATH} is not a file`);
    expect(result.kubelet[0]).toEqual({
      level: 'E',
      site: 'nestedpendingoperations.go:348',
      afterNs: 0,
      text:
        'Operation for "{volumeName:kubernetes.io/host-path/3dad4a921f6ef9bf4c2fd44b96a1c22d-audit podName:3dad4a921f6ef9bf4c2fd44b96a1c22d nodeName:}" failed. ' +
        'No retries permitted until 2023-01-19 20:02:18.5 +0000 UTC m=+0.500000000 (durationBeforeRetry 500ms). ' +
        'Error: MountVolume.SetUp failed for volume "audit" (UniqueName: "kubernetes.io/host-path/3dad4a921f6ef9bf4c2fd44b96a1c22d-audit") ' +
        `pod "kube-apiserver-kube-control-plane" (UID: "3dad4a921f6ef9bf4c2fd44b96a1c22d") : hostPath type check failed: ${POLICY_PATH} is not a file`,
    });
    expect(result.kubelet[1]?.text).toBe(
      '"Unable to attach or mount volumes for pod; skipping pod" err="unmounted volumes=[audit], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition" pod="kube-system/kube-apiserver-kube-control-plane"',
    );
  });

  it('a mount naming an unknown volume: invalid pod, as file.go logs it', () => {
    const pod = exercisePod();
    pod.spec.containers[0].volumeMounts.find((m: { name: string }) => m.name === 'audit-log').name = 'audit-logs';
    const { result, container } = controlPlane().start(pod);
    expect(container).toBeNull();
    expect(result).toMatchObject({ ok: false, side: 'kubelet', reason: 'InvalidPod', exitCode: null });
    if (result.ok || result.side !== 'kubelet') return;
    expect(result.message).toBe('invalid pod: [spec.containers[0].volumeMounts[6].name: Not found: "audit-logs"]');
    expect(result.kubelet[0]?.text).toBe(
      '"Could not process manifest file" err="invalid pod: [spec.containers[0].volumeMounts[6].name: Not found: \\"audit-logs\\"]" path="/etc/kubernetes/manifests/kube-apiserver.yaml"',
    );
  });

  it('duplicate volume names and mount paths are all listed', () => {
    const pod = exercisePod();
    pod.spec.volumes.push({ name: 'audit', hostPath: { path: '/tmp', type: 'Directory' } });
    pod.spec.containers[0].volumeMounts.push({ name: 'audit', mountPath: POLICY_PATH });
    const { result } = controlPlane().start(pod);
    expect(result.ok).toBe(false);
    if (result.ok || result.side !== 'kubelet') return;
    expect(result.message).toBe(`invalid pod: [spec.volumes[7].name: Duplicate value: "audit" spec.containers[0].volumeMounts[7].mountPath: Invalid value: "${POLICY_PATH}": must be unique]`);
  });
});

describe('kube-apiserver start-up: silent outcomes', () => {
  it('a log path under no mount is written inside the container only', () => {
    const cp = controlPlane();
    const { result, container } = cp.start(replaceFlag(exercisePod(), '--audit-log-path=', '--audit-log-path=/var/log/audit.log'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.logTarget).toMatchObject({ kind: 'file', path: '/var/log/audit.log', hostPath: null, mount: { fstype: 'overlay' } });
    expect(container?.vfs.readFile('/var/log/audit.log')).toBe('');
    expect(cp.read('/var/log/audit.log')).toBeNull();
  });

  it('no policy file: the log file is still created, and no policy is loaded', () => {
    const cp = controlPlane();
    const { result } = cp.start(replaceFlag(exercisePod(), '--audit-policy-file=', null));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.policy).toBeUndefined();
    expect(cp.read(LOG_PATH)).toBe('');
  });

  it('the shipped manifest starts with auditing off', () => {
    const { result } = controlPlane().start(shippedPod());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.policy).toBeUndefined();
    expect(result.config.logTarget).toBeUndefined();
  });

  it('--audit-log-path=- targets standard output', () => {
    const { result } = controlPlane().start(replaceFlag(exercisePod(), '--audit-log-path=', '--audit-log-path=-'));
    expect(result.ok && result.config.logTarget).toEqual({ kind: 'stdout' });
  });

  it('--version prints the version and exits 0', () => {
    const pod = shippedPod();
    flagsOf(pod).push('--version');
    const { result } = controlPlane().start(pod);
    expect(result).toMatchObject({ ok: false, exitCode: 0, logLines: ['Kubernetes v1.26.1'] });
  });
});
