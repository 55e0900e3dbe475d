// A running falco: alerts on its outputs, Ctrl-C/SIGTERM/SIGHUP, -M, watch_config_files, rate limits.
import { describe, expect, it } from 'vitest';
import { alertsOf } from '../../src/world/falco/alerts';
import { asRoot, falcoWorld, NODE, startFalco } from './falco-world';

const WRITE_ETC = /^\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing \(user=root .* file=\/etc\/x program=bash .*\)$/;
const OVERRIDE = '- rule: Write below etc\n  desc: an attempt to write to any file below /etc\n  condition: write_etc_common\n  output: "%evt.time,%user.name,%container.id"\n  priority: ERROR\n  tags: [filesystem, mitre_persistence]\n';

const alertLines = (text: string): string[] => text.split('\n').filter((l) => /^\d\d:\d\d:\d\d\.\d{9}: /.test(l) || l.startsWith('{"hostname"'));

describe('foreground falco', () => {
  it('prints alerts until Ctrl-C, then the exit message and the counts', async () => {
    const m = falcoWorld();
    const f = await startFalco(m);
    await asRoot(m, 'echo x > /etc/x');
    f.interrupt();
    await f.exited;
    expect(alertLines(f.stdout.text)).toHaveLength(1);
    expect(alertLines(f.stdout.text)[0]).toMatch(WRITE_ETC);
    expect(f.stdout.text.endsWith('Events detected: 1\nRule counts by severity:\n   ERROR: 1\nTriggered rules by rule name:\n   Write below etc: 1\n')).toBe(true);
    expect(f.stderr.text).toMatch(/\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 2023: SIGINT received, exiting\.\.\.\nSyscall event drop monitoring:\n   - event drop detected: 0 occurrences\n   - num times actions taken: 0\n$/);
  });

  it('logs with ISO 8601 times and prints JSON alerts when configured', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'time_format_iso_8601=true', '-o', 'json_output=true']);
    await asRoot(m, 'echo x > /etc/x');
    f.interrupt();
    await f.exited;
    expect(f.stderr.text).toMatch(/^2023-01-24T18:00:00\+0000: Falco version: 0\.33\.1 \(x86_64\)\n/);
    const [line] = alertLines(f.stdout.text);
    const j = JSON.parse(line!) as Record<string, unknown>;
    expect(j).toMatchObject({ hostname: 'kube-worker-1', priority: 'Error', rule: 'Write below etc', source: 'syscall', tags: ['filesystem', 'mitre_persistence'] });
    expect(String(j.output)).toMatch(/^2023-01-24T18:00:00\.\d{9}\+0000: Error File below \/etc/);
    expect((j.output_fields as Record<string, unknown>)['fd.name']).toBe('/etc/x');
  });

  it('stops by itself after -M seconds', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-M', '5']);
    await m.scheduler.advanceBy(6e9);
    expect(await f.exited).toBe(0);
    expect(f.stderr.text).not.toContain('SIGINT received');
    expect(f.stdout.text).toContain('Events detected: 0\n');
  });
});

describe('outputs', () => {
  it('appends to file_output (and not stdout) and records the channels', async () => {
    const m = falcoWorld();
    m.put('/var/log/falco.log', { data: 'earlier line\n' });
    const f = await startFalco(m, ['-o', 'file_output.enabled=true', '-o', 'file_output.filename=/var/log/falco.log', '-o', 'stdout_output.enabled=false', '-o', 'syslog_output.enabled=false']);
    await asRoot(m, 'echo x > /etc/x');
    await asRoot(m, 'echo y > /etc/x');
    f.interrupt();
    await f.exited;
    const log = m.read('/var/log/falco.log')!.split('\n');
    expect(log[0]).toBe('earlier line');
    expect(log.slice(1, 3).every((l) => WRITE_ETC.test(l))).toBe(true);
    expect(alertLines(f.stdout.text)).toEqual([]);
    expect(alertsOf(m.world, NODE).map((a) => a.channels)).toEqual([['file'], ['file']]);
  });

  it('logs a file_output it cannot open', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'file_output.enabled=true', '-o', 'file_output.filename=/nowhere/falco.log']);
    await asRoot(m, 'echo x > /etc/x');
    f.interrupt();
    await f.exited;
    expect(f.stderr.text).toContain(': file: failed to open output file /nowhere/falco.log\n');
    expect(alertsOf(m.world, NODE)[0]!.channels).toEqual(['stdout', 'syslog']);
  });

  it('feeds program_output the line on stdin, and fails http_output offline', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'program_output.enabled=true', '-o', 'program_output.program=cat >> /tmp/prog.log', '-o', 'http_output.enabled=true']);
    await asRoot(m, 'echo x > /etc/x');
    f.interrupt();
    await f.exited;
    expect(m.read('/tmp/prog.log')).toMatch(/^\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing .*\n$/);
    expect(f.stderr.text).toContain(": libcurl error: Couldn't resolve host name\n");
  });

  it('drops alerts beyond outputs.rate/max_burst but still counts them', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'outputs.rate=1', '-o', 'outputs.max_burst=1']);
    await asRoot(m, 'echo 1 > /etc/x; echo 2 > /etc/x; echo 3 > /etc/x');
    f.interrupt();
    await f.exited;
    expect(alertLines(f.stdout.text)).toHaveLength(1);
    expect(f.stdout.text).toContain('Events detected: 3\n');
  });

  it('-pc appends the container format to every alert', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-pc']);
    await asRoot(m, 'echo x > /etc/x');
    f.interrupt();
    await f.exited;
    expect(alertLines(f.stdout.text)[0]).toMatch(/image=<NA>\) container=host \(id=host\)$/);
  });
});

describe('signals and reloads', () => {
  it('SIGTERM ends it cleanly with status 0', async () => {
    const m = falcoWorld();
    const f = await startFalco(m);
    m.kernel.signal(NODE, f.pid, 15);
    expect(await f.exited).toBe(0);
    expect(f.stderr.text).toContain('SIGINT received, exiting...');
  });

  it('edits take effect only after SIGHUP when watch_config_files is off', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'watch_config_files=false']);
    await asRoot(m, `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`);
    await m.scheduler.advanceBy(1e9);
    await asRoot(m, 'echo x > /etc/x');
    expect(alertLines(f.stdout.text).at(-1)).toMatch(WRITE_ETC);
    m.kernel.signal(NODE, f.pid, 1);
    await m.scheduler.quiesce();
    expect(f.stderr.text).toContain('SIGHUP received, restarting...\n');
    await asRoot(m, 'echo y > /etc/x');
    expect(alertLines(f.stdout.text).at(-1)).toMatch(/^(\d\d:\d\d:\d\d\.\d{9}): Error \1,root,host$/);
    expect(f.stderr.text.match(/Falco version: 0\.33\.1/g)).toHaveLength(2);
    f.interrupt();
    await f.exited;
  });

  it('restarts by itself when a watched rules file changes', async () => {
    const m = falcoWorld();
    const f = await startFalco(m);
    await asRoot(m, `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`);
    await m.scheduler.advanceBy(1e9);
    expect(f.stderr.text).toContain('SIGHUP received, restarting...\n');
    await asRoot(m, 'echo y > /etc/x');
    expect(alertLines(f.stdout.text).at(-1)).toMatch(/,root,host$/);
    f.interrupt();
    await f.exited;
  });

  it('exits 1 when a reload meets a broken rules file', async () => {
    const m = falcoWorld();
    const f = await startFalco(m, ['-o', 'watch_config_files=false']);
    await asRoot(m, `printf -- '- rule: X\\n' > /etc/falco/rules.d/broken.yaml`);
    m.kernel.signal(NODE, f.pid, 1);
    expect(await f.exited).toBe(1);
    expect(f.stderr.text).toContain("Error: /etc/falco/rules.d/broken.yaml: Invalid\n");
  });
});

describe('k8s audit events through the k8saudit plugin', () => {
  it('serves the webhook of open_params and alerts with the k8s audit rules', async () => {
    const { deliverAuditWebhook } = await import('../../src/world/falco/k8saudit-webhook');
    const m = falcoWorld();
    const kubeconfig = 'apiVersion: v1\nkind: Config\nclusters:\n- name: falco\n  cluster:\n    server: http://192.168.56.21:9765/k8s-audit\ncontexts:\n- context: {cluster: falco, user: ""}\n  name: default\ncurrent-context: default\n';
    expect(deliverAuditWebhook(m.kernel, NODE, kubeconfig, [])).toEqual({ ok: false, error: 'Post "http://192.168.56.21:9765/k8s-audit": dial tcp 192.168.56.21:9765: connect: connection refused' });
    const f = await startFalco(m, ['-o', 'load_plugins[0]=k8saudit', '-o', 'load_plugins[1]=json', '-r', '/etc/falco/falco_rules.yaml', '-r', '/etc/falco/k8s_audit_rules.yaml']);
    expect(f.stderr.text).toContain(': Enabled event sources: k8s_audit, syscall\n');
    expect(f.stderr.text).toContain(": Opening capture with plugin 'k8saudit'\n");
    const exec = { kind: 'Event', apiVersion: 'audit.k8s.io/v1', stage: 'ResponseStarted', verb: 'create', user: { username: 'kubernetes-admin' }, requestURI: '/api/v1/namespaces/default/pods/nginx/exec?command=bash&container=nginx&stdin=true&tty=true', objectRef: { resource: 'pods', namespace: 'default', name: 'nginx', subresource: 'exec' }, responseStatus: { code: 101 }, stageTimestamp: '2023-01-24T18:03:14.632368Z' };
    expect(deliverAuditWebhook(m.kernel, 'kube-control-plane', kubeconfig, [exec])).toEqual({ ok: true });
    f.interrupt();
    await f.exited;
    expect(f.stdout.text).toContain('18:03:14.632368000: Notice Attach/Exec to pod (user=kubernetes-admin pod=nginx resource=pods ns=default action=exec command=bash)\n');
    expect(deliverAuditWebhook(m.kernel, NODE, kubeconfig, [exec]).ok).toBe(false);
  });
});
