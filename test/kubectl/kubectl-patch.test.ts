// kubectl patch: strategic (default), merge and json patches given as JSON or YAML, --patch-file,
// dry runs, -o, `(no change)`, the Forbidden pod update, and malformed patches with kubectl's and the
// API server's messages.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { bootedLab, kubeLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';

async function lab(): Promise<{ lab: KubeLab; k: (...args: string[]) => ReturnType<KubeLab['run']> }> {
  const l = await bootedLab({ programs: kubeCommands });
  const k = (...args: string[]) => l.run(CP, ['kubectl', ...args], { uid: 1000 });
  await k('run', 'nginx', '--image=nginx:1.23.3');
  return { lab: l, k };
}

const jp = async (k: (...args: string[]) => ReturnType<KubeLab['run']>, path: string): Promise<string> => (await k('get', 'pod', 'nginx', '-o', `jsonpath=${path}`)).stdout;

describe('kubectl patch', () => {
  it.each([
    ['strategic JSON', ['-p', '{"metadata":{"labels":{"tier":"web"}}}']],
    ['strategic YAML', ['-p', 'metadata:\n  labels:\n    tier: web']],
    ['merge', ['--type', 'merge', '-p', '{"metadata":{"labels":{"tier":"web"}}}']],
    ['json', ['--type=json', '-p', '[{"op":"add","path":"/metadata/labels/tier","value":"web"}]']],
  ])('a %s patch adds a label', async (_name, args) => {
    const { k } = await lab();
    expect(await k('patch', 'pod', 'nginx', ...args)).toEqual({ status: 0, stdout: 'pod/nginx patched\n', stderr: '' });
    expect(await jp(k, '{.metadata.labels}')).toBe('{"run":"nginx","tier":"web"}');
  });

  it('says (no change) when the object stays the same', async () => {
    const { k } = await lab();
    expect(await k('patch', 'pod/nginx', '-p', '{"metadata":{"labels":{"run":"nginx"}}}')).toEqual({ status: 0, stdout: 'pod/nginx patched (no change)\n', stderr: '' });
  });

  it('patches an image through the strategic merge key', async () => {
    const { k } = await lab();
    const r = await k('patch', 'pod', 'nginx', '-p', '{"spec":{"containers":[{"name":"nginx","image":"nginx:1.23.4"}]}}');
    expect(r).toEqual({ status: 0, stdout: 'pod/nginx patched\n', stderr: '' });
    expect(await jp(k, '{.spec.containers[*].image}')).toBe('nginx:1.23.4');
  });

  it('reads --patch-file, and prints -o yaml', async () => {
    const { lab: l, k } = await lab();
    l.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile('/home/vagrant/p.yaml', 'metadata:\n  annotations:\n    owner: team-a\n');
    const r = await k('patch', 'pod', 'nginx', '--patch-file', 'p.yaml', '-o', 'yaml');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('  annotations:\n    owner: team-a\n');
    expect(r.stdout.startsWith('apiVersion: v1\nkind: Pod\n')).toBe(true);
  });

  it('--dry-run=client and =server change nothing', async () => {
    const { k } = await lab();
    const rv = await jp(k, '{.metadata.resourceVersion}');
    expect(await k('patch', 'pod', 'nginx', '-p', '{"metadata":{"labels":{"a":"b"}}}', '--dry-run=client')).toEqual({ status: 0, stdout: 'pod/nginx patched (dry run)\n', stderr: '' });
    expect(await k('patch', 'pod', 'nginx', '-p', '{"metadata":{"labels":{"a":"b"}}}', '--dry-run=server')).toEqual({ status: 0, stdout: 'pod/nginx patched (server dry run)\n', stderr: '' });
    expect(await jp(k, '{.metadata.resourceVersion} {.metadata.labels.a}')).toBe(`${rv} `);
  });

  it('a securityContext is Forbidden on a running pod', async () => {
    const { lab: l, k } = await lab();
    await l.advance(8);
    const r = await k('patch', 'pod', 'nginx', '-p', '{"spec":{"containers":[{"name":"nginx","securityContext":{"readOnlyRootFilesystem":true}}]}}');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe(
      'The Pod "nginx" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(r.stderr).toContain('+ \t\t\tSecurityContext: &core.SecurityContext{ReadOnlyRootFilesystem: &true},');
  });

  it('warns about an unknown field (fieldValidation defaults to Warn for patch)', async () => {
    const { k } = await lab();
    expect(await k('patch', 'pod', 'nginx', '-p', '{"metadata":{"labelz":{"a":"b"}}}')).toEqual({ status: 0, stdout: 'pod/nginx patched (no change)\n', stderr: 'Warning: unknown field "metadata.labelz"\n' });
  });

  it.each([
    ['YAML that does not parse', ['-p', 'metadata: [x'], /^error: unable to parse "metadata: \[x": yaml: [^\n]*did not find expected ',' or ']'\n$/],
    ['a truncated JSON object', ['-p', '{"metadata":{"labels":{"a":"b"}}'], /^Error from server \(BadRequest\): unexpected end of JSON input\n$/],
    ['single-quoted JSON keys', ['-p', "{'metadata':{}}"], /^Error from server \(BadRequest\): invalid character '\\'' looking for beginning of object key string\n$/],
    ['an extra brace', ['-p', '{"metadata":{}}}'], /^Error from server \(BadRequest\): invalid character '}' after top-level value\n$/],
    ['bad JSON in a merge patch', ['--type', 'merge', '-p', '{"a":tru}'], /^Error from server \(BadRequest\): error decoding patch: invalid character '}' in literal true \(expecting 'e'\)\n$/],
    ['a JSON patch that is an object', ['--type', 'json', '-p', '{"op":"add"}'], /^Error from server \(BadRequest\): error decoding patch: json: cannot unmarshal object into Go value of type \[\]handlers\.jsonPatchOp\n$/],
    ['a JSON patch on a missing path', ['--type', 'json', '-p', '[{"op":"remove","path":"/metadata/labels/zzz"}]'], /^The request is invalid: : error in remove for path: '\/metadata\/labels\/zzz': Unable to remove nonexistent key: zzz: missing value\n$/],
    ['a list as a strategic patch', ['-p', '[1]'], /^Error from server \(BadRequest\): json: cannot unmarshal array into Go value of type map\[string\]interface \{\}\n$/],
    ['an unknown --type', ['--type', 'xml', '-p', '{}'], /^error: --type must be one of \[json merge strategic\], not "xml"\n$/],
    ['no patch', [], /^error: must specify --patch or --patch-file containing the contents of the patch\n$/],
    ['both -p and --patch-file', ['-p', '{}', '--patch-file', 'x'], /^error: cannot specify --patch and --patch-file together\n$/],
    ['a missing patch file', ['--patch-file', 'nope.json'], /^error: unable to read patch file: open nope\.json: no such file or directory\n$/],
    ['a bad --dry-run', ['-p', '{}', '--dry-run=maybe'], /^error: Invalid dry-run value \(maybe\)\. Must be "none", "server", or "client"\.\n$/],
  ])('%s fails with the real message', async (_name, args, stderr) => {
    const { k } = await lab();
    const r = await k('patch', 'pod', 'nginx', ...args);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(stderr);
    expect(r.status).toBe(1);
  });

  it('--local patches the objects of a file without the API server', async () => {
    const l = kubeLab({ programs: kubeCommands });
    l.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile('/home/vagrant/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    const run = (...args: string[]) => l.run(CP, ['kubectl', 'patch', ...args], { uid: 1000 });
    expect(await run('--local', '-f', 'pod.yaml', '-p', '{"spec":{"containers":[{"name":"c","image":"nginx:1.23.4"}]}}')).toEqual({ status: 0, stdout: 'pod/p patched\n', stderr: '' });
    expect((await run('--local', '-f', 'pod.yaml', '--type', 'merge', '-p', '{"metadata":{"labels":{"a":"b"}}}', '-o', 'yaml')).stdout).toContain('metadata:\n  labels:\n    a: b\n  name: p\n');
    expect((await run('--local', '-f', 'pod.yaml', '--type', 'json', '-p', '[{"op":"replace","path":"/x","value":1}]')).stderr).toBe('error: Object to be patched is missing field (/x: missing value)\n');
    expect((await run('--local', 'pod', 'p', '-p', '{}')).stderr).toBe('error: cannot specify --local and server resources\n');
  });

  it('names a missing object, and needs a name', async () => {
    const { k } = await lab();
    expect(await k('patch', 'pod', 'nope', '-p', '{}')).toEqual({ status: 1, stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n' });
    expect(await k('patch', 'pod', '-p', '{}')).toEqual({ status: 1, stdout: '', stderr: 'error: resource(s) were provided, but no name was specified\n' });
  });

  it('is refused like every kubectl call while the API server is down', async () => {
    const down = kubeLab({ programs: kubeCommands });
    const r = await down.run(CP, ['kubectl', 'patch', 'pod', 'nginx', '-p', '{}'], { uid: 1000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?');
  });
});
