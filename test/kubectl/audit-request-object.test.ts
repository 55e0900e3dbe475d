// The requestObject the API server hands the audit filter: the decoded body with scheme defaults,
// re-encoded in Go struct order with sorted map keys; patches and foreign bodies as sent.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditRequestObject } from '../../src/kube/apiserver/request-object';
import type { JsonValue } from '../../src/kube/types';

describe('audit requestObject', () => {
  it('defaults a Secret to Opaque, as in the reference Request-level create event', () => {
    const body = { apiVersion: 'v1', kind: 'Secret', data: { k: 'dg==' }, metadata: { creationTimestamp: null, namespace: 'default', name: 's1' } };
    expect(JSON.stringify(auditRequestObject(body, 'Secret', 'create'))).toBe(
      '{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1","namespace":"default","creationTimestamp":null},"data":{"k":"dg=="},"type":"Opaque"}',
    );
  });

  it('fills the Pod scheme defaults of kubectl run, in struct order', () => {
    const body = {
      kind: 'Pod', apiVersion: 'v1', metadata: { name: 'nginx', creationTimestamp: null, labels: { run: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' }, status: {},
    };
    expect(JSON.stringify(auditRequestObject(body, 'Pod', 'create'))).toBe(
      '{"kind":"Pod","apiVersion":"v1","metadata":{"name":"nginx","creationTimestamp":null,"labels":{"run":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx","resources":{},"terminationMessagePath":"/dev/termination-log","terminationMessagePolicy":"File","imagePullPolicy":"Always"}],"restartPolicy":"Always","terminationGracePeriodSeconds":30,"dnsPolicy":"ClusterFirst","securityContext":{},"schedulerName":"default-scheduler","enableServiceLinks":true},"status":{}}',
    );
  });

  it('sorts map keys and keeps a ConfigMap otherwise as sent', () => {
    const body = { kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c', labels: { z: '1', a: '2' } }, data: { b: 'x', a: 'y' } };
    expect(JSON.stringify(auditRequestObject(body, 'ConfigMap', 'create'))).toBe('{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"c","labels":{"a":"2","z":"1"}},"data":{"a":"y","b":"x"}}');
  });

  it.each([
    ['a patch', { spec: { type: 'NodePort' } }, 'Service', 'patch'],
    ['DeleteOptions', { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background' }, 'Pod', 'delete'],
    ['a kind without a schema', { kind: 'Role', rules: [] }, 'Role', 'create'],
    ['a JSON patch list', [{ op: 'remove', path: '/x' }], 'Pod', 'patch'],
  ])('logs %s as sent', (_name, body, kind, verb) => {
    expect(auditRequestObject(body as JsonValue, kind, verb)).toBe(body);
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('Pod', 'Service', 'Secret', 'ConfigMap'), (body, kind) => {
        auditRequestObject(body as JsonValue, kind, 'create');
        auditRequestObject({ kind, spec: body, metadata: body } as JsonValue, kind, 'update');
        return true;
      }),
    );
  });
});
