// The specialised event encoder against a plain reference: the same event written with JSON.stringify
// (members in §3.1 order, Go's omitempty) and then given Go's escaping, for random events whose
// strings hold quotes, control characters, HTML characters, U+2028/9, lone surrogates and non-ASCII.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAuditEvents, formatEventJson, webhookBody, type AuditEvent, type AuditRequestInfo } from '../../src/audit';
import { formatEventSized } from '../../src/audit/event-format';
import { goKeyLess } from '../../src/audit/event-json';
import { goJsonValue } from '../../src/audit/go-format';
import { beginLine, bodyJson, lineHasNonAscii } from '../../src/audit/json-text';

// ---------------------------------------------------------------- the reference encoder

/** encoding/json's map-key order: bytewise on UTF-8 (a lone surrogate is U+FFFD by then). */
const byUtf8 = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** A JSON object from members already encoded (JS objects would put integer-like keys first). */
const object = (members: Array<[string, string | undefined]>): string =>
  `{${members
    .filter((m): m is [string, string] => m[1] !== undefined)
    .map(([k, v]) => `${JSON.stringify(k)}:${v}`)
    .join(',')}}`;

/** Go's `omitempty` for strings, slices, maps and numbers: "" , [], {} and 0 are left out. */
const nonEmpty = <T>(v: T | undefined): string | undefined => {
  if (v === undefined || v === '' || v === 0) return undefined;
  if (Array.isArray(v) && v.length === 0) return undefined;
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return undefined;
  return JSON.stringify(v);
};

function sortedMap<T>(m: Record<string, T> | undefined): string | undefined {
  if (m === undefined || Object.keys(m).length === 0) return undefined;
  return object(Object.keys(m).sort(byUtf8).map((k) => [k, JSON.stringify(m[k])]));
}

function referenceUser(u: AuditEvent['user']): string {
  return object([['username', nonEmpty(u.username)], ['uid', nonEmpty(u.uid)], ['groups', nonEmpty(u.groups)], ['extra', sortedMap(u.extra)]]);
}

/** The Event as JSON.stringify writes its members, in §3.1 order with Go's omitempty. */
function referenceEvent(ev: AuditEvent, withKind = true): string {
  const s = ev.responseStatus;
  const d = s?.details;
  const r = ev.objectRef;
  // level, auditID, stage, requestURI, verb, user and the timestamps have no omitempty; the bodies are
  // pointers to raw JSON, written whenever present.
  return object([
    ['kind', withKind ? '"Event"' : undefined],
    ['apiVersion', withKind ? '"audit.k8s.io/v1"' : undefined],
    ['level', JSON.stringify(ev.level)],
    ['auditID', JSON.stringify(ev.auditID)],
    ['stage', JSON.stringify(ev.stage)],
    ['requestURI', JSON.stringify(ev.requestURI)],
    ['verb', JSON.stringify(ev.verb)],
    ['user', referenceUser(ev.user)],
    ['impersonatedUser', ev.impersonatedUser && referenceUser(ev.impersonatedUser)],
    ['sourceIPs', nonEmpty(ev.sourceIPs)],
    ['userAgent', nonEmpty(ev.userAgent)],
    ['objectRef', r && object((['resource', 'namespace', 'name', 'uid', 'apiGroup', 'apiVersion', 'resourceVersion', 'subresource'] as const).map((k) => [k, nonEmpty(r[k])]))],
    [
      'responseStatus',
      s &&
        object([
          ['metadata', '{}'],
          ['status', nonEmpty(s.status)],
          ['message', nonEmpty(s.message)],
          ['reason', nonEmpty(s.reason)],
          [
            'details',
            d &&
              object([
                ['name', nonEmpty(d.name)],
                ['group', nonEmpty(d.group)],
                ['kind', nonEmpty(d.kind)],
                ['uid', nonEmpty(d.uid)],
                ['causes', d.causes && d.causes.length > 0 ? `[${d.causes.map((c) => object([['reason', nonEmpty(c.reason)], ['message', nonEmpty(c.message)], ['field', nonEmpty(c.field)]])).join(',')}]` : undefined],
                ['retryAfterSeconds', nonEmpty(d.retryAfterSeconds)],
              ]),
          ],
          ['code', nonEmpty(s.code)],
        ]),
    ],
    ['requestObject', ev.requestObject === undefined ? undefined : JSON.stringify(ev.requestObject)],
    ['responseObject', ev.responseObject === undefined ? undefined : JSON.stringify(ev.responseObject)],
    ['requestReceivedTimestamp', JSON.stringify(ev.requestReceivedTimestamp)],
    ['stageTimestamp', JSON.stringify(ev.stageTimestamp)],
    ['annotations', sortedMap(ev.annotations)],
  ]);
}

/** JSON.stringify's text with encoding/json's differences: HTML characters, U+2028/9, \b, \f, lone surrogates. */
function goEscaped(json: string): string {
  return json.replace(/\\(?:u[0-9a-f]{4}|.)|[<>&\u2028\u2029]/g, (m) => {
    if (m === '\\b') return '\\u0008';
    if (m === '\\f') return '\\u000c';
    if (/^\\ud[89a-f]/.test(m)) return '\\ufffd'; // JSON.stringify escapes only lone surrogates
    if (m.length === 1) return `\\u${m.charCodeAt(0).toString(16).padStart(4, '0')}`;
    return m;
  });
}

const referenceLine = (ev: AuditEvent): string => `${goEscaped(referenceEvent(ev))}\n`;

// ---------------------------------------------------------------- random events

const SPECIAL = ['<', '>', '&', '"', '\\', '/', '\u2028', '\u2029', '\b', '\f', '\n', '\r', '\t', '\u0000', '\u001f', '\u007f', '\ud800', '\udfff', 'é', '☕', '😀', '\ufffd', '\uffff', '\ue000', 'a', 'Z', '0', ' ', ':'];
const text = fc.oneof(
  { arbitrary: fc.string({ unit: fc.constantFrom(...SPECIAL), maxLength: 12 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 2 },
  { arbitrary: fc.constantFrom('', 'kubernetes-admin', 'pods', 'default', 'v1', '/api/v1/pods?limit=500&watch=1'), weight: 2 },
);
const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });
const stringMap = fc.dictionary(text, text, { maxKeys: 4 });

const user = fc.record(
  { username: text, uid: text, groups: fc.array(text, { maxLength: 3 }), extra: fc.dictionary(text, fc.array(text, { maxLength: 2 }), { maxKeys: 3 }) },
  { requiredKeys: [] },
);
const objectRef = fc.record(
  { resource: text, namespace: text, name: text, uid: text, apiGroup: text, apiVersion: text, resourceVersion: text, subresource: text },
  { requiredKeys: [] },
);
const details = fc.record(
  {
    name: text,
    group: text,
    kind: text,
    uid: text,
    causes: fc.array(fc.record({ reason: text, message: text, field: text }, { requiredKeys: [] }), { maxLength: 2 }),
    retryAfterSeconds: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: [] },
);
const responseStatus = fc.record(
  { code: fc.constantFrom(0, 101, 200, 201, 401, 403, 500), status: text, message: text, reason: text, details },
  { requiredKeys: ['code'] },
);
const body = fc
  .oneof(fc.jsonValue({ maxDepth: 3 }), fc.jsonValue({ maxDepth: 3, stringUnit: fc.constantFrom(...SPECIAL) }))
  .map((v) => JSON.parse(JSON.stringify(v)) as AuditEvent['requestObject']);
// Timestamps are the engine's own text (digits, dashes, colons): written without escaping.
const stamp = fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((d) => `${d.toISOString().slice(0, 23)}123Z`);

const event: fc.Arbitrary<AuditEvent> = fc.record({
  level: fc.constantFrom('Metadata', 'Request', 'RequestResponse'),
  auditID: text,
  stage: fc.constantFrom('RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'),
  requestURI: text,
  verb: text,
  user,
  impersonatedUser: maybe(user.map((u) => ({ groups: [], ...u, username: u.username ?? '' }))),
  sourceIPs: maybe(fc.array(text, { maxLength: 3 })),
  userAgent: maybe(text),
  objectRef: maybe(objectRef),
  responseStatus: maybe(responseStatus),
  requestObject: maybe(body),
  responseObject: maybe(body),
  requestReceivedTimestamp: stamp,
  stageTimestamp: stamp,
  annotations: maybe(stringMap),
  receivedNano: fc.constant(''),
});

// ---------------------------------------------------------------- properties

describe('the event encoder agrees with JSON.stringify given Go escaping', () => {
  it('writes any event as the reference does, byte for byte', () => {
    fc.assert(
      fc.property(event, (ev) => {
        expect(formatEventJson(ev)).toBe(referenceLine(ev));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts the UTF-8 bytes of any line exactly', () => {
    fc.assert(
      fc.property(event, (ev) => {
        const { line, bytes } = formatEventSized(ev, 'json');
        expect(bytes).toBe(Buffer.byteLength(line, 'utf8'));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same bytes when the same strings come round again (remembered encodings)', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 2, maxLength: 6 }), (events) => {
        const first = events.map(formatEventJson);
        expect(events.map(formatEventJson)).toEqual(first);
        expect(first).toEqual(events.map(referenceLine));
      }),
      { numRuns: 300 },
    );
  });

  it('never reuses a remembered request part when any value in it differs (same URI)', () => {
    // Periodic requests repeat their URI; the user, address, agent or object may still change.
    const variant = fc.record({
      verb: fc.constantFrom('get', 'update'),
      user: fc.constantFrom<AuditEvent['user']>({ username: 'a', groups: ['g'] }, { username: 'a', groups: ['g', 'h'] }, { username: 'a', uid: 'u' }, { username: 'b', groups: ['g'] }, {}, { username: 'a', extra: { k: ['v'] } }),
      sourceIPs: fc.constantFrom<string[] | undefined>(undefined, [], ['10.0.0.1'], ['10.0.0.1', '10.0.0.2'], ['10.0.0.2']),
      userAgent: fc.constantFrom<string | undefined>(undefined, '', 'kubelet/v1.26.1', 'kubelet/v1.26.1 ☕', 'x<y'),
      objectRef: fc.constantFrom<AuditEvent['objectRef']>(undefined, {}, { resource: 'leases' }, { resource: 'leases', name: 'n1' }, { name: 'n1', resource: 'leases' }, { resource: 'leases', name: 'n2', uid: 'u' }, { resource: 'leases', resourceVersion: '7' }, { resource: 'leases', subresource: 'status' }),
      impersonatedUser: fc.constantFrom<AuditEvent['impersonatedUser']>(undefined, { username: 'jane', groups: [] }),
    });
    fc.assert(
      fc.property(event, fc.array(variant, { minLength: 2, maxLength: 8 }), (base, variants) => {
        for (const v of variants) {
          const ev: AuditEvent = { ...base, ...v, requestURI: '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/w1' };
          expect(formatEventJson(ev)).toBe(referenceLine(ev));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never reuses a remembered annotation set when a key or value differs', () => {
    const sets = fc.array(fc.dictionary(fc.constantFrom('authorization.k8s.io/decision', 'authorization.k8s.io/reason', 'a', 'é'), fc.constantFrom('', 'allow', 'forbid', 'x<y', 'é')), { minLength: 2, maxLength: 8 });
    fc.assert(
      fc.property(event, sets, (base, annotationSets) => {
        for (const annotations of annotationSets) {
          const ev: AuditEvent = { ...base, annotations };
          expect(formatEventJson(ev)).toBe(referenceLine(ev));
          expect(formatEventSized(ev, 'json').bytes).toBe(Buffer.byteLength(referenceLine(ev)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('writes webhook items as the same members without kind and apiVersion', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 3 }), (events) => {
        const items = events.map((e) => referenceEvent(e, false)).join(',');
        expect(webhookBody(events)).toBe(goEscaped(`{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":[${items}]}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('bodies', () => {
  // Anything a body may hold, plain JSON data or not: the member-by-member writer must agree with
  // JSON.stringify's rules (via goJsonValue) on all of it.
  class Quantity {
    constructor(readonly text: string) {}
    toJSON(): string {
      return this.text;
    }
  }
  const odd = fc.constantFrom<unknown>(undefined, Number.NaN, Infinity, -0, 1e21, 5e-7, new Date(0), new Quantity('100m<'), () => 1, Symbol('s'), Object.create(null), [undefined, , 1]);
  const anything: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.double(), fc.boolean(), fc.constant(null), odd, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.dictionary(fc.oneof(text, fc.constantFrom('0', '10', '__proto__', 'kind')), tie('value'), { maxKeys: 4 }),
  })).value;

  it('writes any value as JSON.stringify with Go escaping does', () => {
    fc.assert(
      fc.property(anything, (v) => {
        beginLine();
        const out = bodyJson(v as AuditEvent['requestObject'] & object);
        expect(out).toBe(goJsonValue(v));
        // Raw non-ASCII must be reported (the byte count depends on it); a false alarm only costs a rescan.
        if (Buffer.byteLength(out) !== out.length) expect(lineHasNonAscii()).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes null for a body it cannot encode (a cycle, a BigInt), as before', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(bodyJson(cyclic as never)).toBe('null');
    expect(bodyJson({ n: 1n } as never)).toBe('null');
    let deep: unknown = 'x';
    for (let i = 0; i < 2000; i++) deep = [deep];
    expect(bodyJson(deep as never)).toBe(JSON.stringify(deep));
  });
});

const EVENT_KEYS = ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user', 'impersonatedUser', 'sourceIPs', 'userAgent', 'objectRef', 'responseStatus', 'requestObject', 'responseObject', 'requestReceivedTimestamp', 'stageTimestamp', 'annotations'];
const OBJECT_REF_KEYS = ['resource', 'namespace', 'name', 'uid', 'apiGroup', 'apiVersion', 'resourceVersion', 'subresource'];
const USER_KEYS = ['username', 'uid', 'groups', 'extra'];
const STATUS_KEYS = ['metadata', 'status', 'message', 'reason', 'details', 'code'];

/** Whether `keys` appear in the order `order` gives them. */
const inOrder = (keys: string[], order: string[]): boolean => keys.every((k, i) => order.includes(k) && (i === 0 || order.indexOf(keys[i - 1]) < order.indexOf(k)));

describe('key order of §3.1', () => {
  it('writes members in the order of the Event struct, whatever order the objects were built in', () => {
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    fc.assert(
      fc.property(event, (ev) => {
        // Objects built with their keys in another order must still be written in Go's struct order.
        const shuffled: AuditEvent = {
          ...ev,
          user: reversed(ev.user),
          objectRef: ev.objectRef && reversed(ev.objectRef),
          responseStatus: ev.responseStatus && reversed(ev.responseStatus),
        };
        const parsed = JSON.parse(formatEventJson(shuffled)) as Record<string, Record<string, unknown>>;
        const keys = Object.keys(parsed);
        expect(keys.slice(0, 2)).toEqual(['kind', 'apiVersion']);
        expect(inOrder(keys, EVENT_KEYS)).toBe(true);
        expect(inOrder(Object.keys(parsed.user), USER_KEYS)).toBe(true);
        if (parsed.objectRef) expect(inOrder(Object.keys(parsed.objectRef), OBJECT_REF_KEYS)).toBe(true);
        if (parsed.responseStatus) expect(inOrder(Object.keys(parsed.responseStatus), STATUS_KEYS)).toBe(true);
        expect(formatEventJson(shuffled)).toBe(referenceLine(ev));
      }),
      { numRuns: 500 },
    );
  });

  it('sorts annotation keys by UTF-8 bytes, as Go sorts map keys', () => {
    const ev = fc.sample(event, { numRuns: 1, seed: 4 })[0];
    const line = formatEventJson({ ...ev, annotations: { '\uffff': '1', '😀': '2', b: '3', a: '4', 'é': '5' } });
    expect(line).toContain('"annotations":{"a":"4","b":"3","é":"5","\uffff":"1","😀":"2"}');
  });

  it('orders keys by code point, not by UTF-16 unit', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(goKeyLess(a, b)).toBe(byUtf8(a, b) < 0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('events built from a request', () => {
  const deepFreeze = <T>(v: T): T => {
    if (v !== null && typeof v === 'object') {
      for (const x of Object.values(v)) deepFreeze(x);
      Object.freeze(v);
    }
    return v;
  };

  it('leaves the request info untouched (events share its objects)', () => {
    const info: AuditRequestInfo = deepFreeze({
      auditID: 'a-1',
      verb: 'create',
      requestURI: '/api/v1/namespaces/default/pods?fieldManager=kubectl-run',
      user: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      sourceIPs: ['10.0.0.10'],
      userAgent: 'kubectl/v1.26.0 (linux/amd64) kubernetes/b46a3f8',
      objectRef: { resource: 'pods', namespace: 'default', apiVersion: 'v1' },
      requestObject: { kind: 'Pod', metadata: { name: 'web', managedFields: [{ manager: 'kubectl' }] } },
      responseObject: { kind: 'Pod', metadata: { name: 'web', uid: 'u-1' } },
      responseStatus: { code: 201 },
      authorization: { decision: 'allow', reason: '' },
      annotations: { 'pod-security.kubernetes.io/enforce-policy': 'privileged:latest' },
      times: { epochMs: Date.UTC(2023, 2, 1), received: 1_000, completed: 2_000_000 },
    });
    const events = buildAuditEvents(info, { level: 'RequestResponse', omitStages: [], omitManagedFields: true, ruleIndex: 0 });
    expect(events.map((e) => e.stage)).toEqual(['RequestReceived', 'ResponseComplete']);
    expect(events[1].objectRef).toEqual({ resource: 'pods', namespace: 'default', name: 'web', apiVersion: 'v1' });
    expect(events[1].requestObject).toEqual({ kind: 'Pod', metadata: { name: 'web' } });
    expect(events.map(formatEventJson).every((l) => l.endsWith('}\n'))).toBe(true);
  });

  it.each([
    // [epoch ms, simulated ns since epoch, MicroTime, RFC3339Nano]
    [Date.UTC(2023, 2, 1, 10, 15, 30), 0, '2023-03-01T10:15:30.000000Z', '2023-03-01T10:15:30Z'],
    [Date.UTC(2023, 2, 1, 10, 15, 30), 123_456_789, '2023-03-01T10:15:30.123456Z', '2023-03-01T10:15:30.123456789Z'],
    [Date.UTC(2023, 2, 1, 10, 15, 30), 120_000_000, '2023-03-01T10:15:30.120000Z', '2023-03-01T10:15:30.12Z'],
    [Date.UTC(2023, 2, 1, 10, 15, 30) + 999, 1_000_001, '2023-03-01T10:15:31.000000Z', '2023-03-01T10:15:31.000000001Z'],
    [Date.UTC(2023, 11, 31, 23, 59, 59) + 500, 600_000_000, '2024-01-01T00:00:00.100000Z', '2024-01-01T00:00:00.1Z'],
    [Date.UTC(2023, 2, 1), 86_400_000_000_000 + 7_000, '2023-03-02T00:00:00.000007Z', '2023-03-02T00:00:00.000007Z'],
  ])('formats the received time %#: MicroTime and RFC3339Nano', (epochMs, received, micro, nano) => {
    const info: AuditRequestInfo = {
      auditID: 'a', verb: 'get', requestURI: '/healthz', user: null, sourceIPs: [], userAgent: '',
      times: { epochMs, received, completed: received },
    };
    const [ev] = buildAuditEvents(info, { level: 'Metadata', omitStages: [], omitManagedFields: false, ruleIndex: 0 });
    expect(ev.requestReceivedTimestamp).toBe(micro);
    expect(ev.stageTimestamp).toBe(micro);
    expect(ev.receivedNano).toBe(nano);
  });
});
