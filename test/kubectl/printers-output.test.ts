// -o json / name / jsonpath / custom-columns and the -o parser, through printObjects as kubectl get uses them.
import { describe, expect, it } from 'vitest';
import {
  jsonPathParseError,
  nameLine,
  parseCustomColumnsSpec,
  parseOutputFormat,
  printCustomColumns,
  printJsonPath,
  printObjects,
  relaxedJsonPathExpression,
  toKubectlJson,
  wrapList,
  type OutputFormat,
} from '../../src/commands/kubectl/printers';
import type { KubeObject, Pod } from '../../src/kube/types';
import { NGINX_POD_YAML, nginxPod, scrambleKeys } from './fixtures';
import { parse } from 'yaml';

const NOW = Date.parse('2023-03-06T13:19:14Z');

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const pods = (): Pod[] =>
  ['nginx', 'web'].map((name, i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { run: name }, managedFields: [{ manager: 'kubectl-run', operation: 'Update' }] },
    spec: {
      containers: [
        { name, image: i === 0 ? 'nginx:1.23' : 'busybox:1.36', args: i === 1 ? ['sleep', '3600'] : undefined, securityContext: i === 0 ? { readOnlyRootFilesystem: true } : undefined },
      ],
    },
    status: { phase: 'Running' },
  }));

const format = (o: string): OutputFormat => {
  const r = parseOutputFormat(o);
  if (!r.ok) throw new Error(r.stderr);
  return r.format;
};

describe('-o json', () => {
  it('is 4-space indented with sorted keys and a trailing newline', () => {
    const pod = nginxPod();
    expect(toKubectlJson(pod)).toBe(`${JSON.stringify(sortDeep(parse(NGINX_POD_YAML)), null, 4)}\n`);
  });

  it('one named object prints bare; anything else is a List', () => {
    const single = printObjects(pods().slice(0, 1), format('json'), { nowMs: NOW, singleItemImplied: true });
    expect(single.ok && JSON.parse(single.stdout).kind).toBe('Pod');
    const listOfOne = printObjects(pods().slice(0, 1), format('json'), { nowMs: NOW });
    expect(listOfOne.ok && JSON.parse(listOfOne.stdout)).toMatchObject({ apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' } });
    const empty = printObjects([], format('json'), { nowMs: NOW });
    expect(empty.ok && empty.stdout).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  });

  it('hides managedFields unless asked', () => {
    const hidden = printObjects(pods(), format('json'), { nowMs: NOW });
    expect(hidden.ok && hidden.stdout).not.toContain('managedFields');
    const shown = printObjects(pods(), format('json'), { nowMs: NOW, showManagedFields: true });
    expect(shown.ok && shown.stdout).toContain('"managedFields"');
  });

  it('typed objects keep declaration order', () => {
    expect(toKubectlJson({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'x', creationTimestamp: null } }, { sortKeys: false })).toBe(
      '{\n    "kind": "Pod",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "x",\n        "creationTimestamp": null\n    }\n}\n',
    );
  });
});

describe('-o yaml through printObjects', () => {
  it('wraps several objects in a List', () => {
    const out = printObjects(pods(), format('yaml'), { nowMs: NOW });
    expect(out.ok && out.stdout.split('\n').slice(0, 3)).toEqual(['apiVersion: v1', 'items:', '- apiVersion: v1']);
    expect(out.ok && out.stdout.endsWith('kind: List\nmetadata:\n  resourceVersion: ""\n')).toBe(true);
  });

  it('prints the reference pod verbatim when it alone was named', () => {
    const out = printObjects([nginxPod()], format('yaml'), { nowMs: NOW, singleItemImplied: true });
    expect(out.ok && out.stdout).toBe(NGINX_POD_YAML);
  });
});

describe('-o name', () => {
  it.each<[Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, string | undefined, string]>([
    [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'nginx' } }, undefined, 'pod/nginx\n'],
    [{ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' } }, undefined, 'deployment.apps/web\n'],
    [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' } }, undefined, 'role.rbac.authorization.k8s.io/r\n'],
    [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config' } }, 'created', 'configmap/app-config created\n'],
  ])('%j', (obj, op, line) => {
    expect(nameLine(obj, op)).toBe(line);
  });

  it('lists every item', () => {
    const out = printObjects(pods(), format('name'), { nowMs: NOW });
    expect(out.ok && out.stdout).toBe('pod/nginx\npod/web\n');
  });
});

describe('-o jsonpath', () => {
  it.each([
    ['{.items[*].metadata.name}', 'nginx web'],
    ['{range .items[*]}{.metadata.name}{"\\n"}{end}', 'nginx\nweb\n'],
    ['{.items[1].spec.containers[0].args}', '["sleep","3600"]'],
    ['{.items[0].metadata.labels}', '{"run":"nginx"}'],
    ['{.items[?(@.spec.containers[0].securityContext.readOnlyRootFilesystem==true)].metadata.name}', 'nginx'],
    ['{.items[0].spec.nodeName}', ''],
    ['{.items[0].metadata.managedFields}', ''],
    ['names: {.items[*].metadata.name}', 'names: nginx web'],
  ])('%s', (template, stdout) => {
    const out = printObjects(pods(), format(`jsonpath=${template}`), { nowMs: NOW });
    expect(out).toEqual({ ok: true, stdout });
  });

  it('a missing key is an error when --allow-missing-template-keys=false', () => {
    const out = printObjects(pods().slice(0, 1), format('jsonpath={.spec.nodeName}'), { nowMs: NOW, singleItemImplied: true, allowMissingTemplateKeys: false });
    expect(!out.ok && out.stderr.split('\n')[0]).toBe(
      'error: error executing jsonpath "{.spec.nodeName}": Error executing template: nodeName is not found. Printing more information for debugging the template:',
    );
  });

  it('reports a parse error as kubectl does', () => {
    expect(jsonPathParseError('{.metadata.name')).toBe('error: error parsing jsonpath {.metadata.name, unclosed action\n');
    expect(jsonPathParseError('{.items[*]}')).toBeNull();
    const out = printJsonPath('{.a[}', {});
    expect(out).toEqual({ ok: false, stderr: 'error: error parsing jsonpath {.a[}, unterminated array\n' });
  });

  it('reports an execution error with the template and the object, Go-style', () => {
    const out = printObjects([], format('jsonpath={.items[0].metadata.name}'), { nowMs: NOW });
    expect(out).toEqual({
      ok: false,
      stdout: '',
      stderr:
        'error: error executing jsonpath "{.items[0].metadata.name}": Error executing template: array index out of bounds: index 0, length 0. Printing more information for debugging the template:\n' +
        '\ttemplate was:\n\t\t{.items[0].metadata.name}\n' +
        '\tobject given to jsonpath engine was:\n' +
        '\t\tmap[string]interface {}{"apiVersion":"v1", "items":[]interface {}{}, "kind":"List", "metadata":map[string]interface {}{"resourceVersion":""}}\n\n\n',
    });
  });

  it('jsonpath-as-json prints each result group as an indented JSON array', () => {
    const out = printObjects(pods(), format('jsonpath-as-json={.items[*].metadata.name}'), { nowMs: NOW });
    expect(out).toEqual({ ok: true, stdout: '[\n    "nginx",\n    "web"\n]\n' });
  });
});

describe('-o custom-columns', () => {
  it('prints verbatim headers, <none> for missing values, commas between several, Go-style values', () => {
    const out = printObjects(
      pods(),
      format('custom-columns=NAME:.metadata.name,Image:{.spec.containers[*].image},RO:spec.containers[0].securityContext.readOnlyRootFilesystem,ARGS:.spec.containers[0].args,LABELS:.metadata.labels'),
      { nowMs: NOW },
    );
    expect(out).toEqual({
      ok: true,
      stdout: `NAME    Image          RO       ARGS           LABELS
nginx   nginx:1.23     true     <none>         map[run:nginx]
web     busybox:1.36   <none>   [sleep 3600]   map[run:web]
`,
    });
  });

  it('--no-headers drops the header line', () => {
    const out = printObjects(pods(), format('custom-columns=NAME:.metadata.name'), { nowMs: NOW, noHeaders: true });
    expect(out).toEqual({ ok: true, stdout: 'nginx\nweb\n' });
  });

  it.each([
    ['NAME', 'unexpected custom-columns spec: NAME, expected <header>:<json-path-expr>'],
    ['NAME:{.a}}', "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"],
  ])('rejects the spec %s', (spec, error) => {
    expect(parseCustomColumnsSpec(spec)).toEqual({ ok: false, error });
  });

  it('a path that does not parse still prints the header first', () => {
    const spec = parseCustomColumnsSpec('NAME:.a[0');
    expect(spec.ok).toBe(true);
    if (spec.ok) expect(printCustomColumns([{ a: [1] }], spec.columns)).toEqual({ ok: false, stdout: 'NAME\n', error: 'unterminated array' });
  });

  it.each([
    ['.metadata.name', '{.metadata.name}'],
    ['metadata.name', '{.metadata.name}'],
    ['{metadata.name}', '{.metadata.name}'],
    ['{.metadata.name}', '{.metadata.name}'],
  ])('relaxes %s', (path, template) => {
    expect(relaxedJsonPathExpression(path)).toEqual({ ok: true, template });
  });
});

describe('-o parsing', () => {
  it.each<[string, OutputFormat]>([
    ['', { kind: 'table', wide: false }],
    ['wide', { kind: 'table', wide: true }],
    ['yaml', { kind: 'yaml' }],
    ['jsonpath={.a}', { kind: 'jsonpath', template: '{.a}', asJson: false }],
    ['jsonpath={.a=b}', { kind: 'jsonpath', template: '{.a=b}', asJson: false }],
    ['jsonpath-file=/tmp/t', { kind: 'jsonpath-file', path: '/tmp/t' }],
    ['custom-columns=A:.a', { kind: 'custom-columns', spec: 'A:.a' }],
  ])('%j', (o, expected) => {
    expect(parseOutputFormat(o)).toEqual({ ok: true, format: expected });
  });

  it('jsonpath without = takes --template', () => {
    expect(parseOutputFormat('jsonpath', '{.b}')).toEqual({ ok: true, format: { kind: 'jsonpath', template: '{.b}', asJson: false } });
  });

  it.each([
    ['ymal', 'error: unable to match a printer suitable for the output format "ymal", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n'],
    ['jsonpath', 'error: template format specified but no template given\n'],
    ['jsonpath=', 'error: template format specified but no template given\n'],
    ['custom-columns=', 'error: custom-columns format specified but no custom columns given\n'],
  ])('%j is an error', (o, stderr) => {
    expect(parseOutputFormat(o)).toEqual({ ok: false, stderr });
  });

  it('commands without tables reject wide', () => {
    const r = parseOutputFormat('wide', '', ['json', 'yaml', 'name']);
    expect(!r.ok && r.stderr).toContain('"wide", allowed formats are: json,yaml,name');
  });
});

describe('List wrapping', () => {
  it('wrapList gives apiVersion, items, kind, metadata.resourceVersion ""', () => {
    expect(wrapList([])).toEqual({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
  });

  it('the table path prints nothing for no objects', () => {
    expect(printObjects([], format(''), { nowMs: NOW })).toEqual({ ok: true, stdout: '' });
  });

  it('stored objects with scrambled keys still print sorted', () => {
    const out = printObjects([scrambleKeys(pods()[0] as KubeObject)], format('json'), { nowMs: NOW, singleItemImplied: true });
    expect(out.ok && Object.keys(JSON.parse(out.stdout))).toEqual(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
  });
});

