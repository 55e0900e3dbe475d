// kubectl label and annotate: add, --overwrite, removal with `key-`, --all, -l, --list, --dry-run,
// --resource-version, and the argument and overwrite errors, worded as kubectl 1.26 words them.
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { splitResourcesAndPairs, labelValueErrors } from '../../src/commands/kubectl/label';
import { bootedLab, kubeLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';
type K = (...args: string[]) => ReturnType<KubeLab['run']>;

async function lab(): Promise<{ lab: KubeLab; k: K }> {
  const l = await bootedLab({ programs: kubeCommands });
  const k: K = (...args) => l.run(CP, ['kubectl', ...args], { uid: 1000 });
  await k('run', 'nginx', '--image=nginx:1.23.3', '--labels=env=dev');
  await k('run', 'web', '--image=nginx:1.23.3', '--labels=env=prod');
  return { lab: l, k };
}

const labels = async (k: K, pod = 'nginx'): Promise<string> => (await k('get', 'pod', pod, '-o', 'jsonpath={.metadata.labels}')).stdout;

describe('kubectl label', () => {
  it('adds a label', async () => {
    const { k } = await lab();
    expect(await k('label', 'pods', 'nginx', 'tier=web')).toEqual({ status: 0, stdout: 'pod/nginx labeled\n', stderr: '' });
    expect(await labels(k)).toBe('{"env":"dev","tier":"web"}');
  });

  it('refuses to change a value without --overwrite, then changes it with it', async () => {
    const { k } = await lab();
    expect(await k('label', 'pod', 'nginx', 'env=prod')).toEqual({ status: 1, stdout: '', stderr: "error: 'env' already has a value (dev), and --overwrite is false\n" });
    expect(await k('label', 'pod', 'nginx', 'env=prod', '--overwrite')).toEqual({ status: 0, stdout: 'pod/nginx labeled\n', stderr: '' });
    expect(await labels(k)).toBe('{"env":"prod"}');
  });

  it('removes with key-: unlabeled, and says so when the label was not there', async () => {
    const { k } = await lab();
    expect(await k('label', 'pod/nginx', 'env-')).toEqual({ status: 0, stdout: 'pod/nginx unlabeled\n', stderr: '' });
    expect(await labels(k)).toBe('');
    expect(await k('label', 'pod/web', 'nope-')).toEqual({ status: 0, stdout: 'label "nope" not found.\npod/web not labeled\n', stderr: '' });
  });

  it('labels every pod with --all, or those a selector picks', async () => {
    const { k } = await lab();
    expect(await k('label', 'pods', '--all', 'team=a')).toEqual({ status: 0, stdout: 'pod/nginx labeled\npod/web labeled\n', stderr: '' });
    expect(await k('label', 'pods', '-l', 'env=prod', 'team=b', '--overwrite')).toEqual({ status: 0, stdout: 'pod/web labeled\n', stderr: '' });
    expect(await labels(k, 'web')).toBe('{"env":"prod","team":"b"}');
  });

  it('--list prints the labels, with a heading per object when several', async () => {
    const { k } = await lab();
    expect(await k('label', 'pod', 'nginx', '--list')).toEqual({ status: 0, stdout: 'env=dev\n', stderr: '' });
    expect((await k('label', 'pods', '--all', '--list')).stdout).toBe('Listing labels for Pod./nginx:\n env=dev\nListing labels for Pod./web:\n env=prod\n');
  });

  it('--dry-run=client prints without sending; -o yaml prints the object', async () => {
    const { k } = await lab();
    expect(await k('label', 'pod', 'nginx', 'x=z', '--dry-run=client')).toEqual({ status: 0, stdout: 'pod/nginx labeled (dry run)\n', stderr: '' });
    expect(await k('label', 'pod', 'nginx', 'x=z', '--dry-run=server')).toEqual({ status: 0, stdout: 'pod/nginx labeled (server dry run)\n', stderr: '' });
    expect(await labels(k)).toBe('{"env":"dev"}');
    // `y` is a YAML 1.1 boolean, so the printer quotes it.
    expect((await k('label', 'pod', 'nginx', 'x=y', '-o', 'yaml')).stdout).toContain('  labels:\n    env: dev\n    x: "y"\n');
    expect(await k('label', 'pod', 'nginx', 'w=v', '-o', 'name')).toEqual({ status: 0, stdout: 'pod/nginx labeled\n', stderr: '' });
    expect((await k('label', 'pod', 'nginx', 'u=v', '-o', 'wide')).stderr).toBe(
      'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml,name,go-template,go-template-file,template,templatefile,jsonpath,jsonpath-as-json,jsonpath-file\n',
    );
  });

  it('--resource-version is a precondition', async () => {
    const { k } = await lab();
    expect(await k('label', 'pod', 'nginx', 'a=b', '--resource-version=1')).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Error from server (Conflict): Operation cannot be fulfilled on pods "nginx": the object has been modified; please apply your changes to the latest version and try again\n',
    });
    const rv = (await k('get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.resourceVersion}')).stdout;
    expect((await k('label', 'pod', 'nginx', 'a=b', `--resource-version=${rv}`)).stdout).toBe('pod/nginx labeled\n');
    expect((await k('label', 'pods', '--all', 'a=c', '--resource-version=1')).stderr).toBe('error: --resource-version may only be used with a single resource\n');
  });

  it.each([
    [['pod', 'nginx', 'a=b=c'], 'error: invalid label spec: a=b=c\n'],
    [['pod', 'nginx', 'a=b c'], `error: invalid label value: "a=b c": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n`],
    [['pod', 'nginx', 'a=b', 'a-'], 'error: can not both modify and remove a label in the same command\n'],
    [['pod', 'a=b', 'nginx'], 'error: all resources must be specified before label changes: nginx\n'],
    [['pod', 'nginx'], 'error: at least one label update is required\n'],
    [['a=b'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    [['pods', '--all', '-l', 'x=y', 'a=b'], 'error: cannot set --all and --selector at the same time\n'],
    [['pod', 'nginx', '--list', '-o', 'yaml'], 'error: --list and --output may not be specified together\n'],
    [['pod', 'nope', 'a=b'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['pod', 'a=b'], 'error: resource(s) were provided, but no name was specified\n'],
  ])('kubectl label %j fails with the real message', async (args, stderr) => {
    const { k } = await lab();
    expect(await k('label', ...args)).toEqual({ status: 1, stdout: '', stderr });
  });

  it('reports each failing object, and labels the others', async () => {
    const { k } = await lab();
    const r = await k('label', 'pods', 'nginx', 'nope', 'web', 'env=x');
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: "Error from server (NotFound): pods \"nope\" not found\n'env' already has a value (dev), and --overwrite is false\n'env' already has a value (prod), and --overwrite is false\n",
    });
  });

  it('--local labels the objects of a file without the API server', async () => {
    const l = kubeLab({ programs: kubeCommands });
    l.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile('/home/vagrant/pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    const r = await l.run(CP, ['kubectl', 'label', '--local', '-f', 'pod.yaml', 'a=b', '-o', 'yaml'], { uid: 1000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('metadata:\n  labels:\n    a: b\n  name: p\n');
    expect((await l.run(CP, ['kubectl', 'label', '--local', 'pod', 'p', 'a=b'], { uid: 1000 })).stderr).toBe('error: can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set\n');
    expect((await l.run(CP, ['kubectl', 'annotate', '--local', 'a=b'], { uid: 1000 })).stderr).toBe('error: one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json\n');
  });

  it('an invalid label key is refused by the API server', async () => {
    const { k } = await lab();
    const r = await k('label', 'pod', 'nginx', 'bad key=x');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`The Pod "nginx" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`);
  });
});

describe('kubectl annotate', () => {
  it('annotates, refuses an overwrite, overwrites with --overwrite, removes', async () => {
    const { k } = await lab();
    expect(await k('annotate', 'pod', 'nginx', 'description=my frontend')).toEqual({ status: 0, stdout: 'pod/nginx annotated\n', stderr: '' });
    expect(await k('annotate', 'pod', 'nginx', 'description=x')).toEqual({
      status: 1,
      stdout: '',
      stderr: "error: --overwrite is false but found the following declared annotation(s): 'description' already has a value (my frontend)\n",
    });
    expect((await k('annotate', 'pod', 'nginx', 'description=a=b', '--overwrite')).stdout).toBe('pod/nginx annotated\n');
    expect((await k('get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.annotations.description}')).stdout).toBe('a=b');
    expect(await k('annotate', 'pod', 'nginx', '--list')).toEqual({ status: 0, stdout: 'description=a=b\n', stderr: '' });
    expect(await k('annotate', 'pod', 'nginx', 'description-')).toEqual({ status: 0, stdout: 'pod/nginx annotated\n', stderr: '' });
    expect((await k('get', 'pod', 'nginx', '-o', 'jsonpath={.metadata.annotations}')).stdout).toBe('');
  });

  it.each([
    [['pod', 'nginx', '=x'], 'error: at least one annotation update is required\n'],
    [['pod', 'nginx', 'a=b', 'a-'], 'error: can not both modify and remove the following annotation(s) in the same command: a\n'],
    [['pod', 'nginx'], 'error: at least one annotation update is required\n'],
  ])('kubectl annotate %j fails with the real message', async (args, stderr) => {
    const { k } = await lab();
    expect(await k('annotate', ...args)).toEqual({ status: 1, stdout: '', stderr });
  });
});

describe('label arguments', () => {
  it.each([
    [['pods', 'nginx', 'a=b', 'c-'], { resources: ['pods', 'nginx'], pairs: ['a=b', 'c-'] }],
    [['pod/nginx', 'a='], { resources: ['pod/nginx'], pairs: ['a='] }],
    [['pods', '-', 'a=b'], { resources: ['pods', '-'], pairs: ['a=b'] }],
    [['=x', 'pods'], { resources: ['=x', 'pods'], pairs: [] }],
    [['a=b', 'pods'], 'all resources must be specified before label changes: pods'],
  ])('%j splits into resources and changes', (args, want) => {
    expect(splitResourcesAndPairs(args, 'label')).toEqual(want);
  });

  it.each([
    ['', []],
    ['prod', []],
    ['a'.repeat(63), []],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['-x', 1],
    ['x.', 1],
    ['a b', 1],
  ])('label value %j', (value, want) => {
    const errs = labelValueErrors(value);
    if (typeof want === 'number') expect(errs).toHaveLength(want);
    else expect(errs).toEqual(want);
  });
});
