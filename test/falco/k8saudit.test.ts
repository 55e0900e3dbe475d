// k8s_audit rules compile against the k8saudit plugin's fields and match audit events.
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { jsonPointer } from '../../src/falco/fields/k8saudit';
import { formatAlertLine } from '../../src/falco/output/alert-line';

const RULES = `
- required_plugin_versions:
  - name: k8saudit
    version: 0.1.0
    alternatives:
      - name: k8saudit-eks
        version: 0.1.0
  - name: json
    version: 0.3.0
- list: k8s_audit_stages
  items: ["ResponseComplete"]
- macro: kevt
  condition: (jevt.value[/stage] in (k8s_audit_stages))
- macro: kcreate
  condition: ka.verb=create
- macro: pod
  condition: ka.target.resource=pods and not ka.target.subresource exists
- macro: response_successful
  condition: (ka.response.code startswith 2)
- rule: Create Privileged Pod
  desc: Detect an attempt to start a pod with a privileged container
  condition: kevt and pod and kcreate and ka.req.pod.containers.privileged intersects (true) and not ka.req.pod.containers.image.repository in (falco_privileged_images)
  output: Pod started with privileged container (user=%ka.user.name pod=%ka.resp.name resource=%ka.target.resource ns=%ka.target.namespace images=%ka.req.pod.containers.image)
  priority: WARNING
  source: k8s_audit
  tags: [k8s]
- rule: Attach/Exec Pod
  desc: Detect any attempt to attach/exec to a pod
  condition: jevt.value[/stage] = ResponseStarted and ka.target.resource=pods and ka.target.subresource in (exec,attach)
  output: Attach/Exec to pod (user=%ka.user.name pod=%ka.target.name resource=%ka.target.resource ns=%ka.target.namespace action=%ka.target.subresource command=%ka.uri.param[command])
  priority: NOTICE
  source: k8s_audit
  tags: [k8s]
`;

const podCreate = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'RequestResponse',
  auditID: 'a1',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/default/pods',
  verb: 'create',
  user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
  objectRef: { resource: 'pods', namespace: 'default', name: 'priv', apiVersion: 'v1' },
  responseStatus: { code: 201 },
  requestObject: { spec: { containers: [{ name: 'a', image: 'nginx:1.21.6' }, { name: 'b', image: 'docker.io/library/busybox:1.36', securityContext: { privileged: true } }] } },
  responseObject: { metadata: { name: 'priv' } },
};

const exec = {
  stage: 'ResponseStarted',
  verb: 'create',
  requestURI: '/api/v1/namespaces/default/pods/nginx/exec?command=bash&container=nginx&stdin=true&tty=true',
  user: { username: 'kubernetes-admin' },
  objectRef: { resource: 'pods', subresource: 'exec', namespace: 'default', name: 'nginx' },
};

const T = { s: 1674583394, ns: 0 };

describe('k8s_audit source', () => {
  it('without the plugin the rules are skipped with a warning', () => {
    const r = createFalcoEngine().loadRulesFile('/etc/falco/k8s_audit_rules.yaml', RULES);
    expect(r.successful).toBe(true);
    expect(r.warnings.filter((w) => w.code === 'LOAD_UNKNOWN_SOURCE')).toHaveLength(2);
  });

  it('with the plugin, a privileged pod creation fires', () => {
    const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
    const r = eng.loadRulesFile('/etc/falco/k8s_audit_rules.yaml', RULES);
    expect(r.errors).toEqual([]);
    const alert = eng.processSourceEvent('k8s_audit', podCreate, T);
    expect(alert && formatAlertLine(alert)).toBe(
      '18:03:14.000000000: Warning Pod started with privileged container (user=kubernetes-admin pod=priv resource=pods ns=default images=(nginx:1.21.6,docker.io/library/busybox:1.36))',
    );
    expect(eng.processSourceEvent('k8s_audit', exec, T)?.output).toBe(
      'Attach/Exec to pod (user=kubernetes-admin pod=nginx resource=pods ns=default action=exec command=bash)',
    );
  });

  it('plugin requirements are checked after loading', () => {
    const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
    eng.loadRulesFile('/etc/falco/k8s_audit_rules.yaml', RULES);
    expect(eng.checkPluginRequirements([])).toBe('Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0), k8saudit-eks (>= 0.1.0)');
    expect(eng.checkPluginRequirements([{ name: 'k8saudit', version: '0.4.0' }, { name: 'json', version: '0.6.0' }])).toBeNull();
  });

  it('comparing plugin fields with "<NA>" is warned about', () => {
    const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
    const r = eng.loadRulesFile('/x.yaml', '- rule: R\n  desc: d\n  condition: ka.user.name != "<NA>"\n  output: o\n  priority: INFO\n  source: k8s_audit\n');
    expect(r.warnings.map((w) => w.code)).toEqual(['LOAD_UNSAFE_NA_CHECK']);
  });

  it('JSON pointers follow RFC 6901', () => {
    expect(jsonPointer({ a: { 'b/c': [1, { '~d': 2 }] } }, '/a/b~1c/1/~0d')).toBe(2);
    expect(jsonPointer({ a: 1 }, '/b')).toBeUndefined();
  });
});
