// A rules file loads, and an event fires the first matching enabled rule with its output filled in.
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { formatAlertLine } from '../../src/falco/output/alert-line';
import { container, execEvent, openEvent, proc, ancestor } from './helpers/events';

const RULES = `
- list: shell_binaries
  items: [ash, bash, sh]
- macro: spawned_process
  condition: evt.type in (execve, execveat) and evt.dir=<
- macro: container
  condition: container.id != host
- rule: Shell in container
  desc: a shell in a container
  condition: spawned_process and container and proc.name in (shell_binaries)
  output: Shell (user=%user.name %container.info shell=%proc.name parent=%proc.pname)
  priority: NOTICE
  tags: [shell, container]
`;

describe('engine smoke', () => {
  it('loads and fires', () => {
    const eng = createFalcoEngine();
    const res = eng.loadRulesFile('/etc/falco/test.yaml', RULES);
    expect(res.asString(true)).toBe('/etc/falco/test.yaml: Ok');
    const ev = execEvent({ proc: proc({ name: 'bash', ancestors: [ancestor('runc')] }), container: container('18b247adb3ca', 'docker.io/library/nginx', 'latest', 'nginx') });
    const alert = eng.process(ev);
    expect(alert?.rule).toBe('Shell in container');
    expect(formatAlertLine(alert!)).toBe('18:03:14.632368639: Notice Shell (user=root nginx (id=18b247adb3ca) shell=bash parent=runc)');
    expect(eng.process(openEvent('/etc/x', 'O_WRONLY'))).toBeNull();
  });
});
