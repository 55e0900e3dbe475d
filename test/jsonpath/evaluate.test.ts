// Evaluating kubectl JSONPath templates: the kubectl "JSONPath Support" page's examples and client-go's cases.
import { describe, expect, it } from 'vitest';
import { executeJsonPath, parseJsonPath, type GoValue } from '../../src/jsonpath';

/** The input object from the kubectl JSONPath documentation page. */
const docsInput: GoValue = JSON.parse(`{
  "kind": "List",
  "items":[
    {
      "kind":"None",
      "metadata":{
        "name":"127.0.0.1",
        "labels":{
          "kubernetes.io/hostname":"127.0.0.1"
        }
      },
      "status":{
        "capacity":{"cpu":"4"},
        "addresses":[{"type": "LegacyHostIP", "address":"127.0.0.1"}]
      }
    },
    {
      "kind":"None",
      "metadata":{"name":"127.0.0.2"},
      "status":{
        "capacity":{"cpu":"8"},
        "addresses":[
          {"type": "LegacyHostIP", "address":"127.0.0.2"},
          {"type": "another", "address":"127.0.0.3"}
        ]
      }
    }
  ],
  "users":[
    {
      "name": "myself",
      "user": {}
    },
    {
      "name": "e2e",
      "user": {"username": "admin", "password": "secret"}
    }
  ]
}`);

function run(template: string, data: GoValue, allowMissingKeys = false): string {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error}`);
  const out = executeJsonPath(parsed.template, data, { allowMissingKeys });
  if (!out.ok) throw new Error(`execute failed: ${out.error}`);
  return out.text;
}

function runError(template: string, data: GoValue, allowMissingKeys = false): string {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) throw new Error(`parse failed: ${parsed.error}`);
  const out = executeJsonPath(parsed.template, data, { allowMissingKeys });
  if (out.ok) throw new Error(`expected an error, got ${JSON.stringify(out.text)}`);
  return out.error;
}

describe('the kubectl JSONPath documentation table', () => {
  // Results are what kubectl prints; the page shows Go's %v for maps and lists, kubectl prints JSON.
  it.each([
    ['text', 'kind is {.kind}', 'kind is List'],
    ['child operator', '{.kind}', 'List'],
    ['bracket child operator', "{['kind']}", 'List'],
    ['recursive descent', '{..name}', '127.0.0.1 127.0.0.2 myself e2e'],
    ['wildcard', '{.items[*].metadata.name}', '127.0.0.1 127.0.0.2'],
    ['subscript', '{.users[0].name}', 'myself'],
    ['union', "{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ['filter', '{.users[?(@.name=="e2e")].user.password}', 'secret'],
    ['range', '{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}', '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['quoted literal', "{range .items[*]}{.metadata.name}{'\\t'}{end}", '127.0.0.1\t127.0.0.2\t'],
    ['escaped terminator', '{.items[0].metadata.labels.kubernetes\\.io/hostname}', '127.0.0.1'],
  ])('%s: %s', (_name, template, expected) => {
    expect(run(template, docsInput)).toBe(expected);
  });

  it('{@} prints the whole input as compact JSON with sorted keys', () => {
    expect(run('{@}', { b: 1, a: 'x' })).toBe('{"a":"x","b":1}');
  });

  it('an explicit $ root is the same as the implicit one', () => {
    expect(run('{$.kind}', docsInput)).toBe('List');
  });
});

describe('client-go jsonpath_test.go cases', () => {
  const nodes: GoValue = JSON.parse(`{"kind":"List","items":[
    {"kind":"None","metadata":{"name":"127.0.0.1","labels":{"kubernetes.io/hostname":"127.0.0.1"}},
     "status":{"capacity":{"cpu":"4"},"ready":true,"addresses":[{"type":"LegacyHostIP","address":"127.0.0.1"}]}},
    {"kind":"None","metadata":{"name":"127.0.0.2","labels":{"kubernetes.io/hostname":"127.0.0.2"}},
     "status":{"capacity":{"cpu":"8"},"ready":false,"addresses":[{"type":"LegacyHostIP","address":"127.0.0.2"},{"type":"another","address":"127.0.0.3"}]}}],
    "users":[{"name":"myself","user":{}},{"name":"e2e","user":{"username":"admin","password":"secret"}}]}`);

  it.each([
    ['range then text', '{range .items[*]}{.metadata.name}, {end}{.kind}', '127.0.0.1, 127.0.0.2, List'],
    ['quoted tab in range', '{range .items[*]}{.metadata.name}{"\\t"}{end}', '127.0.0.1\t127.0.0.2\t'],
    ['nested wildcards', '{.items[*].status.addresses[*].address}', '127.0.0.1 127.0.0.2 127.0.0.3'],
    ['double range', '{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}', '127.0.0.1, 127.0.0.2, 127.0.0.3, '],
    ['filter on escaped key', '{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', 'None'],
    ['filter through recursive descent', '{.items[?(@..ready==true)].metadata.name}', '127.0.0.1'],
    ['plain text only', 'hello jsonpath', 'hello jsonpath'],
  ])('%s', (_name, template, expected) => {
    expect(run(template, nodes)).toBe(expected);
  });

  const types: GoValue = {
    bools: [true, false, true, false],
    integers: [1, 2, 3, 4],
    floats: [1.0, 2.2, 3.3, 4.0],
    strings: ['one', 'two', 'three', 'four'],
    interfaces: [true, 'one', 1, 1.1],
    maps: [
      { name: 'one', value: 1 },
      { name: 'two', value: 2.02 },
      { name: 'three', value: 3.03 },
      { name: 'four', value: 4.04 },
    ],
  };
  it.each([
    ['{ .bools }', '[true,false,true,false]'],
    ['{ .bools[-1] }', 'false'],
    ['{ .bools[:4:2] }', 'true true'],
    ['{ .integers[-2] }', '3'],
    ['{ .floats }', '[1,2.2,3.3,4]'],
    ['{ .floats[:4:2] }', '1 3.3'],
    ['{ .strings }', '["one","two","three","four"]'],
    ['{ .strings[0:2] }', 'one two'],
    ['{ .interfaces }', '[true,"one",1,1.1]'],
    ['{ .interfaces[:4:2] }', 'true 1'],
    ['{ .maps[0] }', '{"name":"one","value":1}'],
    ['{ .maps[1::2] }', '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
  ])('slices of typed values: %s', (template, expected) => {
    expect(run(template, types)).toBe(expected);
  });

  it.each([
    ['recursive without field', '{..}', [1, 2, 3], '[1,2,3]'],
    ['filter on scalars', '{[?(@<5)]}', [2, 6, 3, 7], '2 3'],
    ['quoted brace', '{"{"}', null, '{'],
    ['union of indexes', '{[1,3,4]}', [0, 1, 2, 3, 4], '1 3 4'],
    ['slice of strings', '{[0:2]}', ['Monday', 'Tudesday'], 'Monday Tudesday'],
    ['exists filter', '{[?(@.z)].id}', [{ id: 'i1', x: 4 }, { id: 'i2', z: 1 }, { id: 'i5', z: 1 }], 'i2 i5'],
    ['bracket key after index', "{[0]['id']}", [{ id: 'i1' }], 'i1'],
    ['key with slash', '{$.Labels.web/html}', { Labels: { 'web/html': 15 } }, '15'],
    ['key with dash', '{.Labels.k8s-app}', { Labels: { 'k8s-app': 20 } }, '20'],
    ['three dots are .. and .', '{...Price}', { a: { Price: 8.95 }, b: [{ Price: 12.99 }] }, '8.95 12.99'],
  ])('%s', (_name, template, data, expected) => {
    expect(run(template, data as GoValue)).toBe(expected);
  });

  const containers: GoValue = { spec: { containers: ['fake0', 'fake1', 'fake2', 'fake3'].map((name) => ({ name })) } };
  it.each([
    ['[0]', 'fake0'],
    ['[0:0]', ''],
    ['[0:-1]', 'fake0 fake1 fake2'],
    ['[-1]', 'fake3'],
    ['[-1:]', 'fake3'],
    ['[-2:]', 'fake2 fake3'],
    ['[-4]', 'fake0'],
    ['[5:5]', ''],
    ['[-5:-5]', ''],
    ['[1:4:2]', 'fake1 fake3'],
    ['[0:4:3]', 'fake0 fake3'],
  ])('negative indexes and steps: containers%s', (index, expected) => {
    expect(run(`{.spec.containers${index}.name}`, containers)).toBe(expected);
  });

  it.each([
    ['[-1:0]', 'starting index 3 is greater than ending index 0'],
    ['[-5]', 'array index out of bounds: index -1, length 4'],
    ['[3:1]', 'starting index 3 is greater than ending index 1'],
    ['[-1:-2]', 'starting index 3 is greater than ending index 2'],
    ['[0:6:0]', 'array index out of bounds: index 5, length 4'],
    ['[0:4:0]', 'step must be > 0'],
    ['[0:4:-1]', 'step must be > 0'],
  ])('bad slices fail: containers%s', (index, error) => {
    expect(runError(`{.spec.containers${index}.name}`, containers)).toBe(error);
  });

  it('nested ranges at the same level', () => {
    const data: GoValue = {
      items: [
        { metadata: { name: 'pod1' }, spec: { containers: [{ name: 'foo' }, { name: 'bar' }] } },
        { metadata: { name: 'pod2' }, spec: { containers: [{ name: 'baz' }] } },
      ],
    };
    const template =
      '{range .items[*]}{.metadata.name}{"\\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\\t"}' +
      '{range @.spec.containers[*]}{.name}{" "}{end}{"\\n"}{end}';
    expect(run(template, data)).toBe('pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n');
  });

  it('an empty range prints nothing and is not an error', () => {
    expect(run('{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}', { items: [] }, true)).toBe('');
  });

  it('a filtered range skips items without the key when missing keys are allowed', () => {
    const data: GoValue = {
      items: [
        { metadata: { name: 'pod1' }, status: { phase: 'Running' } },
        { metadata: { name: 'pod2' }, status: { phase: 'Pending' } },
        { resourceVersion: '' },
      ],
    };
    expect(run('{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\\n"}{end}', data, true)).toBe('pod1 is Running\n');
  });
});

describe('missing keys', () => {
  it('print nothing when allowed, as kubectl get -o jsonpath does by default', () => {
    expect(run('before-{.hello}after', { a: 1 }, true)).toBe('before-after');
  });

  it('are "<key> is not found" when not allowed', () => {
    expect(runError('{.hello}', { a: 1 })).toBe('hello is not found');
  });

  it('a filter on a partly missing path errors when keys must exist', () => {
    const data: GoValue = { items: [{ metadata: { name: 'a', annotations: { color: 'blue' } } }, { metadata: { name: 'b' } }] };
    expect(runError('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', data)).toBe('annotations is not found');
    expect(run('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', data, true)).toBe('a');
  });
});

describe('execution errors', () => {
  it.each([
    ['{hello}', { a: 1 }, 'unrecognized identifier hello'],
    ['{.Labels[0]}', { Labels: { a: 1 } }, 'map[string]interface {} is not array or slice'],
    ['{.Book[?(@.Price<>10)]}', { Book: [{ Price: 1 }] }, 'unrecognized filter operator <>'],
    ['{range .Labels.*}{@}{end}{end}', { Labels: { a: 1 } }, 'not in range, nothing to end'],
    ['{.items[0].metadata.name}', { items: [] }, 'array index out of bounds: index 0, length 0'],
    ['{.items[?(@.n=="3")]}', { items: [{ n: 3 }] }, 'incompatible types for comparison'],
    ['{.items[?(@.n<true)]}', { items: [{ n: true }] }, 'invalid type for comparison'],
    ['{.m[?(@.a)]}', { m: { a: 'x' } }, 'map[a:x] is not array or slice and cannot be filtered'],
    ['{.items[?(@.a[*]=="x")]}', { items: [{ a: ['x', 'y'] }] }, 'can only compare one element at a time'],
  ])('%s', (template, data, error) => {
    expect(runError(template, data as GoValue)).toBe(error);
  });
});

describe('values as kubectl prints them', () => {
  it.each([
    ['{.s}', { s: 'nginx' }, 'nginx'],
    ['{.n}', { n: 30 }, '30'],
    ['{.b}', { b: true }, 'true'],
    ['{.f}', { f: 0.5 }, '0.5'],
    ['{.f}', { f: 1234567.5 }, '1.2345675e+06'],
    ['{.z}', { z: null }, '<nil>'],
    ['{.spec.containers[0].args}', { spec: { containers: [{ args: ['sleep', '3600'] }] } }, '["sleep","3600"]'],
    ['{.metadata.labels}', { metadata: { labels: { run: 'nginx' } } }, '{"run":"nginx"}'],
    ['{.m}', { m: { html: '<b>&' } }, '{"html":"\\u003cb\\u003e\\u0026"}'],
    ['{.n} {.s}', { n: 1, s: 'x' }, '1 x'],
    ['{.a[*]}', { a: [1, 2] }, '1 2'],
    ['{.a.*}', { a: { y: 2, x: 1 } }, '1 2'],
  ])('%s', (template, data, expected) => {
    expect(run(template, data as GoValue)).toBe(expected);
  });

  it.each([
    ['{.items[?(@.n>2)].n}', '3 4'],
    ['{.items[?(@.n>=2)].n}', '2 3 4'],
    ['{.items[?(@.n<2)].n}', '1'],
    ['{.items[?(@.n<=2)].n}', '1 2'],
    ['{.items[?(@.n!=2)].n}', '1 3 4'],
    ['{.items[?(@.s=="b")].n}', '2'],
    ['{.items[?(@.s > "b")].n}', '3 4'],
    ['{.items[?(@.f==1.5)].n}', '1'],
    ['{.items[?(@.ok==false)].n}', '2 3 4'],
  ])('filter operators: %s', (template, expected) => {
    const items = [1, 2, 3, 4].map((n) => ({ n, s: 'abcd'[n - 1], f: n + 0.5, ok: n === 1 }));
    expect(run(template, { items } as GoValue)).toBe(expected);
  });
});
