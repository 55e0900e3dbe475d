// The checks added for the chapter's Falco and audit exercises: valid forms load with their defaults,
// malformed ones are refused with a positioned message, never an exception.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadScenario, type LoadError } from '../../src/scenarios/load';
import type { Check } from '../../src/scenarios/schema';

const text = (en: string) => ({ en, zh: `中文：${en}` });

/** A one-task scenario around a single check, as YAML text. */
function scenarioWith(check: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'cks-lab/v1',
    kind: 'Scenario',
    id: 'vocabulary',
    title: text('Vocabulary'),
    summary: text('One check.'),
    domain: 'monitoring-logging-runtime-security',
    difficulty: 'easy',
    estimatedMinutes: 5,
    briefing: text('Nothing to do.'),
    tasks: [{ id: 'only', title: text('Only'), text: text('Do it.'), checks: ['c'] }],
    checks: [{ id: 'c', description: text('It holds'), failMessage: text('It does not hold'), ...check }],
    solution: text('Do it.'),
  });
}

function loaded(check: Record<string, unknown>): Check {
  const r = loadScenario(scenarioWith(check));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.scenario.checks[0]!;
}

function errorsOf(check: Record<string, unknown>): LoadError[] {
  const r = loadScenario(scenarioWith(check));
  if (r.ok) throw new Error(`expected ${JSON.stringify(check)} to be rejected`);
  return r.errors;
}

describe('the new check forms load with their defaults', () => {
  it('file-grows on a node with a pattern for the appended text', () => {
    expect(loaded({ type: 'file-grows', node: 'kube-worker-1', path: '/var/log/falco.log', afterSeconds: 12, appendedPattern: 'Error' })).toMatchObject({
      node: 'kube-worker-1',
      afterSeconds: 12,
      appendedPattern: 'Error',
    });
  });

  it('file-grows in a pod, as before', () => {
    expect(loaded({ type: 'file-grows', pod: 'hash', path: '/var/config/hash.txt', afterSeconds: 40 })).toMatchObject({ pod: 'hash', namespace: 'default' });
  });

  it('falco-alert judged now, kept off stdout', () => {
    expect(loaded({ type: 'falco-alert', node: 'kube-worker-1', rule: 'Write below etc', notChannel: 'stdout', afterSeconds: 12 })).toMatchObject({
      channel: 'any',
      notChannel: 'stdout',
      afterSeconds: 12,
      sinceSetup: true,
    });
  });

  it('falco-rule on the tags of a rule', () => {
    expect(loaded({ type: 'falco-rule', node: 'kube-worker-1', rule: 'Write below etc', field: 'tags', pattern: 'filesystem' })).toMatchObject({ field: 'tags' });
  });

  it('audit-event with a request sent now and the bodies it must (not) carry', () => {
    const c = loaded({
      type: 'audit-event',
      send: 'kubectl create secret generic s --from-literal=a=b',
      match: { resource: 'secrets', level: 'Metadata', requestObject: false, responseObject: false },
    });
    expect(c).toMatchObject({ absent: false, match: { requestObject: false, responseObject: false } });
  });

  it('audit-event that no event may match', () => {
    expect(loaded({ type: 'audit-event', match: { stage: 'RequestReceived' }, absent: true })).toMatchObject({ absent: true });
  });

  it('audit-policy-level with the admin as the default user', () => {
    expect(
      loaded({ type: 'audit-policy-level', path: '/etc/kubernetes/audit/rules/audit-policy.yaml', request: { verb: 'create', resource: 'pods/log' }, level: 'None' }),
    ).toMatchObject({
      node: 'kube-control-plane',
      request: { user: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'], apiGroup: '', namespace: '', name: '' },
    });
  });

  it('audit-policy-level for a non-resource URL', () => {
    expect(loaded({ type: 'audit-policy-level', path: '/p.yaml', request: { verb: 'get', path: '/healthz' }, level: 'None', omitStages: ['RequestReceived'] })).toMatchObject({
      request: { path: '/healthz' },
    });
  });

  it('process-args', () => {
    expect(loaded({ type: 'process-args', node: 'kube-control-plane', process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' })).toMatchObject({ process: 'kube-apiserver' });
  });
});

describe('malformed checks are refused with a message at the field', () => {
  const grows = { type: 'file-grows', path: '/var/log/falco.log', afterSeconds: 12 };
  const policy = { type: 'audit-policy-level', path: '/p.yaml', level: 'Metadata' };

  it.each<[string, Record<string, unknown>, Partial<LoadError>]>([
    ['file-grows with neither pod nor node', grows, { path: 'checks[0].pod', message: expect.stringContaining('either pod') as unknown as string }],
    ['file-grows with both pod and node', { ...grows, pod: 'hash', node: 'kube-worker-1' }, { path: 'checks[0].pod', message: expect.stringContaining('not both') as unknown as string }],
    ['file-grows on a node with a container', { ...grows, node: 'kube-worker-1', container: 'x' }, { path: 'checks[0].container', message: 'container applies only to a file in a pod' }],
    ['file-grows for too long', { ...grows, node: 'kube-worker-1', afterSeconds: 601 }, { path: 'checks[0].afterSeconds', message: 'afterSeconds must be at most 600' }],
    ['file-grows with a broken pattern', { ...grows, node: 'kube-worker-1', appendedPattern: '(' }, { path: 'checks[0].appendedPattern', message: expect.stringContaining('invalid regular expression') as unknown as string }],
    ['falco-alert kept off an unknown channel', { type: 'falco-alert', node: 'kube-worker-1', rule: 'r', notChannel: 'any' }, { path: 'checks[0].notChannel' }],
    ['falco-alert waiting no time', { type: 'falco-alert', node: 'kube-worker-1', rule: 'r', afterSeconds: 0 }, { path: 'checks[0].afterSeconds' }],
    ['falco-rule on an unknown field', { type: 'falco-rule', node: 'kube-worker-1', rule: 'r', field: 'source', pattern: 'x' }, { path: 'checks[0].field' }],
    ['audit-event with an empty send', { type: 'audit-event', send: '  ', match: { verb: 'create' } }, { path: 'checks[0].send', message: expect.stringContaining('send must be a command line') as unknown as string }],
    ['audit-event with a quoted boolean', { type: 'audit-event', match: { verb: 'create', requestObject: 'no' } }, { path: 'checks[0].match.requestObject' }],
    ['audit-event with an empty match', { type: 'audit-event', match: {} }, { path: 'checks[0].match', message: 'match must name at least one field' }],
    ['audit-event with absent as text', { type: 'audit-event', match: { stage: 'RequestReceived' }, absent: 'yes' }, { path: 'checks[0].absent' }],
    ['audit-event with an unknown match field', { type: 'audit-event', match: { verb: 'create', code: 201 } }, { path: 'checks[0].match.code', message: 'unknown field "code"' }],
    ['audit-policy-level without a request', policy, { path: 'checks[0].request', message: 'missing required field "request"' }],
    ['audit-policy-level with resource and path', { ...policy, request: { verb: 'get', resource: 'pods', path: '/healthz' } }, { path: 'checks[0].request', message: 'request must give either resource or path, not both' }],
    ['audit-policy-level with neither resource nor path', { ...policy, request: { verb: 'get' } }, { path: 'checks[0].request' }],
    ['audit-policy-level with an upper-case verb', { ...policy, request: { verb: 'GET', resource: 'pods' } }, { path: 'checks[0].request.verb' }],
    ['audit-policy-level with a singular Kind', { ...policy, request: { verb: 'get', resource: 'Pod' } }, { path: 'checks[0].request.resource' }],
    ['audit-policy-level with a bad namespace', { ...policy, request: { verb: 'get', resource: 'pods', namespace: 'Default' } }, { path: 'checks[0].request.namespace' }],
    ['audit-policy-level with an unknown level', { ...policy, level: 'Everything', request: { verb: 'get', resource: 'pods' } }, { path: 'checks[0].level' }],
    ['audit-policy-level with an unknown stage', { ...policy, omitStages: ['Received'], request: { verb: 'get', resource: 'pods' } }, { path: 'checks[0].omitStages[0]' }],
    ['process-args with a path for a name', { type: 'process-args', node: 'kube-control-plane', process: '/usr/bin/kube-apiserver', arg: 'x' }, { path: 'checks[0].process' }],
    ['process-args with a broken pattern', { type: 'process-args', node: 'kube-control-plane', process: 'kube-apiserver', arg: '[' }, { path: 'checks[0].arg' }],
    ['process-args on an unknown node', { type: 'process-args', node: 'master', process: 'kube-apiserver', arg: 'x' }, { path: 'checks[0].node' }],
  ])('%s', (_name, check, expected) => {
    const errors = errorsOf(check);
    expect(errors[0]).toMatchObject(expected);
    expect(errors[0]!.line).toBeGreaterThan(0);
  });

  it('names the new types in the list of check types', () => {
    const [e] = errorsOf({ type: 'process-flags', node: 'kube-control-plane' });
    expect(e!.message).toMatch(/audit-policy-level, command-output, process-args$/);
  });

  it('never throws on random values in the new checks', () => {
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }));
    const fields = ['node', 'pod', 'path', 'afterSeconds', 'appendedPattern', 'notChannel', 'send', 'match', 'absent', 'request', 'level', 'omitStages', 'process', 'arg'];
    fc.assert(
      fc.property(
        fc.constantFrom('file-grows', 'falco-alert', 'audit-event', 'audit-policy-level', 'process-args'),
        fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: 5 }),
        (type, rest) => {
          const r = loadScenario(scenarioWith({ type, ...rest }));
          return r.ok || r.errors.every((e) => e.line >= 1 && e.message.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
