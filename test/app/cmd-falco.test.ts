// `cks-lab falco …` on host files: validate, list-rules, list-fields, parse and replay.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runFalcoCommand } from '../../src/app/cmd-falco';

const ASSETS = new URL('../../assets/falco/', import.meta.url).pathname;
let dir: string;

async function falco(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const status = await runFalcoCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '' });
  return { status, stdout, stderr };
}

const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const RULE = `- macro: etc_write
  condition: evt.type in (open, openat) and evt.is_open_write=true and fd.directory = /etc
- rule: Etc written
  desc: a file below /etc was opened for writing
  condition: etc_write and not proc.name in (vim)
  output: "etc write (user=%user.name file=%fd.name cmd=%proc.cmdline container=%container.id)"
  priority: WARNING
  tags: [filesystem]
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cks-falco-'));
});

describe('cks-lab falco validate', () => {
  it('says Ok for the shipped rules', async () => {
    const r = await falco('validate', `${ASSETS}falco_rules.yaml`, `${ASSETS}falco_rules.local.yaml`);
    expect(r).toEqual({ status: 0, stdout: `${ASSETS}falco_rules.yaml: Ok\n${ASSETS}falco_rules.local.yaml: Ok\n`, stderr: '' });
  });

  it('prints the errors of a broken file and exits 1', async () => {
    const bad = file('bad.yaml', '- rule: X\n  desc: d\n  condition: proc.nobody = 1\n  output: o\n  priority: INFO\n');
    const r = await falco('validate', bad);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('LOAD_ERR_COMPILE_CONDITION (Error compiling condition): filter_check called with nonexistent field proc.nobody\n');
    expect(r.stderr.startsWith(`Error: ${bad}: Invalid\n`)).toBe(true);
  });

  it('--json prints the falco_load_results object', async () => {
    const bad = file('bad2.yaml', '- rule: X\n');
    const r = await falco('validate', '--json', bad);
    const j = JSON.parse(r.stdout) as { falco_load_results: Array<{ name: string; successful: boolean; errors: Array<{ code: string; context: { locations: Array<{ item_type: string }> } }> }> };
    expect(j.falco_load_results[0]).toMatchObject({ name: bad, successful: false });
    expect(j.falco_load_results[0]!.errors[0]!.code).toBe('LOAD_ERR_YAML_VALIDATE');
    expect(j.falco_load_results[0]!.errors[0]!.context.locations.map((l) => l.item_type)).toEqual(['rules content', 'rule']);
  });

  it('reports an unreadable file as Falco does', async () => {
    const r = await falco('validate', join(dir, 'none.yaml'));
    expect(r).toEqual({ status: 1, stdout: '', stderr: `Error: Could not open file ${join(dir, 'none.yaml')} for reading\n` });
  });

  it('wants a file', async () => {
    const r = await falco('validate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('validate needs at least one rules file');
  });
});

describe('cks-lab falco list-rules and list-fields', () => {
  it('lists rules like falco -L', async () => {
    const r = await falco('list-rules', file('r.yaml', RULE));
    expect(r.stdout).toBe(`${'Rule'.padEnd(50)} Description\n${'----'.padEnd(50)} -----------\n${'Etc written'.padEnd(50)} a file below /etc was opened for writing \n\n`);
  });

  it('lists the fields of a source', async () => {
    const r = await falco('list-fields', 'k8s_audit', '-N');
    expect(r.stdout.split('\n')).toContain('ka.verb');
    expect(r.stdout.split('\n')).not.toContain('proc.name');
    expect((await falco('list-fields', 'nosuch')).stderr).toBe('Error: Value for --list must be a valid source type\n');
  });
});

describe('cks-lab falco parse', () => {
  it.each([
    ['a.a=1 or b.b=2 and c', 'or\n  check: a.a = 1\n  and\n    check: b.b = 2\n    macro: c\n'],
    ['not proc.name in (a, b) and fd.name exists', 'and\n  not\n    check: proc.name in (a, b)\n  check: fd.name exists\n'],
    // Repeated `not`s toggle, as libsinsp's parser folds them.
    ['(a.b = 1 or a.c = 2) and not not x', 'and\n  or\n    check: a.b = 1\n    check: a.c = 2\n  macro: x\n'],
  ])('%s', async (cond, tree) => {
    expect(await falco('parse', cond)).toEqual({ status: 0, stdout: tree, stderr: '' });
  });

  it('shows a syntax error under a caret', async () => {
    const r = await falco('parse', 'evt.type=execve a');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('evt.type=execve a\n                ^\n');
    expect(r.stderr).toBe("Error: unexpected token after 'execve', expecting 'or', 'and' (line 1, column 17)\n");
  });
});

describe('cks-lab falco replay', () => {
  it('prints alerts for matching syscall events, deriving fd and cmdline fields', async () => {
    const rules = file('replay-rules.yaml', RULE);
    const events = file(
      'events.jsonl',
      [
        JSON.stringify({ 'evt.type': 'openat', 'evt.time': '2023-01-24T23:48:18.516903001Z', 'evt.arg.flags': 'O_WRONLY|O_CREAT|O_APPEND', 'fd.name': '/etc/threat', 'proc.name': 'sh', 'proc.args': ['-c', 'echo hi >> /etc/threat'], 'user.name': null, 'container.id': 'e72a6dbb63b8' }),
        '',
        JSON.stringify({ 'evt.type': 'openat', 'evt.is_open_write': true, 'fd.name': '/etc/hosts', 'proc.cmdline': 'vim /etc/hosts', 'user.name': 'root' }),
        JSON.stringify({ 'evt.type': 'openat', 'fd.name': '/etc/passwd', 'proc.name': 'cat' }),
        JSON.stringify({ 'evt.type': 'openat', 'evt.is_open_write': true, 'fd.name': '/etc/motd', 'proc.cmdline': 'tee /etc/motd', 'user.name': 'root', 'evt.time': 1674604099000000000 }),
      ].join('\n'),
    );
    const r = await falco('replay', '--rules', rules, events);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      '23:48:18.516903001: Warning etc write (user=<NA> file=/etc/threat cmd=sh -c echo hi >> /etc/threat container=e72a6dbb63b8)\n' +
        '23:48:19.000000000: Warning etc write (user=root file=/etc/motd cmd=tee /etc/motd container=host)\n',
    );
  });

  it('matches audit events against k8s_audit rules', async () => {
    const rules = file(
      'ka.yaml',
      '- rule: Pod exec\n  desc: d\n  condition: ka.verb = create and ka.target.subresource = exec\n  output: "exec into %ka.target.namespace/%ka.target.name by %ka.user.name"\n  priority: NOTICE\n  source: k8s_audit\n',
    );
    const ev = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', level: 'Request', stage: 'ResponseComplete', verb: 'create', user: { username: 'kubernetes-admin' }, objectRef: { resource: 'pods', namespace: 'default', name: 'nginx', subresource: 'exec' }, stageTimestamp: '2023-01-24T18:03:14.632368Z' };
    const r = await falco('replay', '--rules', rules, file('audit.jsonl', `${JSON.stringify(ev)}\n`));
    expect(r.stdout).toBe('18:03:14.632368000: Notice exec into default/nginx by kubernetes-admin\n');
  });

  it('reports bad lines and unknown fields on stderr', async () => {
    const rules = file('replay-rules2.yaml', RULE);
    const r = await falco('replay', '--rules', rules, file('bad.jsonl', 'nope\n[1]\n{"evt.type":"openat","bogus.field":1}\n{"proc.name":"x"}\n'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.jsonl:1: not valid JSON/);
    expect(r.stderr).toContain('bad.jsonl:2: not a JSON object\n');
    expect(r.stderr).toContain('bad.jsonl:3: field bogus.field is not read by replay; ignored\n');
    expect(r.stderr).toContain('bad.jsonl:4: missing evt.type\n');
  });

  it('uses the json_output of --config', async () => {
    const rules = file('replay-rules3.yaml', RULE);
    const cfg = file('falco.yaml', 'json_output: true\nstdout_output:\n  enabled: true\n');
    const events = file('one.jsonl', JSON.stringify({ 'evt.type': 'openat', 'evt.is_open_write': true, 'fd.name': '/etc/x', 'proc.name': 'bash' }));
    const r = await falco('replay', '--config', cfg, '--rules', rules, events);
    const j = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(j).toMatchObject({ priority: 'Warning', rule: 'Etc written', source: 'syscall', tags: ['filesystem'], time: '2023-01-24T18:00:00.000000000Z' });
  });
});
