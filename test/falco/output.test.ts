// Alert lines: %field substitution with <NA>, %container.info, the time prefix, and Falco's JSON layout.
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { formatAlertLine } from '../../src/falco/output/alert-line';
import { compileOutputFormat } from '../../src/falco/output/format';
import { syscallFields } from '../../src/falco/fields/syscall';
import { execEvent, proc } from './helpers/events';
import { MALICIOUS_WRITE, SHELL_IN_NGINX, SHELL_LINE, WRITE_ETC_LINE } from './helpers/chapter';

const TERMINAL_SHELL = `- rule: Terminal shell in container
  desc: A shell was used as the entrypoint/exec point into a container with an attached terminal.
  condition: evt.type = execve and container.id != host and proc.tty != 0
  output: >
    A shell was spawned in a container with an attached terminal (user=%user.name user_loginuid=%user.loginuid %container.info
    shell=%proc.name parent=%proc.pname cmdline=%proc.cmdline pid=%proc.pid terminal=%proc.tty container_id=%container.id image=%container.image.repository)
  priority: NOTICE
  tags: [container, shell, mitre_execution]
`;

const WRITE_BELOW_ETC = `- rule: Write below etc
  desc: an attempt to write to any file below /etc
  condition: evt.type = openat and fd.name startswith /etc/
  output: "File below /etc opened for writing (user=%user.name user_loginuid=%user.loginuid command=%proc.cmdline pid=%proc.pid parent=%proc.pname pcmdline=%proc.pcmdline file=%fd.name program=%proc.name gparent=%proc.aname[2] ggparent=%proc.aname[3] gggparent=%proc.aname[4] container_id=%container.id image=%container.image.repository)"
  priority: ERROR
  tags: [filesystem, mitre_persistence]
`;

function engineWith(text: string, opts: Parameters<typeof createFalcoEngine>[0] = {}) {
  const eng = createFalcoEngine(opts);
  const r = eng.loadRulesFile('/etc/falco/falco_rules.yaml', text);
  expect(r.asString(true)).toBe('/etc/falco/falco_rules.yaml: Ok');
  return eng;
}

describe('text alert lines', () => {
  it('reproduces the shell-in-container line', () => {
    const alert = engineWith(TERMINAL_SHELL).process(SHELL_IN_NGINX);
    expect(alert && formatAlertLine(alert)).toBe(SHELL_LINE);
  });

  it('reproduces the chapter Write below etc line, user <NA> for alpine', () => {
    const alert = engineWith(WRITE_BELOW_ETC).process(MALICIOUS_WRITE);
    expect(alert && formatAlertLine(alert)).toBe(WRITE_ETC_LINE);
  });

  it('the chapter override prints `Error <time>,<NA>,<container id>`', () => {
    const eng = engineWith(WRITE_BELOW_ETC);
    eng.loadRulesFile(
      '/etc/falco/falco_rules.local.yaml',
      '- rule: Write below etc\n  desc: an attempt to write to any file below /etc\n  condition: evt.type = openat and fd.name startswith /etc/\n  output: "%evt.time,%user.name,%container.id"\n  priority: ERROR\n  tags: [filesystem, mitre_persistence]\n',
    );
    const alert = eng.process(MALICIOUS_WRITE);
    expect(alert && formatAlertLine(alert)).toBe('23:48:18.516903001: Error 23:48:18.516903001,<NA>,e72a6dbb63b8');
  });

  it('ISO 8601 time prefix', () => {
    const alert = engineWith(WRITE_BELOW_ETC).process(MALICIOUS_WRITE);
    expect(alert && formatAlertLine(alert, { timeFormatIso8601: true }).slice(0, 48)).toBe('2023-01-24T23:48:18.516903001+0000: Error File b');
  });

  it('%container.info is `host (id=host)` on the host; -pc style text replaces it', () => {
    const rule = TERMINAL_SHELL.replace('container.id != host and proc.tty != 0', 'proc.name = bash');
    const hostShell = execEvent({ proc: proc({ name: 'bash', tty: 34816 }) });
    expect(engineWith(rule).process(hostShell)?.output).toContain('user_loginuid=-1 host (id=host) shell=bash parent=<NA>');
    const pc = engineWith(rule, { outputExtra: 'container=%container.name (id=%container.id)', replaceContainerInfo: true });
    expect(pc.process(hostShell)?.output).toContain('user_loginuid=-1 container=host (id=host) shell=bash');
    const extra = engineWith(WRITE_BELOW_ETC, { outputExtra: 'k8s.pod=%k8s.pod.name' });
    expect(extra.process(MALICIOUS_WRITE)?.output.endsWith('image=docker.io/library/alpine) k8s.pod=malicious')).toBe(true);
  });

  it('Priority words are printed in full', () => {
    const info = engineWith(WRITE_BELOW_ETC.replace('priority: ERROR', 'priority: info'));
    expect(formatAlertLine(info.process(MALICIOUS_WRITE)!).slice(20, 34)).toBe('Informational ');
  });
});

describe('JSON alert lines', () => {
  it('keys sorted, output_fields grafted after a comma and space', () => {
    const alert = engineWith(TERMINAL_SHELL).process(SHELL_IN_NGINX)!;
    const line = formatAlertLine(alert, { json: true, hostname: 'kube-worker-1' });
    expect(line).toBe(
      '{"hostname":"kube-worker-1","output":"' +
        SHELL_LINE +
        '","priority":"Notice","rule":"Terminal shell in container","source":"syscall","tags":["container","mitre_execution","shell"],"time":"2023-01-24T18:03:14.632368639Z", "output_fields": {"container.id":"18b247adb3ca","container.image.repository":"docker.io/library/nginx","container.name":"nginx","evt.time":1674583394632368639,"proc.cmdline":"bash","proc.name":"bash","proc.pid":47773,"proc.pname":"runc","proc.tty":34816,"user.loginuid":0,"user.name":"root"}}',
    );
    expect(() => JSON.parse(line)).not.toThrow();
  });

  it('missing values are null; output and tags can be left out', () => {
    const alert = engineWith(WRITE_BELOW_ETC).process(MALICIOUS_WRITE)!;
    const line = formatAlertLine(alert, { json: true, hostname: 'w', jsonIncludeOutputProperty: false, jsonIncludeTagsProperty: false });
    const obj = JSON.parse(line);
    expect(Object.keys(obj)).toEqual(['hostname', 'priority', 'rule', 'source', 'time', 'output_fields']);
    expect(obj.output_fields['user.name']).toBeNull();
    expect(obj.output_fields['proc.aname[3]']).toBeNull();
    expect(obj.output_fields['proc.aname[2]']).toBe('systemd');
  });
});

describe('output format errors', () => {
  it.each([
    ['foo %not_a_real_field bar', 'invalid formatting token not_a_real_field bar'],
    ['ends with %', 'invalid formatting syntax: formatting cannot end with a %'],
    ['ends with %12', 'invalid formatting syntax: formatting cannot end with a number'],
    ['%fd.net', 'invalid formatting token fd.net'],
    ['%evt.arg', 'filter syntax error: evt.arg'],
  ])('%j → %s', (fmt, message) => {
    const r = compileOutputFormat(fmt, syscallFields());
    expect(r.ok ? 'ok' : r.message).toBe(message);
  });

  it('reads the longest field name and keeps the rest as text; widths pad', () => {
    const r = compileOutputFormat('%proc.names|%10proc.name|%evt.arg.flags)|%proc.aname[2]]', syscallFields());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const keys = r.format.tokens.map((t) => (t.kind === 'text' ? `"${t.text}"` : t.key));
    expect(keys).toEqual(['proc.name', '"s|"', 'proc.name', '"|"', 'evt.arg.flags', '")|"', 'proc.aname[2]', '"]"']);
  });
});
