// The audit exercise's service step through the built binary: with services at Request level,
// `kubectl create service clusterip web --tcp=80:80` logs its Service body as requestObject; with pods
// at RequestResponse, `kubectl get pods` logs the Table the server printed as responseObject.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'cks-lab.js');
const DEFAULT_MANIFEST = readFileSync(join(ROOT, 'assets', 'kubernetes', 'manifests', 'kube-apiserver.yaml'), 'utf8');

function sh(state: string, ...lines: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'sh', '--state', state], {
    input: lines.join('\n') + '\n',
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1' },
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function writeFile(path: string, text: string): string[] {
  return [`sudo tee ${path} > /dev/null <<'EOF'`, ...text.replace(/\n$/, '').split('\n'), 'EOF'];
}

const POLICY = EXERCISE_POLICY;

const MANIFEST = DEFAULT_MANIFEST.replace(
  '    - --authorization-mode=Node,RBAC\n',
  '    - --audit-policy-file=/etc/kubernetes/audit/policy.yaml\n    - --audit-log-path=/var/log/kubernetes/audit/audit.log\n    - --authorization-mode=Node,RBAC\n',
)
  .replace(
    '    volumeMounts:\n',
    '    volumeMounts:\n    - mountPath: /etc/kubernetes/audit/policy.yaml\n      name: audit\n      readOnly: true\n    - mountPath: /var/log/kubernetes/audit/\n      name: audit-log\n      readOnly: false\n',
  )
  .replace(
    '  volumes:\n',
    '  volumes:\n  - name: audit\n    hostPath:\n      path: /etc/kubernetes/audit/policy.yaml\n      type: File\n  - name: audit-log\n    hostPath:\n      path: /var/log/kubernetes/audit/\n      type: DirectoryOrCreate\n',
  );

describe('kubectl create service under a Request-level audit rule', () => {
  it('logs a Request-level ResponseComplete event whose requestObject is the Service kubectl sent', () => {
    const state = mkdtempSync(join(tmpdir(), 'cks-svc-audit-'));
    const r = sh(
      state,
      'sudo mkdir -p /etc/kubernetes/audit',
      ...writeFile('/etc/kubernetes/audit/policy.yaml', POLICY),
      ...writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', MANIFEST),
      'sleep 45',
      'kubectl create service clusterip web --tcp=80:80',
      'kubectl get svc web',
      'sudo grep \'"resource":"services"\' /var/log/kubernetes/audit/audit.log',
    );
    expect(r.stdout).toContain('service/web created');
    expect(r.stdout).toMatch(/^web +ClusterIP +10\.\d+\.\d+\.\d+ +<none> +80\/TCP +\d+s$/m);
    const events = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => ({ line: l, ev: JSON.parse(l) as { level: string; stage: string; verb: string; requestURI: string; responseStatus?: { code: number }; requestObject?: { kind?: string } } }));
    const create = events.find((e) => e.ev.verb === 'create')!;
    expect(create.line).toContain('"level":"Request"');
    expect(create.ev).toMatchObject({ stage: 'ResponseComplete', requestURI: '/api/v1/namespaces/default/services?fieldManager=kubectl-create&fieldValidation=Strict', responseStatus: { code: 201 } });
    expect(create.line).toContain('"requestObject":{"kind":"Service","apiVersion":"v1","metadata":{"name":"web"');
    expect(create.ev.requestObject).toMatchObject({ kind: 'Service', spec: { ports: [{ name: '80-80', protocol: 'TCP', port: 80, targetPort: 80 }], selector: { app: 'web' }, type: 'ClusterIP' } });
    // A get has no body: Request level logs no requestObject for it.
    const get = events.find((e) => e.ev.verb === 'get')!;
    expect(get.ev.level).toBe('Request');
    expect(get.ev.requestObject).toBeUndefined();
    expect(events.some((e) => e.ev.stage === 'RequestReceived')).toBe(false);
  }, 90_000);

  it('logs the meta.k8s.io/v1 Table of kubectl get pods at RequestResponse', () => {
    const state = mkdtempSync(join(tmpdir(), 'cks-table-audit-'));
    const r = sh(
      state,
      'sudo mkdir -p /etc/kubernetes/audit',
      ...writeFile('/etc/kubernetes/audit/policy.yaml', POLICY),
      ...writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', MANIFEST),
      'sleep 45',
      'kubectl run web --image=alpine:3.17.1 -- sleep 3600',
      'sleep 10',
      'kubectl get pods',
      'kubectl get pod web -o yaml > /dev/null',
      'sudo grep \'"userAgent":"kubectl\' /var/log/kubernetes/audit/audit.log | grep \'"resource":"pods"\'',
    );
    expect(r.stdout).toMatch(/^web +1\/1 +Running +0 +\d+s$/m);
    const events = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; verb: string; requestURI: string; responseObject?: { kind?: string; apiVersion?: string; columnDefinitions?: { name: string }[]; rows?: { cells: unknown[]; object: { kind: string } }[] } });
    const list = events.find((e) => e.verb === 'list')!;
    expect(list.level).toBe('RequestResponse');
    expect(list.responseObject).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(list.responseObject!.columnDefinitions!.map((c) => c.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']);
    expect(list.responseObject!.rows![0]!.cells.slice(0, 3)).toEqual(['web', '1/1', 'Running']);
    expect(list.responseObject!.rows![0]!.object.kind).toBe('PartialObjectMetadata');
    const get = events.find((e) => e.verb === 'get' && e.requestURI === '/api/v1/namespaces/default/pods/web')!;
    expect(get.responseObject).toMatchObject({ kind: 'Pod', apiVersion: 'v1' });
  }, 90_000);
});


describe('kubectl --as under a Metadata audit rule', () => {
  it('logs the authenticated user and the impersonated one, with the forbid decision', () => {
    const state = mkdtempSync(join(tmpdir(), 'cks-as-audit-'));
    const r = sh(
      state,
      'sudo mkdir -p /etc/kubernetes/audit',
      ...writeFile('/etc/kubernetes/audit/policy.yaml', POLICY.replace('level: RequestResponse', 'level: Metadata')),
      ...writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', MANIFEST),
      'sleep 45',
      'kubectl get pods --as bob',
      'sudo grep \'"userAgent":"kubectl\' /var/log/kubernetes/audit/audit.log | grep \'"resource":"pods"\'',
    );
    expect(r.stdout).toContain('Error from server (Forbidden): pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"');
    const line = r.stdout.split('\n').find((l) => l.startsWith('{') && l.includes('"verb":"list"'))!;
    expect(line).toContain('"user":{"username":"kubernetes-admin","groups":["system:masters","system:authenticated"]},"impersonatedUser":{"username":"bob","groups":["system:authenticated"]}');
    expect(JSON.parse(line)).toMatchObject({ level: 'Metadata', responseStatus: { code: 403, reason: 'Forbidden' }, annotations: { 'authorization.k8s.io/decision': 'forbid' } });
  }, 90_000);
});
