// The other rules files Falco 0.33.1 installs: k8s_audit_rules.yaml and rules.available/application_rules.yaml.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';

const asset = (name: string): string => readFileSync(new URL(`../../assets/falco/${name}`, import.meta.url), 'utf8');

const AUDIT_EVENT = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  stage: 'ResponseComplete',
  verb: 'create',
  user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
  objectRef: { resource: 'pods', namespace: 'default', name: 'priv', apiVersion: 'v1' },
  responseStatus: { code: 201 },
  requestObject: { kind: 'Pod', spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } },
  responseObject: { metadata: { name: 'priv' } },
  stageTimestamp: '2023-01-24T18:03:14.632368Z',
};

describe('k8s_audit_rules.yaml', () => {
  it('loads cleanly with the k8saudit plugin and holds the packaged rules', () => {
    const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
    const r = eng.loadRulesFile('/etc/falco/k8s_audit_rules.yaml', asset('k8s_audit_rules.yaml'));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(eng.checkPluginRequirements([{ name: 'k8saudit', version: '0.4.0' }, { name: 'json', version: '0.6.0' }])).toBeNull();
    const rules = eng.rules();
    expect(rules.length).toBeGreaterThanOrEqual(20);
    expect(rules.every((x) => x.source === 'k8s_audit')).toBe(true);
    for (const name of ['Create Privileged Pod', 'Create Sensitive Mount Pod', 'Create HostNetwork Pod', 'Attach/Exec Pod', 'Create NodePort Service', 'Attach to cluster-admin Role', 'ClusterRole With Wildcard Created', 'K8s Secret Created', 'Anonymous Request Allowed']) {
      expect(rules.map((x) => x.name)).toContain(name);
    }
  });

  it('without the plugin its rules are skipped and the requirement fails', () => {
    const eng = createFalcoEngine();
    const r = eng.loadRulesFile('k8s_audit_rules.yaml', asset('k8s_audit_rules.yaml'));
    expect(r.successful).toBe(true);
    expect(r.warnings.some((w) => w.code === 'LOAD_UNKNOWN_SOURCE')).toBe(true);
    expect(eng.checkPluginRequirements([])).toBe('Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0)');
  });

  it('alerts on a privileged pod after falco_rules.yaml defines the trusted images', () => {
    const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
    eng.loadRulesFile('falco_rules.yaml', asset('falco_rules.yaml'));
    eng.loadRulesFile('k8s_audit_rules.yaml', asset('k8s_audit_rules.yaml'));
    const a = eng.processSourceEvent('k8s_audit', AUDIT_EVENT, { s: 1674583394, ns: 632368000 });
    expect(a?.rule).toBe('Create Privileged Pod');
    expect(a?.output).toBe('Pod started with privileged container (user=kubernetes-admin pod=priv resource=pods ns=default images=(busybox))');
  });
});

describe('rules.available/application_rules.yaml', () => {
  it('loads after falco_rules.yaml, defining macros only (its rules are commented out)', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile('falco_rules.yaml', asset('falco_rules.yaml'));
    const before = eng.rules().length;
    const r = eng.loadRulesFile('application_rules.yaml', asset('rules.available/application_rules.yaml'));
    expect(r.errors).toEqual([]);
    expect(r.asString(false)).toBe('application_rules.yaml: Ok, with warnings');
    expect(eng.rules()).toHaveLength(before);
  });
});
