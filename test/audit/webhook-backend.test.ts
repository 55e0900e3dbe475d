// The webhook backend's pure rules: which URL a kubeconfig names, the retry waits, batch rounds, and the
// error texts; malformed kubeconfigs never throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { batchesOf, batchRoundEnd, webhookClientError, webhookRequestUrl, webhookRetryWaits, webhookServerOf } from '../../src/audit';

const P = '/etc/kubernetes/audit/webhook.yaml';
const SINK = 'apiVersion: v1\nkind: Config\nclusters:\n- name: a\n  cluster:\n    server: http://10.0.0.1/a\n- name: b\n  cluster:\n    server: https://10.0.0.50:9765/k8s-audit\ncontexts:\n- name: ca\n  context: {cluster: a}\n- name: cb\n  context: {cluster: b, user: kube-apiserver}\n';

describe('webhookServerOf', () => {
  it.each([
    ['current-context names the cluster', `${SINK}current-context: cb\n`, { ok: true, server: 'https://10.0.0.50:9765/k8s-audit' }],
    ['the first context is not a fallback', `${SINK}current-context: ca\n`, { ok: true, server: 'http://10.0.0.1/a' }],
    ['a missing context', `${SINK}current-context: nope\n`, { ok: false, error: 'invalid configuration: [context was not found for specified context: nope, cluster has no server defined]' }],
    ['no current-context', SINK, { ok: false, error: 'invalid configuration: cluster has no server defined' }],
    ['a context naming a cluster without server', 'clusters:\n- name: x\n  cluster: {}\ncontexts:\n- name: c\n  context: {cluster: x}\ncurrent-context: c\n', { ok: false, error: 'invalid configuration: cluster has no server defined' }],
    ['an empty file', '', { ok: false, error: 'invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable' }],
    ['YAML that does not parse', 'clusters:\n\t- x\n', { ok: false, error: `error loading config file "${P}": yaml: line 2: found character that cannot start any token` }],
  ])('%s', (_name, text, want) => {
    expect(webhookServerOf(text, P)).toEqual(want);
  });

  it('never throws on random or mutated kubeconfigs', () => {
    fc.assert(fc.property(fc.string(), (s) => void webhookServerOf(s, P)));
    fc.assert(fc.property(fc.integer({ min: 0, max: SINK.length }), fc.string({ maxLength: 4 }), (i, ins) => void webhookServerOf(SINK.slice(0, i) + ins + SINK.slice(i), P)));
  });
});

describe('retries', () => {
  it('waits initial × 1.5ⁿ before attempts 2–5: 10, 15, 22.5, 33.75 s without jitter', () => {
    expect(webhookRetryWaits(10e9, () => 0)).toEqual([10e9, 15e9, 22.5e9, 33.75e9]);
  });

  it('adds up to 20 % jitter to each wait', () => {
    expect(webhookRetryWaits(10e9, () => 0.999999)).toEqual([10e9, 15e9, 22.5e9, 33.75e9].map((w) => Math.round(w + 0.999999 * 0.2 * w)));
  });
});

describe('batch rounds', () => {
  it.each([
    [0, 30e9, 1e9, 30e9],
    [0, 30e9, 29e9, 30e9],
    [0, 30e9, 30e9, 60e9],
    [0, 30e9, 61e9, 90e9],
    [5e9, 30e9, 5e9, 35e9],
  ])('a round started at %d of %d ns, event at %d: sent at %d', (start, wait, now, end) => {
    expect(batchRoundEnd(start, wait, now)).toBe(end);
  });

  it('splits at max-size', () => {
    expect(batchesOf([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe('client errors', () => {
  it.each([
    ['dial errors name the URL with its timeout', 'Post "http://192.168.56.21:9765/k8s-audit": dial tcp 192.168.56.21:9765: connect: connection refused', 'Post "http://192.168.56.21:9765/k8s-audit?timeout=30s": dial tcp 192.168.56.21:9765: connect: connection refused'],
    ['a 404 reads as the generic NotFound', 'Post "http://192.168.56.21:9765/k8s-audit": 404 Not Found', 'the server could not find the requested resource'],
  ])('%s', (_name, transport, want) => {
    expect(webhookClientError('http://192.168.56.21:9765/k8s-audit', transport)).toBe(want);
  });

  it('appends the client timeout to the request URL', () => {
    expect(webhookRequestUrl('https://sink/k8s-audit')).toBe('https://sink/k8s-audit?timeout=30s');
  });
});
