// The kube-apiserver static pod as the kubelet starts it from /etc/kubernetes/manifests: the chapter's
// exercise-3 end state serves and audits into the host's log directory; each way of breaking the manifest
// or the policy fails where and how a real control plane does, seen through crictl, the pod log files,
// the kubelet's journal and a refused kubectl.
import { describe, expect, it } from 'vitest';
import type { Vfs } from '../../src/vfs';
import {
  CP,
  dropVolume,
  exercisePod,
  flagsOf,
  hostEvents,
  klogBody,
  LOG_DIR,
  LOG_PATH,
  manifestLab,
  mountOf,
  POLICY_PATH,
  REFUSED,
  replaceFlag,
  shippedPod,
  type ManifestLab,
  type PodDoc,
} from './world';

const KLOG = /^stderr F [IWE]\d{4} \d\d:\d\d:\d\d\.\d{6} +1 /;
const STARTUP = [
  'server.go:555] external host was not specified, using 192.168.56.10',
  'server.go:163] Version: v1.26.1',
  'server.go:165] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""',
];
const commandFailed = (err: string): string => `run.go:74] "command failed" err=${JSON.stringify(err)}`;

async function createConfigMap(lab: ManifestLab, name: string): Promise<string> {
  return lab.sh(['kubectl', 'create', 'configmap', name, '--from-literal=username=tom'], 1000);
}

describe('kube-apiserver start-up: the exercise 3 end state', () => {
  it('serves, says its start-up lines in crictl logs, and logs by the policy into the host directory', async () => {
    const lab = await manifestLab(exercisePod());
    expect(lab.cluster.apiServing()).toBe(true);
    const id = (await lab.sh(['crictl', 'ps', '--name', 'kube-apiserver', '-q'])).trim();
    const logs = (await lab.sh(['crictl', 'logs', id])).trim().split('\n');
    expect(logs.map(klogBody)).toEqual(STARTUP);
    expect(lab.latestLog().every((l) => KLOG.test(l))).toBe(true);
    expect(await createConfigMap(lab, 'db-user')).toBe('configmap/db-user created\n');
    expect(await lab.sh(['kubectl', 'create', 'service', 'clusterip', 'web', '--tcp=80:80'], 1000)).toBe('service/web created\n');
    const mine = hostEvents(lab).filter((e) => e.user.username === 'kubernetes-admin');
    expect(mine.map((e) => [e.objectRef.resource, e.level, e.stage])).toEqual([
      ['configmaps', 'Metadata', 'ResponseComplete'],
      ['services', 'Request', 'ResponseComplete'],
    ]);
    expect(mine[1]).toHaveProperty('requestObject');
    expect(mine[1]).not.toHaveProperty('responseObject');
    expect(hostEvents(lab).some((e) => e.stage === 'RequestReceived')).toBe(false);
  });

  it('binds the policy file and the log directory into the container, in manifest order', async () => {
    const lab = await manifestLab(exercisePod());
    const binds = lab.apiserverContainers()[0]!.mounts.mounts.filter((m) => m.fstype === 'bind' && m.source.includes('audit'));
    expect(binds.map((m) => [m.target, m.source, m.readOnly])).toEqual([
      [POLICY_PATH, POLICY_PATH, true],
      ['/var/log/kubernetes/audit/logs', LOG_DIR, false],
    ]);
  });

  it('creates the log directory on the host (DirectoryOrCreate, 0755) and an empty 0600 log file in it', async () => {
    // The shipped manifest leaves no /var/log/kubernetes (see 'auditing off' below).
    const lab = await manifestLab(exercisePod());
    expect(lab.root.stat(LOG_DIR).mode & 0o777).toBe(0o755);
    expect(lab.root.stat(LOG_PATH).mode & 0o777).toBe(0o600);
  });

  it('appends to an existing log file across a restart', async () => {
    const lab = await manifestLab(exercisePod(), {
      prepare: (root) => {
        root.mkdir('/var/log/kubernetes', 0o755);
        root.mkdir('/var/log/kubernetes/audit', 0o755);
        root.mkdir(LOG_DIR, 0o755);
        root.writeFile(LOG_PATH, '{"old":1}\n');
      },
    });
    await createConfigMap(lab, 'kept');
    const text = lab.read(CP, LOG_PATH)!;
    expect(text.startsWith('{"old":1}\n{"kind":"Event"')).toBe(true);
  });
});

describe('kube-apiserver start-up failures: the process exits, crictl logs says why', () => {
  const cases: Array<[string, (p: PodDoc) => PodDoc, string[]]> = [
    ['a misspelt flag', (p) => replaceFlag(p, '--audit-log-path=', `--audit-log-pat=${LOG_PATH}`), ['Error: unknown flag: --audit-log-pat']],
    ['a flag and its value written as one list item', (p) => replaceFlag(p, '--audit-log-path=', `--audit-log-path ${LOG_PATH}`), [`Error: unknown flag: --audit-log-path ${LOG_PATH}`]],
    [
      'a maxage with a unit',
      (p) => replaceFlag(p, '--audit-log-maxage=', '--audit-log-maxage=5d'),
      ['Error: invalid argument "5d" for "--audit-log-maxage" flag: strconv.ParseInt: parsing "5d": invalid syntax'],
    ],
    [
      'a duration without a unit',
      (p) => (flagsOf(p).push('--audit-webhook-initial-backoff=5'), p),
      ['Error: invalid argument "5" for "--audit-webhook-initial-backoff" flag: time: missing unit in duration "5"'],
    ],
  ];
  it.each(cases)('%s: one `Error:` line and exit 1, before logging starts; then CrashLoopBackOff', async (_name, edit, lines) => {
    const lab = await manifestLab(edit(exercisePod()), { seconds: 45 });
    expect(await lab.sh(['kubectl', 'get', 'pods'], 1000)).toContain(REFUSED);
    const [latest] = lab.apiserverContainers();
    expect(latest).toMatchObject({ state: 'exited', exitCode: 1 });
    expect(latest!.attempt).toBeGreaterThanOrEqual(1);
    expect(lab.latestLog()).toEqual(lines.map((l) => `stderr F ${l}`));
    expect((await lab.sh(['crictl', 'logs', latest!.id])).trim()).toBe(lines.join('\n'));
    expect(lab.kubeletJournal().some((m) => m.includes('"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"kube-apiserver\\" with CrashLoopBackOff: \\"back-off 10s restarting failed container=kube-apiserver pod=kube-apiserver-kube-control-plane_kube-system('))).toBe(true);
  });

  const failed: Array<[string, (p: PodDoc) => PodDoc, ((root: Vfs) => void) | null, string[]]> = [
    ['a negative maxage fails validation right after the external-host line', (p) => replaceFlag(p, '--audit-log-maxage=', '--audit-log-maxage=-1'), null, [STARTUP[0]!, commandFailed("--audit-log-maxage -1 can't be a negative number")]],
    [
      'a policy path that is not mounted into the container',
      (p) => dropVolume(p, 'audit'),
      null,
      [...STARTUP, commandFailed(`loading audit policy file: failed to read file path "${POLICY_PATH}": open ${POLICY_PATH}: no such file or directory`)],
    ],
    [
      'a mountPath that differs from the flag',
      (p) => ((mountOf(p, 'audit').mountPath = '/etc/kubernetes/audit/policy.yaml'), p),
      null,
      [...STARTUP, commandFailed(`loading audit policy file: failed to read file path "${POLICY_PATH}": open ${POLICY_PATH}: no such file or directory`)],
    ],
    [
      'a read-only log mount',
      (p) => ((mountOf(p, 'audit-log').readOnly = true), p),
      null,
      [...STARTUP, commandFailed(`ensureLogFile: open ${LOG_PATH}: read-only file system`)],
    ],
    [
      'a log path that is a directory',
      (p) => replaceFlag(p, '--audit-log-path=', '--audit-log-path=/var/log/kubernetes/audit/logs'),
      null,
      [...STARTUP, commandFailed('ensureLogFile: open /var/log/kubernetes/audit/logs: is a directory')],
    ],
    [
      'a missing webhook kubeconfig, once a policy is loaded',
      (p) => (flagsOf(p).push('--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml'), p),
      null,
      [...STARTUP, commandFailed('initializing audit webhook: stat /etc/kubernetes/audit/webhook.yaml: no such file or directory')],
    ],
    [
      'a policy with a removed apiVersion',
      (p) => p,
      (root) => root.writeFile(POLICY_PATH, 'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n'),
      [
        ...STARTUP,
        commandFailed(`loading audit policy file: failed decoding: no kind "Policy" is registered for version "audit.k8s.io/v1beta1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30": from file ${POLICY_PATH}`),
      ],
    ],
  ];
  it.each(failed)('%s: the run.go "command failed" line, exit 1', async (_name, edit, prepare, lines) => {
    const lab = await manifestLab(edit(exercisePod()), { seconds: 45, ...(prepare ? { prepare } : {}) });
    expect(await lab.sh(['kubectl', 'get', 'pods'], 1000)).toContain(REFUSED);
    expect(lab.apiserverContainers()[0]).toMatchObject({ state: 'exited', exitCode: 1 });
    const log = lab.latestLog();
    expect(log.every((l) => KLOG.test(l))).toBe(true);
    expect(log.map(klogBody)).toEqual(lines);
  });

  it('broken policy YAML: the yaml error with its line, from file …', async () => {
    const lab = await manifestLab(exercisePod(), {
      seconds: 45,
      prepare: (root) => root.writeFile(POLICY_PATH, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n  resources: [{group: ""\n'),
    });
    expect(lab.cluster.apiServing()).toBe(false);
    expect(klogBody(lab.latestLog().at(-1)!)).toMatch(/^run\.go:74\] "command failed" err="loading audit policy file: failed decoding: yaml: line \d+: .*: from file \/etc\/kubernetes\/audit\/rules\/audit-policy\.yaml"$/);
  });

  it('a misspelt rule field loads leniently with the reader.go warning, and the rule broadens', async () => {
    const lab = await manifestLab(exercisePod(), {
      prepare: (root) => root.writeFile(POLICY_PATH, 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verb: ["get"]\n- level: Metadata\n'),
    });
    expect(lab.cluster.apiServing()).toBe(true);
    expect(lab.latestLog().map(klogBody)).toContain('reader.go:81] Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].verb"');
    // Without its verbs the None rule matches every request: the create is not logged.
    await createConfigMap(lab, 'unlogged');
    expect(hostEvents(lab)).toEqual([]);
  });
});

describe('kube-apiserver start-up failures: the kubelet never creates the container', () => {
  it('a policy file missing on the host with type File: the MountVolume.SetUp error, then the 2m3s timeout', async () => {
    const lab = await manifestLab(exercisePod(), { seconds: 130, prepare: (root) => root.unlink(POLICY_PATH) });
    expect(lab.apiserverContainers()).toEqual([]);
    expect(await lab.sh(['kubectl', 'get', 'pods'], 1000)).toContain(REFUSED);
    const journal = lab.kubeletJournal();
    const setUp = journal.find((m) => m.includes('MountVolume.SetUp failed for volume "audit"'))!;
    expect(setUp).toMatch(
      /^E\d{4} [\d:.]+ +\d+ nestedpendingoperations\.go:348\] Operation for "\{volumeName:kubernetes\.io\/host-path\/([0-9a-f]{32})-audit podName:\1 nodeName:\}" failed\. No retries permitted until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d*[1-9])? \+0000 UTC m=\+\d+\.\d{9} \(durationBeforeRetry 500ms\)\. Error: MountVolume\.SetUp failed for volume "audit" \(UniqueName: "kubernetes\.io\/host-path\/\1-audit"\) pod "kube-apiserver-kube-control-plane" \(UID: "\1"\) : hostPath type check failed: \/etc\/kubernetes\/audit\/rules\/audit-policy\.yaml is not a file$/,
    );
    expect(journal.map(klogBody)).toContain(
      'kubelet.go:1760] "Unable to attach or mount volumes for pod; skipping pod" err="unmounted volumes=[audit], unattached volumes=[], failed to process volumes=[]: timed out waiting for the condition" pod="kube-system/kube-apiserver-kube-control-plane"',
    );
  });

  const invalid: Array<[string, (p: PodDoc) => PodDoc, string]> = [
    ['a mount naming an unknown volume', (p) => ((mountOf(p, 'audit-log').name = 'audit-logs'), p), 'spec.containers[0].volumeMounts[6].name: Not found: "audit-logs"'],
    [
      'duplicate volume names and mount paths',
      (p) => {
        p.spec.volumes.push({ name: 'audit', hostPath: { path: '/tmp', type: 'Directory' } });
        p.spec.containers[0].volumeMounts.push({ name: 'audit', mountPath: POLICY_PATH });
        return p;
      },
      `spec.volumes[7].name: Duplicate value: "audit" spec.containers[0].volumeMounts[7].mountPath: Invalid value: "${POLICY_PATH}": must be unique`,
    ],
    ['a pod without containers', (p) => ((p.spec.containers = []), p), 'spec.containers: Required value'],
  ];
  it.each(invalid)('%s: "Could not process manifest file" err="invalid pod: [...]"', async (_name, edit, errors) => {
    const lab = await manifestLab(edit(exercisePod()), { seconds: 25 });
    expect(lab.apiserverContainers()).toEqual([]);
    expect(await lab.sh(['kubectl', 'get', 'pods'], 1000)).toContain(REFUSED);
    const line = `file.go:187] "Could not process manifest file" err=${JSON.stringify(`invalid pod: [${errors}]`)} path="/etc/kubernetes/manifests/kube-apiserver.yaml"`;
    expect(lab.kubeletJournal().map(klogBody)).toContain(line);
  });
});

describe('kube-apiserver start-up: silent outcomes', () => {
  it('a log path under no mount is written inside the container only', async () => {
    const lab = await manifestLab(replaceFlag(exercisePod(), '--audit-log-path=', '--audit-log-path=/var/log/audit.log'));
    expect(lab.cluster.apiServing()).toBe(true);
    await createConfigMap(lab, 'hidden');
    const inside = lab.kernel.vfsFor(CP, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: lab.apiserverContainers()[0]!.id });
    expect(inside.readFile('/var/log/audit.log')).toContain('"name":"hidden"');
    expect(lab.read(CP, '/var/log/audit.log')).toBeNull();
  });

  it('no policy file flag: the log file is still created, and nothing is audited', async () => {
    const lab = await manifestLab(replaceFlag(exercisePod(), '--audit-policy-file=', null));
    await createConfigMap(lab, 'unaudited');
    expect(lab.read(CP, LOG_PATH)).toBe('');
  });

  it('the shipped manifest starts with auditing off', async () => {
    const lab = await manifestLab(shippedPod());
    await createConfigMap(lab, 'plain');
    expect(lab.root.exists('/var/log/kubernetes')).toBe(false);
  });

  it('--audit-log-path=- sends events to the container log', async () => {
    const lab = await manifestLab(replaceFlag(exercisePod(), '--audit-log-path=', '--audit-log-path=-'));
    await createConfigMap(lab, 'to-stdout');
    const line = lab.latestLog().find((l) => l.includes('"name":"to-stdout"'))!;
    expect(line).toMatch(/^stdout F \{"kind":"Event","apiVersion":"audit\.k8s\.io\/v1","level":"Metadata",/);
    expect(lab.read(CP, LOG_PATH)).toBeNull();
  });

  it('--version prints the version and exits 0; the kubelet restarts it', async () => {
    const pod = shippedPod();
    flagsOf(pod).push('--version');
    const lab = await manifestLab(pod, { seconds: 30 });
    expect(lab.cluster.apiServing()).toBe(false);
    const [latest] = lab.apiserverContainers();
    expect(latest).toMatchObject({ state: 'exited', exitCode: 0 });
    expect(lab.latestLog()).toEqual(['stdout F Kubernetes v1.26.1']);
  });
});
