// The kube area's parsers: kube-apiserver flags, manifests (go-yaml wording), image references, request
// URIs, label selectors; each with malformed input, and property tests that they never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseApiServerCommand } from '../../src/audit';
import { parseRequestInfo } from '../../src/kube/apiserver/request-info';
import { parseLabelSelector } from '../../src/kube/apiserver/selectors';
import { decodeStaticPod } from '../../src/kube/kubelet/static-pods';
import { parseYamlDocuments } from '../../src/kube/manifest';
import { normalizeImageRef } from '../../src/kube/runtime/images';

describe('kube-apiserver flags', () => {
  const parse = (args: string[]) => parseApiServerCommand(['kube-apiserver', ...args]);
  it.each([
    [['--audit-log-pat=/x'], 'Error: unknown flag: --audit-log-pat'],
    [['--audit-log-path /var/log/x'], 'Error: unknown flag: --audit-log-path /var/log/x'],
    [['--audit-log-maxage=30d'], 'Error: invalid argument "30d" for "--audit-log-maxage" flag: strconv.ParseInt: parsing "30d": invalid syntax'],
    [['--audit-webhook-initial-backoff=5'], 'Error: invalid argument "5" for "--audit-webhook-initial-backoff" flag: time: missing unit in duration "5"'],
    [['--allow-privileged=yes'], 'Error: invalid argument "yes" for "--allow-privileged" flag: strconv.ParseBool: parsing "yes": invalid syntax'],
    [['extra'], 'Error: "kube-apiserver" does not take any arguments, got ["extra"]'],
    [['--secure-port'], 'Error: flag needs an argument: --secure-port'],
  ])('rejects %j', (args, stderr) => {
    expect(parse(args)).toEqual({ kind: 'error', stderr, exitCode: 1 });
  });

  it('accepts --name=value, --name value and bare booleans', () => {
    const r = parse(['--audit-log-maxage=5', '--audit-log-path', '/var/log/a.log', '--allow-privileged']);
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.flags).toMatchObject({ 'audit-log-maxage': 5, 'audit-log-path': '/var/log/a.log', 'allow-privileged': true });
    expect(r.audit.log).toMatchObject({ maxAge: 5, path: '/var/log/a.log' });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.array(fc.string()), (args) => void parse(args)));
  });
});

describe('manifests', () => {
  it.each([
    ['a: 1\n\tb: 2\n', 'yaml: line 2: found character that cannot start any token'],
    ['a: 1\nb\nc: 2\n', "yaml: line 3: could not find expected ':'"],
    ['a: b: c\n', 'yaml: line 1: mapping values are not allowed in this context'],
  ])('reports go-yaml wording for %j', (text, message) => {
    expect(parseYamlDocuments(text)).toEqual({ ok: false, message });
  });

  it('reads YAML 1.1 scalars as Go does (0644 is octal, yes is true)', () => {
    expect(parseYamlDocuments('mode: 0644\nflag: yes\n')).toEqual({ ok: true, docs: [{ mode: 420, flag: true }] });
  });

  it.each([
    ['', "couldn't parse as pod(Object 'Kind' is missing in 'null')"],
    ['kind: Pod\n', 'invalid pod: ['],
    ['apiVersion: v1\nkind: Deployment\nmetadata: {name: x}\n', 'no kind "Deployment" is registered'],
  ])('explains a manifest that is not a valid pod: %j', (text, fragment) => {
    const r = decodeStaticPod('/etc/kubernetes/manifests/x.yaml', text, 'node', '2023-01-24T00:00:00Z');
    expect(r.pod).toBeNull();
    expect(r.error).toContain(fragment);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (t) => void decodeStaticPod('/m.yaml', t, 'n', 't')));
  });
});

describe('image references', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest'],
    ['nginx:1.23', 'docker.io/library/nginx:1.23'],
    ['bitnami/nginx', 'docker.io/bitnami/nginx:latest'],
    ['registry.k8s.io/kube-apiserver:v1.26.1', 'registry.k8s.io/kube-apiserver:v1.26.1'],
    ['localhost:5000/app', 'localhost:5000/app:latest'],
  ])('normalises %s', (ref, full) => {
    expect(normalizeImageRef(ref)?.full).toBe(full);
  });

  it.each([[''], ['Nginx'], ['nginx:'], ['nginx@sha256:xyz'], ['a b']])('rejects %j', (ref) => {
    expect(normalizeImageRef(ref)).toBeNull();
  });
});

describe('request info', () => {
  it.each([
    ['get', '/api/v1/namespaces/default/pods/nginx/log?container=x', { verb: 'get', namespace: 'default', resource: 'pods', name: 'nginx', subresource: 'log' }],
    ['get', '/api/v1/namespaces/default/pods', { verb: 'list', namespace: 'default', resource: 'pods', name: '' }],
    ['get', '/api/v1/pods?watch=true', { verb: 'watch', namespace: '', resource: 'pods' }],
    ['get', '/api/v1/namespaces/kube-system', { resource: 'namespaces', name: 'kube-system', namespace: 'kube-system' }],
    ['delete', '/apis/apps/v1/namespaces/d/deployments', { verb: 'deletecollection', group: 'apps', resource: 'deployments' }],
    ['get', '/readyz', { isResource: false, path: '/readyz' }],
  ] as const)('%s %s', (verb, uri, expected) => {
    expect(parseRequestInfo(uri, verb)).toMatchObject(expected);
  });
});

describe('label selectors', () => {
  it.each([
    ['app=web', { app: 'web' }, true],
    ['app=web,tier!=db', { app: 'web', tier: 'db' }, false],
    ['env in (prod, staging)', { env: 'staging' }, true],
    ['!run', { run: 'x' }, false],
    ['run', { run: 'x' }, true],
  ])('%s', (sel, labels, match) => {
    const r = parseLabelSelector(sel);
    expect(r.ok && r.match(labels)).toBe(match);
  });

  it('rejects a malformed requirement', () => {
    expect(parseLabelSelector('a==b==c').ok).toBe(false);
  });
});
