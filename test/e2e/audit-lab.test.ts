// The API server's audit set-up through the built binary, as a learner meets it: every way of breaking
// /etc/kubernetes/manifests/kube-apiserver.yaml leaves kubectl refused (or silently unaudited) and shows
// the real message where a learner looks (crictl, /var/log/pods, journalctl -u kubelet); fixing the file
// brings the API server back. Also the control plane's background traffic and the Falco webhook.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'cks-lab.js');
const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const DEFAULT_MANIFEST = readFileSync(join(ROOT, 'assets', 'kubernetes', 'manifests', 'kube-apiserver.yaml'), 'utf8');
const REFUSED = 'The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?';

function sh(state: string, ...lines: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'sh', '--state', state], {
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

let booted = '';
/** A copy of one freshly booted cluster (booting once keeps the suite quick). */
function freshLab(): string {
  const d = mkdtempSync(join(tmpdir(), 'cks-audit-lab-'));
  cpSync(booted, d, { recursive: true });
  return d;
}

beforeAll(() => {
  booted = mkdtempSync(join(tmpdir(), 'cks-audit-base-'));
  sh(booted, 'true');
}, 60_000);

/** Command lines writing `text` to `path` as root in one write (a heredoc into sudo tee). */
function writeFile(path: string, text: string): string[] {
  return [`sudo tee ${path} > /dev/null <<'EOF'`, ...text.replace(/\n$/, '').split('\n'), 'EOF'];
}

const GOOD_POLICY = ['apiVersion: audit.k8s.io/v1', 'kind: Policy', 'omitStages:', '  - "RequestReceived"', 'rules:', '  - level: Metadata', ''].join('\n');

interface AuditEdit {
  flags?: string[];
  mounts?: string[];
  volumes?: string[];
}

/** The kubeadm manifest with audit flags, mounts and volumes added where learners add them. */
function auditManifest(edit: AuditEdit = {}): string {
  const flags = edit.flags ?? ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=30'];
  const mounts = edit.mounts ?? [
    '    - mountPath: /etc/kubernetes/audit/policy.yaml',
    '      name: audit',
    '      readOnly: true',
    '    - mountPath: /var/log/kubernetes/audit/',
    '      name: audit-log',
    '      readOnly: false',
  ];
  const volumes = edit.volumes ?? [
    '  - name: audit',
    '    hostPath:',
    '      path: /etc/kubernetes/audit/policy.yaml',
    '      type: File',
    '  - name: audit-log',
    '    hostPath:',
    '      path: /var/log/kubernetes/audit/',
    '      type: DirectoryOrCreate',
  ];
  return DEFAULT_MANIFEST.replace('    - --authorization-mode=Node,RBAC\n', [...flags.map((f) => `    - ${f}`), '    - --authorization-mode=Node,RBAC', ''].join('\n'))
    .replace('    volumeMounts:\n', ['    volumeMounts:', ...mounts, ''].join('\n'))
    .replace('  volumes:\n', ['  volumes:', ...volumes, ''].join('\n'));
}

const withPolicy = (policy = GOOD_POLICY): string[] => ['sudo mkdir -p /etc/kubernetes/audit', ...writeFile('/etc/kubernetes/audit/policy.yaml', policy)];
const LATEST_APISERVER = '$(sudo crictl ps -a --name kube-apiserver -q | head -1)';

interface FailureCase {
  name: string;
  /** Files and the broken manifest. */
  setup: string[];
  /** Where the learner looks, and what they find there. */
  look: string[];
  expect: Array<string | RegExp>;
  /** The learner's fix. */
  fix: string[];
  /** Simulated seconds until the fixed API server serves. */
  settle: number;
}

const cases: FailureCase[] = [
  {
    name: 'an unknown flag (--audit-log-pat): crictl logs shows the flag error, the container crash-loops',
    setup: [...withPolicy(), ...writeFile(MANIFEST, auditManifest({ flags: ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-pat=/var/log/kubernetes/audit/audit.log'] }))],
    look: ['sudo crictl ps -a', `sudo crictl logs ${LATEST_APISERVER}`, 'sudo tail -n 1 /var/log/pods/kube-system_kube-apiserver-kube-control-plane_*/kube-apiserver/*.log'],
    expect: [
      /^[0-9a-f]{13} +[0-9a-f]{13} +\d+ seconds ago +Exited +kube-apiserver +[1-9] /m,
      /^Error: unknown flag: --audit-log-pat$/m,
      /^\S+Z stderr F Error: unknown flag: --audit-log-pat$/m,
    ],
    fix: [`sudo sed -i 's/--audit-log-pat=/--audit-log-path=/' ${MANIFEST}`],
    settle: 30,
  },
  {
    name: 'a bad value (--audit-log-maxage=30d): the pflag parse error',
    setup: [...withPolicy(), ...writeFile(MANIFEST, auditManifest({ flags: ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-log-path=/var/log/kubernetes/audit/audit.log', '--audit-log-maxage=30d'] }))],
    look: [`sudo crictl logs ${LATEST_APISERVER}`],
    expect: ['Error: invalid argument "30d" for "--audit-log-maxage" flag: strconv.ParseInt: parsing "30d": invalid syntax'],
    fix: [`sudo sed -i 's/--audit-log-maxage=30d/--audit-log-maxage=30/' ${MANIFEST}`],
    settle: 30,
  },
  {
    name: 'a policy volume of type File on a missing path: no container; the kubelet journal says why',
    setup: writeFile(MANIFEST, auditManifest()),
    look: ['sudo crictl ps -a | grep -c kube-apiserver', 'sleep 125', 'sudo journalctl -u kubelet --no-pager | grep kube-apiserver | tail -n 4'],
    expect: [
      /^0$/m,
      'MountVolume.SetUp failed for volume "audit" (UniqueName: "kubernetes.io/host-path/',
      'hostPath type check failed: /etc/kubernetes/audit/policy.yaml is not a file',
      /kubelet\.go:1760\] "Unable to attach or mount volumes for pod; skipping pod" err="unmounted volumes=\[audit\], unattached volumes=\[\], failed to process volumes=\[\]: timed out waiting for the condition" pod="kube-system\/kube-apiserver-kube-control-plane"/,
    ],
    fix: withPolicy(),
    // The volume manager retries with back-off (at most 2m2s apart).
    settle: 150,
  },
  {
    name: 'a mount naming an unknown volume: the manifest is refused as an invalid pod',
    setup: [
      ...withPolicy(),
      ...writeFile(
        MANIFEST,
        auditManifest({ mounts: ['    - mountPath: /etc/kubernetes/audit/policy.yaml', '      name: audit', '      readOnly: true', '    - mountPath: /var/log/kubernetes/audit/', '      name: audit-logs'] }),
      ),
    ],
    look: ['sudo journalctl -u kubelet --no-pager | grep "Could not process" | tail -n 1'],
    expect: [
      'file.go:187] "Could not process manifest file" err="invalid pod: [spec.containers[0].volumeMounts[1].name: Not found: \\"audit-logs\\"]" path="/etc/kubernetes/manifests/kube-apiserver.yaml"',
    ],
    fix: [`sudo sed -i 's/name: audit-logs$/name: audit-log/' ${MANIFEST}`],
    settle: 30,
  },
  {
    name: 'a read-only log mount: ensureLogFile fails with the run.go "command failed" line',
    setup: [
      ...withPolicy(),
      ...writeFile(
        MANIFEST,
        auditManifest({
          mounts: ['    - mountPath: /etc/kubernetes/audit/policy.yaml', '      name: audit', '      readOnly: true', '    - mountPath: /var/log/kubernetes/audit/', '      name: audit-log', '      readOnly: true'],
        }),
      ),
    ],
    look: [`sudo crictl logs ${LATEST_APISERVER}`],
    expect: [/^E\d{4} [\d:.]+ +1 run\.go:74\] "command failed" err="ensureLogFile: open \/var\/log\/kubernetes\/audit\/audit\.log: read-only file system"$/m],
    fix: [`sudo sed -i '/name: audit-log$/{n;s/readOnly: true/readOnly: false/}' ${MANIFEST}`],
    settle: 30,
  },
  {
    name: 'a policy that fails validation: the loader error, after the lenient-decoding warning',
    setup: [...withPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: metadata\n    verb: ["get"]\n'), ...writeFile(MANIFEST, auditManifest())],
    look: [`sudo crictl logs ${LATEST_APISERVER}`],
    expect: [
      /^W\d{4} [\d:.]+ +1 reader\.go:81\] Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules\[0\]\.verb"$/m,
      'run.go:74] "command failed" err="loading audit policy file: rules[0].level: Unsupported value: \\"metadata\\": supported values: \\"None\\", \\"Metadata\\", \\"Request\\", \\"RequestResponse\\": from file /etc/kubernetes/audit/policy.yaml"',
    ],
    // The crash-looping container reads the fixed policy at its next restart (back-off up to 80 s here).
    fix: withPolicy(),
    settle: 100,
  },
  {
    name: 'YAML that does not parse: only the kubelet journal tells',
    setup: [...withPolicy(), ...writeFile(MANIFEST, auditManifest().replace('  - command:\n', '  - command\n'))],
    look: ['sudo crictl ps -a | grep -c kube-apiserver', 'sudo journalctl -u kubelet --no-pager | grep "Could not process" | tail -n 1'],
    expect: [/^0$/m, /"Could not process manifest file" err="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml: couldn't parse as pod\(yaml: line \d+: [^)]+\), please check config file" path="\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml"/],
    fix: writeFile(MANIFEST, auditManifest()),
    settle: 30,
  },
];

describe('a broken kube-apiserver manifest, through cks-lab sh', () => {
  it.each(cases)('$name', (c) => {
    const D = freshLab();
    const broken = sh(D, ...c.setup, 'sleep 45', 'kubectl get pods', ...c.look);
    expect(broken.stdout).toContain(REFUSED);
    for (const e of c.expect) {
      if (typeof e === 'string') expect(broken.stdout).toContain(e);
      else expect(broken.stdout).toMatch(e);
    }
    const fixed = sh(D, ...c.fix, `sleep ${c.settle}`, 'kubectl get ns default', 'sudo tail -n 1 /var/log/kubernetes/audit/audit.log');
    expect(fixed.stdout).not.toContain(REFUSED);
    expect(fixed.stdout).toMatch(/^default +Active /m);
    // The fixed API server audits into the host's log directory.
    expect(fixed.stdout).toMatch(/^\{"kind":"Event","apiVersion":"audit\.k8s\.io\/v1","level":"Metadata"/m);
  }, 60_000);

  it('a log path with no mount: kubectl works, but the log stays inside the container', () => {
    const D = freshLab();
    const r = sh(
      D,
      ...withPolicy(),
      ...writeFile(
        MANIFEST,
        auditManifest({ mounts: ['    - mountPath: /etc/kubernetes/audit/policy.yaml', '      name: audit', '      readOnly: true'], volumes: ['  - name: audit', '    hostPath:', '      path: /etc/kubernetes/audit/policy.yaml', '      type: File'] }),
      ),
      'sleep 45',
      'kubectl get ns default',
      'sudo ls /var/log/kubernetes/audit/',
    );
    expect(r.stdout).not.toContain(REFUSED);
    expect(r.stdout).toMatch(/^default +Active /m);
    expect(r.stdout).toContain("ls: cannot access '/var/log/kubernetes/audit/': No such file or directory");
  }, 60_000);

  it('a .bak copy in the manifests directory is a second static pod: it takes over while the edited file is broken', () => {
    const D = freshLab();
    const r = sh(
      D,
      `sudo cp ${MANIFEST} ${MANIFEST}.bak`,
      ...withPolicy(),
      ...writeFile(MANIFEST, auditManifest().replace('  - command:\n', '  - command\n')),
      'sleep 45',
      'kubectl get ns default',
      'sudo ls /var/log/kubernetes/audit/',
      'sudo journalctl -u kubelet --no-pager | grep -c "Could not process manifest file"',
    );
    // The backup's pod (the old configuration) serves, so nothing is audited.
    expect(r.stdout).toMatch(/^default +Active /m);
    expect(r.stdout).toContain("ls: cannot access '/var/log/kubernetes/audit/': No such file or directory");
    const fixed = sh(D, ...writeFile(MANIFEST, auditManifest()), 'sleep 45', 'kubectl get ns default', 'sudo journalctl -u kubelet --no-pager | grep duplicate | tail -n 1', 'sudo ls /var/log/kubernetes/audit/');
    // kube-apiserver.yaml sorts before kube-apiserver.yaml.bak: its pod wins and the copy is ignored.
    expect(fixed.stdout).toMatch(/config\.go:\d+\] "Pod failed validation due to duplicate pod name, ignoring" index=\d+ pod="kube-system\/kube-apiserver-kube-control-plane" source="file"/);
    expect(fixed.stdout).toMatch(/^audit\.log$/m);
  }, 60_000);

  it('a backup that sorts first (kube-apiserver-backup.yaml) wins: edits to kube-apiserver.yaml have no effect', () => {
    const D = freshLab();
    const r = sh(
      D,
      `sudo cp ${MANIFEST} /etc/kubernetes/manifests/kube-apiserver-backup.yaml`,
      ...withPolicy(),
      ...writeFile(MANIFEST, auditManifest()),
      'sleep 45',
      'kubectl get ns default',
      'sudo ls /var/log/kubernetes/audit/',
      'sudo journalctl -u kubelet --no-pager | grep duplicate | tail -n 1',
    );
    expect(r.stdout).toMatch(/^default +Active /m);
    expect(r.stdout).toContain("ls: cannot access '/var/log/kubernetes/audit/': No such file or directory");
    expect(r.stdout).toMatch(/"Pod failed validation due to duplicate pod name, ignoring" index=2 pod="kube-system\/kube-apiserver-kube-control-plane" source="file"/);
  }, 60_000);
});

describe('the audit exercise end state (exercise 3)', () => {
  it('logs Metadata for configmaps and secrets with no bodies, and nothing at RequestReceived', () => {
    const D = freshLab();
    const policy = [
      'apiVersion: audit.k8s.io/v1',
      'kind: Policy',
      'omitStages:',
      '  - "RequestReceived"',
      'rules:',
      '  - level: RequestResponse',
      '    resources:',
      '    - group: ""',
      '      resources: ["pods"]',
      '  - level: Metadata',
      '    resources:',
      '    - group: ""',
      '      resources: ["secrets", "configmaps"]',
      '  - level: Request',
      '    resources:',
      '    - group: ""',
      '      resources: ["services"]',
      '',
    ].join('\n');
    const r = sh(
      D,
      ...withPolicy(policy),
      ...writeFile(MANIFEST, auditManifest()),
      'sleep 40',
      'kubectl create configmap db-user --from-literal=username=tom',
      'kubectl create secret generic db-pass --from-literal=password=s3cret',
      'kubectl get secret db-pass',
      'sudo cat /var/log/kubernetes/audit/audit.log',
    );
    const events = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; stage: string; verb: string; objectRef?: { resource?: string; name?: string }; responseStatus?: { code: number }; requestObject?: unknown; responseObject?: unknown });
    expect(events.find((e) => e.objectRef?.name === 'db-user' && e.verb === 'create')).toMatchObject({ level: 'Metadata', stage: 'ResponseComplete', responseStatus: { code: 201 } });
    const secrets = events.filter((e) => e.objectRef?.resource === 'secrets' && e.objectRef.name === 'db-pass');
    expect(secrets.map((e) => e.verb)).toEqual(['create', 'get']);
    expect(secrets.every((e) => e.level === 'Metadata' && e.requestObject === undefined && e.responseObject === undefined)).toBe(true);
    expect(r.stdout).not.toContain('s3cret');
    expect(events.some((e) => e.stage === 'RequestReceived')).toBe(false);
  }, 60_000);
});


describe('the audit webhook to Falco', () => {
  it("delivers API requests to Falco's k8saudit plugin on the worker, where a k8s_audit rule fires", () => {
    const D = freshLab();
    const kubeconfig = [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: falco',
      '  cluster:',
      '    server: http://192.168.56.21:9765/k8s-audit',
      'contexts:',
      '- name: default-context',
      '  context:',
      '    cluster: falco',
      '    user: ""',
      'current-context: default-context',
      'preferences: {}',
      'users: []',
      '',
    ].join('\n');
    const r = sh(
      D,
      'ssh kube-worker-1',
      "sudo sed -i 's#^load_plugins: \\[\\]#load_plugins: [k8saudit, json]#; s#^  - /etc/falco/falco_rules.local.yaml#  - /etc/falco/falco_rules.local.yaml\\n  - /etc/falco/k8s_audit_rules.yaml#' /etc/falco/falco.yaml",
      'sudo systemctl restart falco',
      'exit',
      ...withPolicy(),
      ...writeFile('/etc/kubernetes/audit/webhook.yaml', kubeconfig),
      ...writeFile(
        MANIFEST,
        auditManifest({
          flags: ['--audit-policy-file=/etc/kubernetes/audit/policy.yaml', '--audit-webhook-config-file=/etc/kubernetes/audit/webhook.yaml'],
          mounts: ['    - mountPath: /etc/kubernetes/audit', '      name: audit', '      readOnly: true'],
          volumes: ['  - name: audit', '    hostPath:', '      path: /etc/kubernetes/audit', '      type: Directory'],
        }),
      ),
      'sleep 40',
      'kubectl create configmap db-user --from-literal=username=tom',
      'sleep 35',
      'ssh kube-worker-1',
      'sudo journalctl -u falco --no-pager | grep "K8s ConfigMap Created"',
    );
    expect(r.stdout).toMatch(/falco\[\d+\]: \d\d:\d\d:\d\d\.\d{9}: Informational K8s ConfigMap Created \(user=kubernetes-admin configmap=db-user ns=default resource=configmaps resp=201 decision=allow reason=\)/);
  }, 60_000);
});

describe('a saved lab resumed by the next cks-lab sh', () => {
  it('keeps the running API server on the policy it loaded: an edit takes effect only after a restart', () => {
    const D = freshLab();
    sh(D, ...withPolicy(), ...writeFile(MANIFEST, auditManifest()), 'sleep 40');
    // A new policy that logs nothing, written while the API server runs (the next call resumes the world).
    sh(D, ...withPolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n  - level: None\n'));
    const r = sh(D, 'kubectl create configmap still-logged --from-literal=a=b', 'sudo grep -c still-logged /var/log/kubernetes/audit/audit.log');
    expect(r.stdout).toMatch(/^1$/m);
  }, 60_000);

  it('does not repeat start-up lines in the kubelet journal or the API server log on every call', () => {
    const D = freshLab();
    sh(D, 'true');
    sh(D, 'true');
    const r = sh(D, 'sudo journalctl -u kubelet --no-pager | grep -c "Kubelet version"', `sudo crictl logs ${LATEST_APISERVER} 2>&1 | grep -c "Version: v1.26.1"`);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['1', '1']);
  }, 60_000);
});
