// kubectl edit through the node's vi: the header, an edited image patched in place, cancelled and
// empty saves, editor failures, a syntax error reopening the file, and the immutable-container
// workflow (Forbidden → reopened with the reasons → copy kept → replace --force from that copy).
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { kubeCommands } from '../../src/commands/kubectl';
import { nano } from '../../src/commands/nano';
import { vi, vim } from '../../src/commands/vim';
import type { EditorRequest, EditorResult } from '../../src/commands/types';
import { bootedLab, kubeLab, type KubeLab } from '../kube/harness';

const CP = 'kube-control-plane';
const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;
const SETUP = `apiVersion: v1
kind: Pod
metadata:
  name: hash
spec:
  containers:
  - name: hash
    image: alpine:3.17.1
    command: ["sh", "-c", "while true; do echo x >> /var/config/hash.txt; sleep 20; done"]
`;
const FORBIDDEN =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

type Edit = (req: EditorRequest) => EditorResult;

/** A lab whose "real editor" runs the scripted edits in turn (the last one repeats). */
async function editLab(edits: Edit[]): Promise<{ lab: KubeLab; requests: EditorRequest[]; k: (...args: string[]) => ReturnType<KubeLab['run']> }> {
  const lab = await bootedLab({ programs: [...kubeCommands, vim, vi, nano] });
  const requests: EditorRequest[] = [];
  lab.kernel.hooks.openEditor = async (req) => {
    requests.push(req);
    return edits[Math.min(requests.length - 1, edits.length - 1)]!(req);
  };
  const k = (...args: string[]) => lab.run(CP, ['kubectl', ...args], { uid: 1000 });
  lab.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile('/home/vagrant/setup.yaml', SETUP);
  return { lab, requests, k };
}

// `any`: the scripted editors poke at arbitrary paths of the parsed YAML.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = Record<string, any>;

/** An editor that parses the object (comments dropped), changes it and writes it back as YAML. */
const change =
  (f: (o: Doc) => void): Edit =>
  (req) => {
    const o = parse(req.content) as Doc;
    f(o);
    return { content: stringify(o), status: 0 };
  };
const quit: Edit = () => ({ content: null, status: 0 });

describe('kubectl edit', () => {
  it('opens vi on /tmp/kubectl-edit-<digits>.yaml with the header, and patches a changed image', async () => {
    const { lab, requests, k } = await editLab([change((o) => (o.spec.containers[0].image = 'busybox:1.36'))]);
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    expect(r).toEqual({ status: 0, stdout: 'pod/hash edited\n', stderr: '' });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.editor).toBe('vi');
    expect(requests[0]!.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(requests[0]!.content.startsWith(`${HEADER}apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n`)).toBe(true);
    expect(requests[0]!.content).not.toContain('managedFields');
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.spec.containers[0].image}')).stdout).toBe('busybox:1.36');
    expect(lab.read(CP, requests[0]!.path)).toBeNull();
  });

  it('quitting without a change cancels: no request, exit 0, temp file removed', async () => {
    const { lab, requests, k } = await editLab([quit]);
    await k('apply', '-f', 'setup.yaml');
    const rv = (await k('get', 'pod', 'hash', '-o', 'jsonpath={.metadata.resourceVersion}')).stdout;
    expect(await k('edit', 'pod/hash')).toEqual({ status: 0, stdout: '', stderr: 'Edit cancelled, no changes made.\n' });
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.metadata.resourceVersion}')).stdout).toBe(rv);
    expect(lab.read(CP, requests[0]!.path)).toBeNull();
  });

  it('an emptied file cancels the edit', async () => {
    const { k } = await editLab([() => ({ content: '# nothing\n\n', status: 0 })]);
    await k('apply', '-f', 'setup.yaml');
    expect(await k('edit', 'pod', 'hash')).toEqual({ status: 0, stdout: '', stderr: 'Edit cancelled, saved file was empty.\n' });
  });

  it('making the running pod immutable is Forbidden; the copy kept is what replace --force recreates it from', async () => {
    const immutable = change((o) => {
      const c = o.spec.containers[0];
      c.securityContext = { readOnlyRootFilesystem: true };
      c.volumeMounts.push({ name: 'hash-vol', mountPath: '/var/config' });
      o.spec.volumes.push({ name: 'hash-vol', emptyDir: {} });
    });
    const { lab, requests, k } = await editLab([immutable, quit]);
    await k('apply', '-f', 'setup.yaml');
    await lab.advance(8);
    const r = await k('edit', 'pod', 'hash');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const [first, second] = requests;
    expect(second!.path).not.toBe(first!.path);
    expect(r.stderr).toBe(`error: pods "hash" is invalid\nA copy of your changes has been stored to "${second!.path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    // The reopened file: the header, the server's reasons as comments (every diff line too), the edit.
    const reopened = second!.content;
    expect(reopened.startsWith(`${HEADER}# pods "hash" was not valid:\n# * ${FORBIDDEN}\n#   core.PodSpec{\n`)).toBe(true);
    const comments = reopened.split('\n').filter((l) => l.startsWith('#'));
    expect(comments.some((l) => l.startsWith('# +') && l.includes('SecurityContext'))).toBe(true);
    expect(reopened.split('\n').filter((l) => !l.startsWith('#')).join('\n')).toContain('readOnlyRootFilesystem: true');
    const copy = lab.read(CP, second!.path)!;
    expect(copy).toBe(reopened);
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.spec.containers[0].securityContext}')).stdout).toBe('');

    const rep = await k('replace', '--force', '-f', second!.path);
    expect(rep).toEqual({ status: 0, stdout: 'pod "hash" deleted\npod/hash replaced\n', stderr: '' });
    await lab.advance(8);
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.status.phase} {.spec.containers[0].securityContext.readOnlyRootFilesystem}')).stdout).toBe('Running true');
    expect(await k('exec', 'hash', '--', 'touch', '/x')).toEqual({ status: 1, stdout: '', stderr: 'touch: /x: Read-only file system\ncommand terminated with exit code 1\n' });
  });

  it('a reopened file that is then fixed is patched', async () => {
    const { requests, k } = await editLab([
      change((o) => (o.spec.containers[0].securityContext = { readOnlyRootFilesystem: true })),
      change((o) => {
        delete o.spec.containers[0].securityContext;
        o.spec.containers[0].image = 'alpine:3.18';
      }),
    ]);
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    expect(r).toEqual({ status: 0, stdout: 'pod/hash edited\n', stderr: 'error: pods "hash" is invalid\n' });
    expect(requests).toHaveLength(2);
    expect((await k('get', 'pod', 'hash', '-o', 'jsonpath={.spec.containers[0].image}')).stdout).toBe('alpine:3.18');
  });

  it('invalid YAML reopens the file with the parse error as a comment', async () => {
    const { requests, k } = await editLab([(req) => ({ content: req.content.replace('kind: Pod', 'kind: Pod\n  bad: [x'), status: 0 }), quit]);
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: Edit cancelled, no valid changes were saved\.\n$/);
    expect(requests[1]!.content).toMatch(/^# Please edit[^]*#\n# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line \d+: [^\n]+\n#\napiVersion: v1\n/);
  });

  it('an unknown kind reopens the file with the mapping error, each line a comment', async () => {
    const { requests, k } = await editLab([(req) => ({ content: req.content.replace('kind: Pod', 'kind: Podd'), status: 0 }), quit]);
    await k('apply', '-f', 'setup.yaml');
    expect((await k('edit', 'pod', 'hash')).status).toBe(1);
    expect(requests[1]!.content).toContain(
      '#\n# The edited file had a syntax error: resource mapping not found for name: "hash" namespace: "default" from "edited-file": no matches for kind "Podd" in version "v1"\n# ensure CRDs are installed first\n#\napiVersion: v1\n',
    );
  });

  it('a failing editor is reported by its name', async () => {
    const { k } = await editLab([() => ({ content: null, status: 1 })]);
    await k('apply', '-f', 'setup.yaml');
    expect(await k('edit', 'pod', 'hash')).toEqual({ status: 1, stdout: '', stderr: 'error: there was a problem with the editor "vi"\n' });
  });

  it.each([
    [{ KUBE_EDITOR: 'nano' }, 'nano'],
    [{ EDITOR: 'nano' }, 'nano'],
    [{ KUBE_EDITOR: 'vim', EDITOR: 'nano' }, 'vim'],
  ])('runs the editor named by %o', async (env, editor) => {
    const { lab, requests } = await editLab([quit]);
    await lab.run(CP, ['kubectl', 'apply', '-f', 'setup.yaml'], { uid: 1000 });
    await lab.run(CP, ['kubectl', 'edit', 'pod', 'hash'], { uid: 1000, env });
    expect(requests[0]!.editor).toBe(editor);
  });

  it('an editor that is not installed cannot be launched', async () => {
    const { lab, k } = await editLab([quit]);
    await k('apply', '-f', 'setup.yaml');
    const r = await lab.run(CP, ['kubectl', 'edit', 'pod', 'hash'], { uid: 1000, env: { KUBE_EDITOR: 'code --wait' } });
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'error: unable to launch the editor "code --wait"\n' });
  });

  it('-o json edits JSON without the header', async () => {
    const { requests, k } = await editLab([quit]);
    await k('apply', '-f', 'setup.yaml');
    await k('edit', 'pod', 'hash', '-o', 'json');
    expect(requests[0]!.path).toMatch(/\.json$/);
    expect(requests[0]!.content.startsWith('{\n    "apiVersion": "v1",\n')).toBe(true);
  });

  it('changing the name is refused and the copy kept', async () => {
    const { k } = await editLab([change((o) => (o.metadata.name = 'other'))]);
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^A copy of your changes has been stored to "\/tmp\/kubectl-edit-\d+\.yaml"\nerror: At least one of apiVersion, kind and name was changed\n$/);
  });

  it('a misspelt field is refused by strict field validation and the file reopened with the reason', async () => {
    const { requests, k } = await editLab([(req) => ({ content: req.content.replace('    image: alpine:3.17.1', '    imagee: alpine:3.17.1'), status: 0 }), quit]);
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    expect(r.stderr.split('\n')[0]).toBe('error: pods "hash" is invalid');
    expect(requests[1]!.content).toContain(
      '# pods "hash" was not valid:\n# * patch: Invalid value: "map[spec:map[$setElementOrder/containers:[map[name:hash]] containers:[map[image:<nil> imagee:alpine:3.17.1 name:hash]]]]": strict decoding error: unknown field "spec.containers[0].imagee"\n#\n',
    );
  });

  it('edits a Deployment named as deploy/NAME in another namespace', async () => {
    const { lab, k } = await editLab([change((o) => (o.spec.replicas = 3))]);
    lab.kernel.vfsFor(CP, { euid: 1000, egid: 1000, groups: [1000], cwd: '/home/vagrant', containerId: null }).writeFile(
      '/home/vagrant/deploy.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: kube-public\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.23.3\n',
    );
    expect((await k('apply', '-f', 'deploy.yaml')).stdout).toBe('deployment.apps/web created\n');
    expect(await k('edit', '-n', 'kube-public', 'deploy/web')).toEqual({ status: 0, stdout: 'deployment.apps/web edited\n', stderr: '' });
    expect((await k('get', 'deploy', 'web', '-n', 'kube-public', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('3');
  });

  it('edits several objects as one List', async () => {
    const { requests, k } = await editLab([change((o) => (o.items[1].metadata.labels = { edited: 'done' }))]);
    await k('apply', '-f', 'setup.yaml');
    await k('run', 'web', '--image=nginx:1.23.3');
    const r = await k('edit', 'pods', 'hash', 'web');
    expect(requests[0]!.content).toMatch(/^# Please edit[^]*#\napiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n/);
    expect(requests[0]!.content.endsWith('kind: List\nmetadata: {}\n')).toBe(true);
    expect(r).toEqual({ status: 0, stdout: 'pod/hash skipped\npod/web edited\n', stderr: '' });
  });

  it('an API server gone while editing leaves the file to replace later', async () => {
    let labRef: KubeLab | null = null;
    const { lab, requests, k } = await editLab([
      (req) => {
        labRef!.cluster.state.serving = null;
        return { content: req.content.replace('image: alpine:3.17.1', 'image: alpine:3.18'), status: 0 };
      },
    ]);
    labRef = lab;
    await k('apply', '-f', 'setup.yaml');
    const r = await k('edit', 'pod', 'hash');
    const file = requests[0]!.path;
    expect(r).toEqual({
      status: 1,
      stdout: '',
      stderr: `error: pods "hash" could not be patched: Patch "https://192.168.56.10:6443/api/v1/namespaces/default/pods/hash?fieldManager=kubectl-edit&fieldValidation=Strict": dial tcp 192.168.56.10:6443: connect: connection refused\nYou can run \`kubectl replace -f ${file}\` to try this update again.\n`,
    });
    expect(lab.read(CP, file)).toContain('image: alpine:3.18');
  });

  it('is refused like every kubectl call while the API server is down', async () => {
    const down = kubeLab({ programs: [...kubeCommands, vim, vi] });
    const r = await down.run(CP, ['kubectl', 'edit', 'pod', 'hash'], { uid: 1000 });
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split('\n').pop()).toBe('The connection to the server 192.168.56.10:6443 was refused - did you specify the right host or port?');
  });

  it.each([
    [['edit'], "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n"],
    [['edit', 'pod', 'nope'], 'Error from server (NotFound): pods "nope" not found\n'],
    [['edit', 'podz', 'x'], 'error: the server doesn\'t have a resource type "podz"\n'],
    [['edit', 'pod', 'hash', '-o', 'wide'], 'error: unable to match a printer suitable for the output format "wide", allowed formats are: json,yaml\n'],
  ])('kubectl %j fails with the real message', async (args, stderr) => {
    const { k } = await editLab([quit]);
    await k('apply', '-f', 'setup.yaml');
    expect(await k(...args)).toEqual({ status: 1, stdout: '', stderr });
  });
});
