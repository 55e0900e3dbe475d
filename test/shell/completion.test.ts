// Tab completion over a fake host: what one Tab makes of a line (through the TUI's line editor, which
// extends the common prefix), what a second Tab would list, kubectl's sourced completion, and that
// completion reads only — no program runs, no file opens, the shell state stays as it was.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShellState, type ShellState } from '../../src/shell';
import { completeLine, shellCompleter } from '../../src/shell/completion';
import { Terminal } from '../../src/shell/terminal';
import { createLineEditor, reduceLineEditor } from '../../src/tui/line-editor';
import { FakeHost, run } from './fake-host';

function fixture(): { host: FakeHost; state: ShellState } {
  const host = new FakeHost();
  host.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
  host.mkdir('/etc/kubernetes');
  host.mkdir('/etc/kubernetes/manifests');
  host.writeFile('/etc/kubernetes/admin.conf', '', { mode: 0o600 });
  host.writeFile('/home/vagrant/my file.txt', '', { uid: 1000 });
  host.mkdir('/home/vagrant/my dir', 1000);
  host.writeFile('/home/vagrant/.bashrc', '', { uid: 1000 });
  host.writeFile('/home/vagrant/notes.md', '', { uid: 1000 });
  host.writeFile('/home/vagrant/run.sh', '#!/bin/sh\n', { uid: 1000, mode: 0o755 });
  host.writeFile('/usr/bin/kubeadm', '', { mode: 0o755 });
  host.writeFile('/usr/bin/kubelet-config', '', { mode: 0o644 });
  host.mkdir('/usr/lib');
  host.files.set('/lib', { type: 'symlink', target: '/usr/lib', content: '', mode: 0o777, uid: 0, gid: 0, mtimeMs: 0, ino: 99 });
  const state = createShellState({
    env: { HOME: '/home/vagrant', USER: 'vagrant', PATH: '/usr/local/bin:/usr/bin:/bin' },
    cwd: '/home/vagrant',
    aliases: { kgp: 'kubectl get pods' },
  });
  return { host, state };
}

/** The line after pressing Tab `times` times, as the TUI's line editor applies each answer. */
function afterTab(state: ShellState, host: FakeHost, line: string, times = 1): string {
  let s = reduceLineEditor(createLineEditor(), { type: 'insert', text: line });
  for (let i = 0; i < times; i++) {
    s = reduceLineEditor(s, { type: 'tab' });
    const effect = s.effect;
    if (effect?.type !== 'complete') throw new Error('Tab asked for no completion');
    s = reduceLineEditor(s, { type: 'completion', ...completeLine(state, host, effect.line, effect.cursor) });
  }
  return s.buffer;
}

async function withKubectlCompletion(): Promise<{ host: FakeHost; state: ShellState }> {
  const f = fixture();
  // The part of `kubectl completion bash` that matters here: the function and its registration.
  await run('__start_kubectl() { :; }\ncomplete -o default -F __start_kubectl kubectl', f);
  return f;
}

describe('default completion (bash without bash-completion)', () => {
  it.each([
    ['a command on PATH', 'kubec', 'kubectl '],
    ['another executable', 'kubea', 'kubeadm '],
    ['a file without x bit is no command', 'kubel', 'kubel'],
    ['an alias', 'kg', 'kgp '],
    ['a reserved word', 'whil', 'while '],
    ['a builtin', 'shop', 'shopt '],
    ['a command after a pipe', 'echo hi | kubec', 'echo hi | kubectl '],
    ['a command after ;', 'cd /tmp;kubec', 'cd /tmp;kubectl '],
    ['a command in $( )', 'echo $(kubec', 'echo $(kubectl '],
    ['a command on the next line of a pasted block', 'echo hi\nkubec', 'echo hi\nkubectl '],
    ['a program by path: executables only', './ru', './run.sh '],
    ['a program by path: a plain file is not offered', './no', './no'],
    ['a command word with no command: directories in cwd', 'my', 'my\\ dir/'],
    ['sudo has no completion of its own: files in cwd', 'sudo kubec', 'sudo kubec'],
    ['an absolute file name', 'cat /etc/pass', 'cat /etc/passwd '],
    ['a directory gets its slash and no space', 'ls /etc/kuber', 'ls /etc/kubernetes/'],
    ['a subdirectory', 'ls /etc/kubernetes/ma', 'ls /etc/kubernetes/manifests/'],
    ['a name relative to the cwd', 'cat not', 'cat notes.md '],
    ['a hidden file when the dot is typed', 'ls .ba', 'ls .bashrc '],
    ['.. is a directory', 'cd ..', 'cd ../'],
    ['spaces are escaped', 'cat my\\ f', 'cat my\\ file.txt '],
    ['the common prefix keeps the escape', 'cat my', 'cat my\\ '],
    ['an open double quote is closed after a file', 'cat "my f', 'cat "my file.txt" '],
    ['an open single quote stays open after a directory', "cat 'my d", "cat 'my dir/"],
    ['a quote opened after the slash', 'cat /etc/"pa', 'cat /etc/"passwd" '],
    ['~/ is the home directory', 'ls ~/no', 'ls ~/notes.md '],
    ['~user', 'ls ~vag', 'ls ~vagrant/'],
    ['$VAR in the directory part stays as typed', 'ls $HOME/no', 'ls $HOME/notes.md '],
    ['a variable name; a directory value gets a slash', 'echo $HO', 'echo $HOME/'],
    ['a braced variable name', 'echo ${PA', 'echo ${PATH} '],
    ['an unknown variable', 'echo $NOSUCH', 'echo $NOSUCH'],
    ['after = in a word', 'ls --file=/etc/pa', 'ls --file=/etc/passwd '],
    ['a redirection target', 'echo hi > /etc/pa', 'echo hi > /etc/passwd '],
    ['a missing directory', 'ls /nonexistent/x', 'ls /nonexistent/x'],
  ])('%s: %j → %j', (_what, line, expected) => {
    const { host, state } = fixture();
    expect(afterTab(state, host, line)).toBe(expected);
  });

  it('a symlink to a directory completes bare first; the next Tab adds the slash (mark-symlinked-directories off)', () => {
    const { host, state } = fixture();
    expect(afterTab(state, host, 'ls /li')).toBe('ls /lib');
    expect(afterTab(state, host, 'ls /li', 2)).toBe('ls /lib/');
  });

  it('lists bare names for the second Tab, directories marked with /', () => {
    const { host, state } = fixture();
    expect(completeLine(state, host, 'ls /etc/kubernetes/', 19)).toEqual({ start: 19, candidates: ['admin.conf', 'manifests/'] });
    expect(completeLine(state, host, 'cat my', 6)).toEqual({ start: 4, candidates: ['my\\ dir/', 'my\\ file.txt'] });
  });

  it('lists hidden files too when nothing is typed (match-hidden-files), but not . and ..', () => {
    const { host, state } = fixture();
    const { candidates } = completeLine(state, host, 'ls ', 3);
    expect(candidates).toContain('.bashrc');
    expect(candidates).not.toContain('./');
    expect(candidates).not.toContain('../');
  });

  it('completes the word before the cursor, ignoring the rest of the line', () => {
    const { host, state } = fixture();
    expect(completeLine(state, host, 'cat /etc/pa | wc -l', 11)).toEqual({ start: 9, candidates: ['passwd'] });
  });

  it('offers every command for an empty line, functions included', async () => {
    const { host, state } = fixture();
    await run('greet() { echo hi; }', { host, state });
    const { candidates } = completeLine(state, host, '', 0);
    expect(candidates).toEqual(expect.arrayContaining(['greet', 'kgp', 'cat', 'kubectl', 'if', 'cd', 'complete']));
  });

  it('follows the shell: cd changes where relative names are looked up', async () => {
    const { host, state } = fixture();
    await run('cd /etc/kubernetes', { host, state });
    expect(afterTab(state, host, 'cat adm')).toBe('cat admin.conf ');
  });
});

describe("kubectl's completion once `kubectl completion bash` is sourced", () => {
  it.each([
    ['a subcommand', 'kubectl desc', 'kubectl describe '],
    ['a resource type after get', 'kubectl get configm', 'kubectl get configmaps '],
    ['a short name', 'kubectl get sv', 'kubectl get svc '],
    ['global flags before the subcommand are skipped', 'kubectl -n kube-system get sec', 'kubectl -n kube-system get secrets '],
    ['a second type after a comma', 'kubectl get pods,deployme', 'kubectl get pods,deployments '],
    ['a resource type after describe', 'kubectl describe nod', 'kubectl describe nodes '],
    ['a resource type after delete', 'kubectl delete namesp', 'kubectl delete namespaces '],
    ['object names are not fetched', 'kubectl get pods my', 'kubectl get pods my'],
    ['an output format', 'kubectl get pods -o ya', 'kubectl get pods -o yaml '],
    ['an output format after =', 'kubectl get pods --output=wi', 'kubectl get pods --output=wide '],
    ['-f falls back to file names (complete -o default)', 'kubectl apply -f /etc/pa', 'kubectl apply -f /etc/passwd '],
    ['a create subcommand', 'kubectl create secret gen', 'kubectl create secret generic '],
    ['a rollout subcommand', 'kubectl rollout rest', 'kubectl rollout restart '],
    ['a flag', 'kubectl get pods --show-l', 'kubectl get pods --show-labels '],
    ['by path too', '/usr/bin/kubectl desc', '/usr/bin/kubectl describe '],
  ])('%s: %j → %j', async (_what, line, expected) => {
    const { host, state } = await withKubectlCompletion();
    expect(afterTab(state, host, line)).toBe(expected);
  });

  it('lists the subcommands and the resource types', async () => {
    const { host, state } = await withKubectlCompletion();
    expect(completeLine(state, host, 'kubectl ', 8).candidates).toEqual(
      expect.arrayContaining(['get', 'describe', 'run', 'exec', 'logs', 'apply', 'create', 'delete', 'edit', 'replace']),
    );
    expect(completeLine(state, host, 'kubectl get ', 12).candidates).toEqual(
      expect.arrayContaining(['pods', 'po', 'configmaps', 'cm', 'secrets', 'services', 'svc', 'nodes', 'namespaces']),
    );
    expect(completeLine(state, host, 'kubectl get po', 14)).toEqual({ start: 12, candidates: ['po', 'poddisruptionbudgets', 'pods', 'podtemplates'] });
  });

  it('is absent until the script is sourced: kubectl arguments complete as file names', () => {
    const { host, state } = fixture();
    expect(afterTab(state, host, 'kubectl desc')).toBe('kubectl desc');
    expect(afterTab(state, host, 'kubectl apply -f not')).toBe('kubectl apply -f notes.md ');
  });
});

describe('completion only reads', () => {
  it('runs no program, opens no file and leaves the shell state as it was', async () => {
    const { host, state } = await withKubectlCompletion();
    const before = JSON.stringify(state);
    const spawns = host.spawns.length;
    const opens = host.opens.length;
    for (const line of ['kubec', '', 'cat /etc/pa', 'echo $HO', 'ls ~vag', 'kubectl get po', 'echo $(ls', 'ls ~/my', './ru']) {
      completeLine(state, host, line, line.length);
    }
    expect(host.spawns.length).toBe(spawns);
    expect(host.opens.length).toBe(opens);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('never throws and answers within the line, whatever is typed', () => {
    const { host, state } = fixture();
    const typed = fc.string({ unit: fc.constantFrom('a', 'k', '/', '.', ' ', '"', "'", '\\', '$', '{', '}', '~', '=', ':', '|', ';', '<', '>', '(', ')', '`', '-', 'e', 't', 'c'), maxLength: 24 });
    fc.assert(
      fc.property(typed, fc.nat(), (line, n) => {
        const cursor = n % (line.length + 1);
        const r = completeLine(state, host, line, cursor);
        expect(r.start).toBeGreaterThanOrEqual(0);
        expect(r.start).toBeLessThanOrEqual(cursor);
        for (const c of r.candidates) expect(typeof c).toBe('string');
      }),
      { numRuns: 300 },
    );
  });
});

describe('the terminal carries the completer of the shell at its prompt', () => {
  it('rings the bell (no candidates) until a shell registers, and again after it leaves', () => {
    const { host, state } = fixture();
    const term = new Terminal(() => {});
    expect(term.complete('kubec', 5)).toEqual({ start: 5, candidates: [] });
    term.input.setCompleter?.(shellCompleter(state, host));
    expect(term.complete('kubec', 5)).toEqual({ start: 0, candidates: ['kubectl'] });
    term.input.setCompleter?.(null);
    expect(term.complete('kubec', 5)).toEqual({ start: 5, candidates: [] });
  });
});
