// The chapter's command lines run as written, against the fake host.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CaptureOutput, stringInput } from '../../src/core/stream';
import { O_APPEND, O_CREAT, O_WRONLY, addHistory, createShellState, parseShell, runScript } from '../../src/shell';
import { FakeHost, run } from './fake-host';

describe('pod command loops', () => {
  const intrusion = 'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done';

  it('appends to /etc/threat every 5 seconds until the pod is stopped', async () => {
    const host = new FakeHost();
    host.uid = 0;
    let sleeps = 0;
    host.onSleep = () => ++sleeps === 3;
    const start = host.clockMs;
    const r = await run(intrusion, { host, dialect: 'ash', mode: 'command', argv0: '/bin/sh' });
    expect(host.read('/etc/threat')).toBe('attacker intrusion\n'.repeat(3));
    expect(host.opens.every((o) => o.path === '/etc/threat' && o.flags === (O_WRONLY | O_CREAT | O_APPEND))).toBe(true);
    expect(host.spawns).toEqual([['sleep', '5'], ['sleep', '5'], ['sleep', '5']]);
    expect(host.clockMs - start).toBe(15_000);
    expect(r.status).toBe(130);
  });

  it('fails each write on a read-only root filesystem with busybox ash’s message', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.readOnly.push('/');
    let sleeps = 0;
    host.onSleep = () => ++sleeps === 2;
    const r = await run(intrusion, { host, dialect: 'ash', mode: 'command', argv0: '/bin/sh' });
    expect(r.stderr).toBe("/bin/sh: line 1: can't create /etc/threat: Read-only file system\n".repeat(2));
    expect(host.read('/etc/threat')).toBeUndefined();
  });

  it('fails with bash’s message in a bash container', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.readOnly.push('/etc');
    host.onSleep = () => true;
    const r = await run(intrusion, { host, mode: 'command', argv0: 'bash' });
    expect(r.stderr).toBe('bash: /etc/threat: Read-only file system\n');
  });

  it('writes 20-character md5 prefixes of $RANDOM to /var/config/hash.txt', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.randomValues = [0.25, 0.5];
    let sleeps = 0;
    host.onSleep = (s) => {
      expect(s).toBe(20);
      return ++sleeps === 2;
    };
    const r = await run(
      'if [ ! -d /var/config ]; then mkdir -p /var/config; fi; while true; do echo $RANDOM | md5sum | head -c 20 >> /var/config/hash.txt; sleep 20; done',
      { host, dialect: 'ash', mode: 'command', argv0: '/bin/sh' },
    );
    const md5 = (s: string): string => createHash('md5').update(s).digest('hex').slice(0, 20);
    expect(host.files.get('/var/config')?.type).toBe('dir');
    expect(host.read('/var/config/hash.txt')).toBe(md5('8192\n') + md5('16384\n'));
    expect(r.stderr).toBe('');
  });

  it('does not recreate an existing directory', async () => {
    const host = new FakeHost();
    host.mkdir('/var/config');
    host.onSleep = () => true;
    await run('if [ ! -d /var/config ]; then mkdir -p /var/config; fi; sleep 20', { host });
    expect(host.spawns).toEqual([['sleep', '20']]);
  });
});

describe('here-documents writing files', () => {
  it('cat <<EOF > f expands variables and command substitutions', async () => {
    const host = new FakeHost();
    host.addProgram('uname', async (ctx) => {
      ctx.stdout.write('5.4.0-137-generic\n');
      return 0;
    });
    const r = await run('cat <<EOF > /tmp/pod.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: $NAME\n  labels:\n    kernel: "$(uname -r)"\nEOF', {
      host,
      env: { NAME: 'malicious' },
    });
    expect(r.status).toBe(0);
    expect(host.read('/tmp/pod.yaml')).toBe('apiVersion: v1\nkind: Pod\nmetadata:\n  name: malicious\n  labels:\n    kernel: "5.4.0-137-generic"\n');
  });

  it("sudo tee -a f <<'EOF' appends a Falco rule verbatim to a root-owned file", async () => {
    const host = new FakeHost();
    host.mkdir('/etc/falco');
    host.writeFile('/etc/falco/falco_rules.local.yaml', '# Your custom rules!\n');
    const rule = [
      '- rule: Write below etc',
      '  desc: an attempt to write to /etc',
      '  condition: open_write and fd.name startswith /etc',
      '  output: "File below /etc opened for writing (user=%user.name file=%fd.name $HOME)"',
      '  priority: ERROR',
    ].join('\n');
    const r = await run(`sudo tee -a /etc/falco/falco_rules.local.yaml <<'EOF'\n${rule}\nEOF`, { host });
    expect(r.stdout).toBe(`${rule}\n`);
    expect(host.read('/etc/falco/falco_rules.local.yaml')).toBe(`# Your custom rules!\n${rule}\n`);
  });

  it('tee without sudo is refused by the file permissions', async () => {
    const host = new FakeHost();
    host.mkdir('/etc/falco');
    host.writeFile('/etc/falco/falco_rules.local.yaml', '');
    const r = await run("tee -a /etc/falco/falco_rules.local.yaml <<'EOF'\nx\nEOF", { host });
    expect(r.stderr).toBe('tee: /etc/falco/falco_rules.local.yaml: Permission denied\n');
    expect(r.status).toBe(1);
  });

  it('the chapter’s echo … | tee -a \\ continuation line', async () => {
    const host = new FakeHost();
    host.uid = 0;
    host.mkdir('/etc/apt');
    host.mkdir('/etc/apt/sources.list.d');
    await run('echo "deb https://download.falco.org/packages/deb stable main" | tee -a \\\n  /etc/apt/sources.list.d/falcosecurity.list', { host });
    expect(host.read('/etc/apt/sources.list.d/falcosecurity.list')).toBe('deb https://download.falco.org/packages/deb stable main\n');
  });
});

describe('kubectl command lines', () => {
  it("passes jsonpath='{.spec.containers[0].args}' as one argument, unglobbed", async () => {
    const r = await run("kubectl get pod malicious -o jsonpath='{.spec.containers[0].args}'");
    expect(r.host.spawns).toEqual([['kubectl', 'get', 'pod', 'malicious', '-o', 'jsonpath={.spec.containers[0].args}']]);
    expect(r.stdout).toContain('attacker intrusion');
  });

  it('expands the preset k alias in an interactive shell', async () => {
    const r = await run('k get pod nginx -o jsonpath=\'{.spec.nodeName}\'', { aliases: { k: 'kubectl' } });
    expect(r.host.spawns).toEqual([['kubectl', 'get', 'pod', 'nginx', '-o', 'jsonpath={.spec.nodeName}']]);
  });

  it('does not expand aliases in scripts', async () => {
    const r = await run('k get pods', { aliases: { k: 'kubectl' }, mode: 'script', argv0: './x.sh' });
    expect(r.stderr).toBe('./x.sh: line 1: k: command not found\n');
  });

  it('apt-get -y install linux-headers-$(uname -r) builds one argument', async () => {
    const host = new FakeHost();
    host.addProgram('uname', async (ctx) => {
      ctx.stdout.write('5.4.0-137-generic\n');
      return 0;
    });
    host.addProgram('apt-get', async () => 0);
    await run('apt-get -y install linux-headers-$(uname -r)', { host });
    expect(host.spawns[1]).toEqual(['apt-get', '-y', 'install', 'linux-headers-5.4.0-137-generic']);
  });
});

describe('an interactive session, line by line', () => {
  /** What a terminal front end does: collect lines until the input is complete (PS2), then run. */
  async function session(lines: string[]) {
    const host = new FakeHost();
    const state = createShellState({ env: { HOME: '/home/vagrant', PATH: '/usr/bin:/bin' }, cwd: '/home/vagrant', argv0: '-bash', login: true });
    const stdout = new CaptureOutput();
    const stderr = new CaptureOutput();
    const prompts: string[] = [];
    let pending = '';
    for (const line of lines) {
      pending = pending === '' ? line : `${pending}\n${line}`;
      if (parseShell(pending, { aliases: state.aliases }).status === 'incomplete') {
        prompts.push('> ');
        continue;
      }
      addHistory(state, pending);
      await runScript(state, pending, host, { stdin: stringInput(''), stdout, stderr });
      prompts.push('$ ');
      pending = '';
      if (state.exited) break;
    }
    return { stdout: stdout.text, stderr: stderr.text, prompts, state, host };
  }

  it('continues a here-document and an if over several lines', async () => {
    const s = await session(['cat <<EOF > notes', 'line one', 'EOF', 'if [ -f notes ]', 'then', '  cat notes', 'fi']);
    expect(s.prompts).toEqual(['> ', '> ', '$ ', '> ', '> ', '> ', '$ ']);
    expect(s.stdout).toBe('line one\n');
  });

  it('keeps variables, functions, aliases and cwd between lines', async () => {
    const s = await session(['x=42', 'f() { echo "x=$x in $(pwd)"; }', 'alias ll="echo listing"', 'cd /tmp', 'f; ll', 'history']);
    expect(s.stdout).toBe(
      'x=42 in /tmp\nlisting\n' +
        '    1  x=42\n    2  f() { echo "x=$x in $(pwd)"; }\n    3  alias ll="echo listing"\n    4  cd /tmp\n    5  f; ll\n    6  history\n',
    );
    expect(s.state.cwd).toBe('/tmp');
    expect(JSON.parse(JSON.stringify(s.state)).functions.f.text).toBe('f() { echo "x=$x in $(pwd)"; }');
  });

  it('prints a syntax error and carries on', async () => {
    const s = await session(['echo a; fi', 'echo $?']);
    expect(s.stderr).toBe("-bash: syntax error near unexpected token `fi'\n");
    expect(s.stdout).toBe('2\n');
  });

  it('logs out of a login shell', async () => {
    const s = await session(['exit', 'echo never']);
    expect(s.stderr).toBe('logout\n');
    expect(s.state.exited).toBe(true);
    expect(s.stdout).toBe('');
  });

  it('warns about a here-document ended by end of input', async () => {
    const r = await run('cat <<EOF\nunfinished');
    expect(r.stderr).toBe("bash: warning: here-document at line 1 delimited by end-of-file (wanted `EOF')\n");
    expect(r.stdout).toBe('unfinished\n');
  });
});

describe('saved shell state', () => {
  it('survives a JSON round trip with functions, aliases, options and cwd', async () => {
    const first = await run('cd /tmp; x="a b"; export E=1; alias k=kubectl; set -o pipefail; f() { cat <<EOF\n$x in $PWD\nEOF\n}');
    const saved = JSON.parse(JSON.stringify(first.state));
    const second = await run('f; k get po; printenv E', { state: saved, host: first.host });
    expect(second.stdout).toBe('a b in /tmp\nkubectl get po\n1\n');
    expect(saved.options.pipefail).toBe(true);
  });
});

describe('speed', () => {
  it('runs a 20000-iteration arithmetic loop quickly', async () => {
    const t0 = performance.now();
    const r = await run('i=0; s=0; while [ $i -lt 20000 ]; do s=$((s + i)); i=$((i + 1)); done; echo $s');
    expect(r.stdout).toBe('199990000\n');
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});
