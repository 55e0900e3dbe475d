// `cks-lab audit validate|explain` on host files: the apiserver's loading messages, and which rule
// decides a request with the reasons earlier rules were passed over.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruleLines, runAuditCommand } from '../../src/app/cmd-audit';
import { UsageError } from '../../src/app/cli';
import { EXERCISE_POLICY as EXERCISE } from '../helpers/audit-exercise';

const dir = mkdtempSync(join(tmpdir(), 'cks-audit-cli-'));
let n = 0;
const file = (text: string): string => {
  const p = join(dir, `policy-${n++}.yaml`);
  writeFileSync(p, text);
  return p;
};

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runAuditCommand(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: () => '' });
  return { code, stdout, stderr };
}

describe('cks-lab audit validate', () => {
  it('accepts a valid policy: exit 0 and a one-line summary', async () => {
    const p = file(EXERCISE);
    expect(await run(['validate', p])).toEqual({ code: 0, stdout: `${p}: valid audit policy (3 rules)\n`, stderr: '' });
  });

  const failures: Array<[string, string, (p: string) => string]> = [
    [
      'a removed apiVersion',
      'apiVersion: audit.k8s.io/v1beta1\nkind: Policy\nrules:\n- level: Metadata\n',
      (p) => `loading audit policy file: failed decoding: no kind "Policy" is registered for version "audit.k8s.io/v1beta1" in scheme "k8s.io/apiserver/pkg/audit/scheme.go:30": from file ${p}`,
    ],
    ['a file with no rules', 'apiVersion: audit.k8s.io/v1\nkind: Policy\n', (p) => `loading audit policy file: loaded illegal policy with 0 rules: from file ${p}`],
    [
      'a lowercase level',
      'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: metadata\n',
      (p) => `loading audit policy file: rules[0].level: Unsupported value: "metadata": supported values: "None", "Metadata", "Request", "RequestResponse": from file ${p}`,
    ],
  ];
  it.each(failures)('rejects %s with the apiserver message, exit 1', async (_name, text, message) => {
    const p = file(text);
    expect(await run(['validate', p])).toEqual({ code: 1, stdout: '', stderr: `${message(p)}\n` });
  });

  it('a missing file reads as the apiserver reports it', async () => {
    const p = join(dir, 'nope.yaml');
    const r = await run(['validate', p]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `loading audit policy file: failed to read file path "${p}": open ${p}: no such file or directory\n` });
  });

  it('a directory reads as `read …: is a directory`', async () => {
    const d = join(dir, 'a-dir');
    mkdirSync(d, { recursive: true });
    expect((await run(['validate', d])).stderr).toBe(`loading audit policy file: failed to read file path "${d}": read ${d}: is a directory\n`);
  });

  it('a misspelt field loads with the lenient-decoding warning', async () => {
    const p = file('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  verb: ["get"]\n');
    const r = await run(['validate', p]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: Audit policy contains errors, falling back to lenient decoding: strict decoding error: unknown field "rules[0].verb"\n');
  });

  it('never throws on arbitrary file contents', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 200 }), async (text) => {
        const r = await run(['validate', file(text)]);
        expect([0, 1]).toContain(r.code);
      }),
      { numRuns: 60 },
    );
  });
});

describe('cks-lab audit explain', () => {
  it('names the deciding rule with its line and why earlier rules did not match', async () => {
    const p = file(EXERCISE);
    const r = await run(['explain', '--policy', p, '--user', 'kubernetes-admin', '--group', 'system:masters', '--verb', 'create', '--namespace', 'default', '--resource', 'configmaps']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'request: create configmaps (group "", namespace "default", name "") by user "kubernetes-admin" groups ["system:masters"]',
        'level: Metadata',
        'omitStages: RequestReceived',
        'omitManagedFields: false',
        'decided by: rules[1] (line 10)',
        '  rules[0] (line 6) level RequestResponse: does not match',
        '    resources: no resources entry covers group "" resource "configmaps"',
        '  rules[1] (line 10) level Metadata: matches',
        '',
      ].join('\n'),
    );
  });

  it('--json prints the decision alone', async () => {
    const p = file(EXERCISE);
    const r = await run(['explain', '--policy', p, '--verb', 'get', '--namespace', 'default', '--resource', 'pods/log', '--name', 'web', '--json']);
    expect(r).toEqual({ code: 0, stdout: '{"level":"None","omitStages":["RequestReceived"],"omitManagedFields":false,"rule":null}\n', stderr: '' });
  });

  it('points at the subresource a rule forgot', async () => {
    const r = await run(['explain', '--policy', file(EXERCISE), '--verb', 'get', '--namespace', 'default', '--resource', 'pods/log', '--name', 'web']);
    expect(r.stdout).toContain('decided by: no rule matched, so the level is None\n');
    expect(r.stdout).toContain('      hint: "pods" does not cover the subresource "log": list "pods/log" or "pods/*"\n');
  });

  it('without --user the request has no user, so users rules never match', async () => {
    const p = file('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: ["system:kube-proxy"]\n- level: Metadata\n');
    const r = await run(['explain', '--policy', p, '--verb', 'get', '--path', '/healthz']);
    expect(r.stdout).toContain('    users: the request has no authenticated user, so users never match\n');
    expect(r.stdout).toContain('decided by: rules[1] (line 6)\n');
  });

  it('a non-resource path is matched by nonResourceURLs', async () => {
    const p = file('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  nonResourceURLs: ["/healthz*", "/readyz*"]\n- level: Metadata\n');
    const r = await run(['explain', '--policy', p, '--user', 'system:anonymous', '--group', 'system:unauthenticated', '--verb', 'get', '--path', '/readyz', '--json']);
    expect(JSON.parse(r.stdout)).toEqual({ level: 'None', omitStages: [], omitManagedFields: false, rule: 0 });
  });

  it('a policy that does not load: its message, exit 1', async () => {
    const p = file('kind: Policy\nrules:\n- level: Metadata\n');
    const r = await run(['explain', '--policy', p, '--verb', 'get', '--path', '/version']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loading audit policy file: unknown group version field .* in policy: from file /);
  });

  const usage: Array<[string, string[]]> = [
    ['no subcommand', []],
    ['an unknown subcommand', ['lint']],
    ['no --policy', ['explain', '--verb', 'get', '--path', '/']],
    ['no --verb', ['explain', '--policy', 'p.yaml', '--resource', 'pods']],
    ['neither --resource nor --path', ['explain', '--policy', 'p.yaml', '--verb', 'get']],
    ['--path with --resource', ['explain', '--policy', 'p.yaml', '--verb', 'get', '--path', '/x', '--resource', 'pods']],
    ['--group without --user', ['explain', '--policy', 'p.yaml', '--verb', 'get', '--path', '/x', '--group', 'g']],
    ['an unknown option', ['explain', '--policy', 'p.yaml', '--verb', 'get', '--path', '/x', '--verbose']],
    ['validate without a file', ['validate']],
    ['validate with two files', ['validate', 'a', 'b']],
  ];
  it.each(usage)('%s is a usage error', async (_name, args) => {
    await expect(run(args)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('ruleLines', () => {
  it.each([
    ['block rules', 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n\n- level: Metadata\n', [4, 6]],
    ['flow rules', 'rules: [{level: None}, {level: Metadata}]\n', [1, 1]],
    ['json', '{"rules": [\n{"level": "None"},\n{"level": "Metadata"}]}', [2, 3]],
    ['no rules', 'kind: Policy\n', []],
    ['not a map', '- a\n', []],
  ])('%s', (_name, text, lines) => {
    expect(ruleLines(text)).toEqual(lines);
  });
});
