// The chapter's Falco (exercise 1) and audit (exercise 3) scenarios, read as data: they set up the
// book's start state, and their patterns accept the book's end state and refuse the usual mistakes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { loadAuditPolicy } from '../../src/audit';
import { coreCommands } from '../../src/commands/core-set';
import { bash } from '../../src/commands/shell/bash';
import type { Command } from '../../src/commands/types';
import { loadScenario } from '../../src/scenarios/load';
import type { CheckOf, CheckType, Scenario, SetupStepOf, SetupStepType } from '../../src/scenarios/schema';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { miniWorld } from '../helpers/mini-world';

function scenario(id: string): Scenario {
  const r = loadScenario(readFileSync(fileURLToPath(new URL(`../../scenarios/${id}.yaml`, import.meta.url)), 'utf8'));
  if (!r.ok) throw new Error(`${id}.yaml does not load: ${JSON.stringify(r.errors)}`);
  return r.scenario;
}

function check<T extends CheckType>(s: Scenario, id: string, type: T): CheckOf<T> {
  const c = s.checks.find((x) => x.id === id);
  if (!c || c.type !== type) throw new Error(`no ${type} check ${id} in ${s.id}`);
  return c as CheckOf<T>;
}

function steps<T extends SetupStepType>(s: Scenario, type: T): SetupStepOf<T>[] {
  return s.setup.filter((st): st is SetupStepOf<T> => st.type === type);
}

describe('falco-write-below-etc', () => {
  const s = scenario('falco-write-below-etc');

  it("runs app-a/ch07/falco/pod-setup.sh's pod on the worker, where Falco runs", () => {
    const [pod, ...rest] = steps(s, 'kubectl-apply').flatMap((st) => parseAllDocuments(st.manifest).map((d) => d.toJS() as Record<string, unknown>));
    expect(rest).toEqual([]);
    expect(pod).toMatchObject({
      kind: 'Pod',
      metadata: { name: 'malicious' },
      spec: {
        nodeName: 'kube-worker-1',
        containers: [{ image: 'alpine:3.17.1', args: ['/bin/sh', '-c', 'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done'] }],
      },
    });
  });

  it('finds a shipped local rules file that does not give the answer away', () => {
    const local = readFileSync(fileURLToPath(new URL('../../assets/falco/falco_rules.local.yaml', import.meta.url)), 'utf8');
    expect(local.split('\n').every((l) => l === '' || l.startsWith('#'))).toBe(true);
    expect(local).not.toMatch(/Write below etc|%container\.id/);
    expect(steps(s, 'write-file').filter((st) => st.path === '/etc/falco/falco_rules.local.yaml')).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['Write below etc\n', true],
    ['  Write below etc  \n', true],
    ['Process in container malicious\nWrite below etc\n', true],
    ['write below etc\n', false],
    ['File below /etc opened for writing\n', false],
    ['- rule: Write below etc\n', false],
  ])('the rule-name file check on %j: %s', (content, ok) => {
    expect(new RegExp(check(s, 'rule-name-file', 'file-contains').pattern, 'm').test(content)).toBe(ok);
  });

  it('wants the output the book sets, byte for byte', () => {
    const re = new RegExp(check(s, 'rule-output', 'falco-rule').pattern, 'm');
    expect(re.test('%evt.time,%user.name,%container.id')).toBe(true);
    expect(re.test('%evt.time, %user.name, %container.id')).toBe(false);
    expect(re.test('File below /etc opened for writing (user=%user.name … container_id=%container.id)')).toBe(false);
  });

  it("accepts the book's /var/log/falco.log line and refuses the default format", () => {
    const re = new RegExp(check(s, 'log-file-grows', 'file-grows').appendedPattern!, 'm');
    expect(re.test('00:10:30.425084165: Error 00:10:30.425084165,<NA>,e72a6dbb63b8\n')).toBe(true);
    expect(re.test('00:10:30.425084165: Error File below /etc opened for writing (user=<NA> … container_id=e72a6dbb63b8 image=docker.io/library/alpine)\n')).toBe(false);
  });

  it('requires stdout off by what Falco does now, not by what it did', () => {
    expect(check(s, 'stdout-off', 'falco-alert')).toMatchObject({ rule: 'Write below etc', notChannel: 'stdout', afterSeconds: expect.any(Number) });
    // The pod writes every 5 s: the window must hold at least two writes.
    expect(check(s, 'stdout-off', 'falco-alert').afterSeconds).toBeGreaterThanOrEqual(10);
    expect(check(s, 'log-file-grows', 'file-grows').afterSeconds).toBeGreaterThanOrEqual(10);
  });

  describe("the journal check, in the lab's shell", () => {
    const maliciousId = 'e72a6dbb63b8f1d2c3b4a5968778695a4b3c2d1e0f9e8d7c6b5a49382716a5b4';
    const stub = (name: string, out: (argv: string[]) => string): Command => ({
      name,
      run: async (ctx) => {
        ctx.stdout.write(out(ctx.argv));
        return 0;
      },
    });
    const run = async (journal: string, running: string | null) => {
      const journalctl = stub('journalctl', (argv) => (argv.slice(1).join(' ') === '-u falco --no-pager' ? journal : ''));
      const crictl = stub('crictl', (argv) => (argv.slice(1).join(' ') === 'ps --name ^malicious$ -q' && running ? `${running}\n` : ''));
      const w = miniWorld([...coreCommands, bash, journalctl, crictl]);
      const c = check(s, 'new-output-journal', 'command-output');
      const r = await w.run(['bash', '-c', c.command], { uid: 0 });
      return new RegExp(c.pattern, 'm').test(r.stdout + r.stderr);
    };
    // The book's line after the override (Appendix A), in the journal's layout.
    const NEW = 'Jan 24 23:48:18 kube-worker-1 falco[8718]: 23:48:18.516903001: Error 23:48:18.516903001,<NA>,e72a6dbb63b8\n';
    const OLD = 'Jan 24 23:40:02 kube-worker-1 falco[8718]: 23:40:02.104557810: Error File below /etc opened for writing (user=<NA> user_loginuid=-1 command=sh -c … container_id=e72a6dbb63b8 image=docker.io/library/alpine)\n';

    it.each<[string, string, string | null, boolean]>([
      ['the new format with the malicious id', OLD + NEW, maliciousId, true],
      ['only the default format', OLD, maliciousId, false],
      ["another container's id", NEW, `0123456789ab${maliciousId.slice(12)}`, false],
      ['no malicious container running', NEW, null, false],
      ['the host writing below /etc', OLD + NEW.replace(',<NA>,e72a6dbb63b8', ',root,host'), maliciousId, false],
    ])('%s: %s', async (_name, journal, running, ok) => {
      expect(await run(journal, running)).toBe(ok);
    });
  });
});

describe('audit-log-policy', () => {
  const s = scenario('audit-log-policy');
  const PATH = '/etc/kubernetes/audit/rules/audit-policy.yaml';

  it("writes app-a/ch07/audit-log's start policy and leaves the API server alone", () => {
    expect(s.setup).toHaveLength(1);
    const [start] = steps(s, 'write-file');
    expect(start).toMatchObject({ node: 'kube-control-plane', path: PATH });
    const loaded = loadAuditPolicy(start!.content, PATH);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.policy.omitStages).toEqual(['RequestReceived']);
    expect(loaded.policy.rules.map((r) => [r.level, r.resources])).toEqual([['RequestResponse', [{ group: '', resources: ['pods'], resourceNames: [] }]]]);
  });

  it("the solution's policy is the book's end state", () => {
    const heredoc = /<<'EOF'\n([\s\S]*?)\nEOF\n/.exec(s.solution.script!)![1]!;
    const solved = loadAuditPolicy(`${steps(s, 'write-file')[0]!.content}${heredoc}\n`, PATH);
    const book = loadAuditPolicy(EXERCISE_POLICY, PATH);
    if (!solved.ok || !book.ok) throw new Error('a policy does not load');
    expect(solved.policy).toEqual(book.policy);
  });

  it('every request it sends is the one its match looks for', () => {
    const sent = s.checks.filter((c): c is CheckOf<'audit-event'> => c.type === 'audit-event' && c.send !== undefined);
    expect(sent.map((c) => c.id)).toEqual(['api-configmaps-metadata', 'api-secrets-metadata', 'api-services-request', 'api-pods-request-response', 'api-no-request-received']);
    for (const c of sent) {
      expect(c.logPath, c.id).toBe('/var/log/kubernetes/audit/logs/apiserver.log');
      if (c.match.name) expect(c.send, c.id).toContain(` ${c.match.name} `);
    }
  });

  it('grades the levels the exercise asks for, bodies included', () => {
    const m = (id: string) => check(s, id, 'audit-event').match;
    expect(m('api-configmaps-metadata')).toMatchObject({ resource: 'configmaps', level: 'Metadata', requestObject: false, responseObject: false });
    expect(m('api-secrets-metadata')).toMatchObject({ resource: 'secrets', level: 'Metadata', requestObject: false, responseObject: false });
    expect(m('api-services-request')).toMatchObject({ resource: 'services', level: 'Request', requestObject: true, responseObject: false });
    expect(m('api-pods-request-response')).toMatchObject({ resource: 'pods', level: 'RequestResponse' });
    expect(check(s, 'api-no-request-received', 'audit-event')).toMatchObject({ match: { stage: 'RequestReceived' }, absent: true });
    expect(check(s, 'api-maxage', 'process-args')).toMatchObject({ process: 'kube-apiserver', arg: '^--audit-log-maxage=5$' });
  });
});
