// falco.service on kube-worker-1: start-up lines in the journal, alerts for real process activity,
// the chapter's rule override after a restart, and a broken rules file failing the unit.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lab } from '../../src/app/lab';
import { runAs } from '../../src/world/kernel/run-as';
import { alertsOf } from '../../src/world/falco/alerts';
import { bootFalcoLab, falcoJournal, lastSeq, WORKER } from './lab-wiring';

const OVERRIDE = `- rule: Write below etc
  desc: an attempt to write to any file below /etc
  condition: write_etc_common
  output: "%evt.time,%user.name,%container.id"
  priority: ERROR
  tags: [filesystem, mitre_persistence]
`;

describe('falco.service on the worker', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await bootFalcoLab();
  }, 60_000);

  it('is active and logged its start-up to the journal, via syslog and stderr', () => {
    const unit = lab.world.nodes[WORKER]!.units['falco.service']!;
    expect(unit.activeState).toBe('active');
    const msgs = falcoJournal(lab).map((e) => e.message);
    for (const line of [
      'Falco version: 0.33.1 (x86_64)',
      'Falco initialized with configuration file: /etc/falco/falco.yaml',
      'Loading rules from file /etc/falco/falco_rules.yaml',
      'Loading rules from file /etc/falco/falco_rules.local.yaml',
      'The chosen syscall buffer dimension is: 8388608 bytes (8 MBs)',
      'Starting health webserver with threadiness 2, listening on port 8765',
      'Enabled event sources: syscall',
      'Opening capture with Kernel module',
    ]) {
      expect(msgs).toContain(line);
      expect(msgs.some((m) => /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 2023: /.test(m) && m.endsWith(`: ${line}`))).toBe(true);
    }
    const unitEntries = falcoJournal(lab).filter((e) => e.unit === 'falco.service' && e.pid === unit.mainPid);
    expect(unitEntries.length).toBeGreaterThanOrEqual(16);
  });

  it('alerts on a write below /etc by root, once on stdout and once on syslog, and records it', async () => {
    const since = lastSeq(lab);
    const t0 = lab.world.clock.now;
    const r = await runAs(lab.kernel, WORKER, 'root', 'echo x > /etc/x');
    expect(r.status).toBe(0);
    const lines = falcoJournal(lab, since).filter((e) => e.message.includes('File below /etc opened for writing'));
    expect(lines).toHaveLength(2);
    expect(lines[0]!.message).toMatch(/^\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing \(user=root user_loginuid=0 command=bash -c echo x > \/etc\/x pid=\d+ .*file=\/etc\/x program=bash .*container_id=host image=<NA>\)$/);
    expect(lines[1]!.message).toBe(lines[0]!.message);
    // syslog carries the alert's priority (Error = 3); the stdout stream is journald's default (info).
    expect(lines.map((e) => e.priority).sort()).toEqual([3, 6]);
    const rec = alertsOf(lab.world, WORKER, t0).find((a) => a.rule === 'Write below etc');
    expect(rec).toMatchObject({ priority: 'Error', line: lines[0]!.message, channels: ['stdout', 'syslog'] });
  });

  it('uses the chapter override of "Write below etc" after systemctl restart falco', async () => {
    const w = await runAs(lab.kernel, WORKER, 'root', `cat > /etc/falco/falco_rules.local.yaml <<'EOF'\n${OVERRIDE}EOF`);
    expect(w.status).toBe(0);
    const rs = await runAs(lab.kernel, WORKER, 'root', 'systemctl restart falco');
    expect(rs.status).toBe(0);
    expect(lab.world.nodes[WORKER]!.units['falco.service']!.activeState).toBe('active');
    const since = lastSeq(lab);
    await runAs(lab.kernel, WORKER, 'root', 'echo y >> /etc/x');
    const lines = falcoJournal(lab, since).map((e) => e.message).filter((m) => m.includes(',root,host'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^(\d\d:\d\d:\d\d\.\d{9}): Error \1,root,host$/);
  });

  it('fails the unit with Falco\'s error when a rules file is broken', async () => {
    const since = lastSeq(lab);
    await runAs(lab.kernel, WORKER, 'root', `printf -- '- rule: Broken\\n  desc: x\\n  condition: evt.type=execve a\\n  output: x\\n  priority: ERROR\\n' > /etc/falco/falco_rules.local.yaml`);
    const rs = await runAs(lab.kernel, WORKER, 'root', 'systemctl restart falco');
    expect(rs.status).toBe(0);
    const unit = lab.world.nodes[WORKER]!.units['falco.service']!;
    expect(unit.result).toBe('exit-code');
    expect(['failed', 'activating']).toContain(unit.activeState);
    const msgs = falcoJournal(lab, since).map((e) => e.message);
    expect(msgs).toContain('Error: /etc/falco/falco_rules.local.yaml: Invalid');
    expect(msgs).toContain("LOAD_ERR_COMPILE_CONDITION (Error compiling condition): unexpected token after 'execve', expecting 'or', 'and'");
    const status = await runAs(lab.kernel, WORKER, 'root', 'systemctl status falco');
    expect(status.stdout).toContain('(Result: exit-code)');
    expect(status.stdout).toMatch(/falco\[\d+\]: LOAD_ERR_COMPILE_CONDITION \(Error compiling condition\)/);
  });
});
