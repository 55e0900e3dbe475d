// rsyslog on the nodes: what reaches the journal reaches /var/log/syslog and /var/log/auth.log, in
// Ubuntu 20.04's traditional format and by facility, as it arrives — seen through a learner's shell.
import { describe, expect, it } from 'vitest';
import { loadWorldAssets } from '../../src/app/assets';
import { bootLab, resumeLab, type Lab } from '../../src/app/lab';
import { runHeadless } from '../../src/app/headless';
import type { World } from '../../src/world/world';

const assets = loadWorldAssets();

async function run(lab: Lab, lines: string[], node?: string): Promise<string> {
  let out = '';
  await runHeadless(lab, lines, { echo: true, write: (s) => (out += s), ...(node ? { node } : {}) });
  return out;
}

const STAMP = String.raw`Jan 24 \d\d:\d\d:\d\d`;
const linesOf = (out: string, re: RegExp): string[] => out.split('\n').filter((l) => re.test(l));

describe('/var/log/syslog and /var/log/auth.log', () => {
  it("holds Falco's alerts, from its syslog output (falco:) and its stdout via journald (falco[pid]:)", async () => {
    const lab = await bootLab(assets, { seed: 3 });
    await run(lab, ['kubectl run nginx --image=nginx:1.23.3', 'sleep 5', 'kubectl exec -it nginx -- bash', 'exit']);
    const out = await run(lab, ['grep falco /var/log/syslog | grep shell | wc -l', 'sudo grep falco /var/log/syslog | grep shell'], 'kube-worker-1');
    expect(out).toContain('grep: /var/log/syslog: Permission denied\n0\n');
    const viaSyslog = linesOf(out, new RegExp(`^${STAMP} kube-worker-1 falco: \\d\\d:\\d\\d:\\d\\d\\.\\d{9}: Notice A shell was spawned in a container with an attached terminal \\(user=root `));
    const viaStdout = linesOf(out, new RegExp(`^${STAMP} kube-worker-1 falco\\[\\d+\\]: \\d\\d:\\d\\d:\\d\\d\\.\\d{9}: Notice A shell was spawned in a container`));
    expect(viaSyslog).toHaveLength(1);
    expect(viaStdout).toHaveLength(1);
    // The same alert text in both lines, with rsyslog's time taken from the same instant.
    expect(viaSyslog[0]!.replace(/^.*?falco: /, '')).toBe(viaStdout[0]!.replace(/^.*?falco\[\d+\]: /, ''));
  }, 60_000);

  it("puts sudo's and sshd's lines in auth.log only, with the tags their senders write", async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ['ssh root@kube-worker-1', 'sudo cat /etc/shadow > /dev/null', 'sudo cat /var/log/auth.log', 'sudo grep -c "sudo:\\|pam_unix\\|Accepted" /var/log/syslog']);
    const auth = out.slice(out.indexOf('$ sudo cat /var/log/auth.log'));
    expect(auth).toMatch(new RegExp(`^${STAMP} kube-control-plane sshd\\[\\d+\\]: Accepted publickey for vagrant from 192\\.168\\.56\\.1 port \\d+ ssh2: ED25519 SHA256:\\S+$`, 'm'));
    expect(auth).toMatch(new RegExp(`^${STAMP} kube-control-plane sshd\\[\\d+\\]: pam_unix\\(sshd:session\\): session opened for user vagrant by \\(uid=0\\)$`, 'm'));
    expect(auth).toMatch(new RegExp(`^${STAMP} kube-control-plane sudo:  vagrant : TTY=pts/\\d ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow$`, 'm'));
    expect(auth).toMatch(new RegExp(`^${STAMP} kube-control-plane sudo: pam_unix\\(sudo:session\\): session opened for user root by vagrant\\(uid=0\\)$`, 'm'));
    expect(auth).toMatch(new RegExp(`^${STAMP} kube-control-plane sudo: pam_unix\\(sudo:session\\): session closed for user root$`, 'm'));
    // sudo's lines are auth/authpriv: `*.*;auth,authpriv.none -/var/log/syslog` keeps them out of syslog.
    expect(out).toMatch(/Accepted" \/var\/log\/syslog\n0\n/);
    // The refused root login is in the worker's auth.log.
    const worker = await run(lab, ['sudo grep root /var/log/auth.log'], 'kube-worker-1');
    expect(worker).toMatch(new RegExp(`^${STAMP} kube-worker-1 sshd\\[\\d+\\]: Connection closed by authenticating user root 192\\.168\\.56\\.10 port \\d+ \\[preauth\\]$`, 'm'));
  }, 60_000);

  it('grows line by line as entries arrive, with the log files owned syslog:adm 0640', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ['logger first line', 'sudo tail -1 /var/log/syslog', 'logger -t lab second line', 'sudo tail -2 /var/log/syslog', 'ls -l /var/log/syslog /var/log/auth.log']);
    expect(out).toMatch(new RegExp(`tail -1 /var/log/syslog\\n${STAMP} kube-control-plane vagrant: first line\\n`));
    expect(out).toMatch(new RegExp(`tail -2 /var/log/syslog\\n${STAMP} kube-control-plane vagrant: first line\\n${STAMP} kube-control-plane lab: second line\\n`));
    expect(out).toMatch(/^-rw-r----- 1 syslog adm +\d+ Jan 24 \d\d:\d\d \/var\/log\/auth\.log$/m);
    expect(out).toMatch(/^-rw-r----- 1 syslog adm +\d+ Jan 24 \d\d:\d\d \/var\/log\/syslog$/m);
  }, 60_000);

  it('is followed by tail -f as lines arrive', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ['(sleep 1.5; logger while following) &', 'sudo tail -n0 -f /var/log/syslog', 'wait']);
    expect(out).toMatch(new RegExp(`\\$ sudo tail -n0 -f /var/log/syslog\\n${STAMP} kube-control-plane vagrant: while following\\n\\^C`));
  }, 60_000);

  it('keeps appending after the file is emptied, as rsyslogd does with its O_APPEND descriptor', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ['sudo sh -c "> /var/log/syslog"', 'logger after truncation', 'sudo cat /var/log/syslog']);
    expect(out).toMatch(new RegExp(`cat /var/log/syslog\\n${STAMP} kube-control-plane vagrant: after truncation\\n`));
  }, 60_000);

  it('writes nothing while rsyslog is stopped, and a restarted rsyslogd recreates a removed file', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, [
      'sudo systemctl stop rsyslog',
      'logger while stopped',
      'sudo rm /var/log/syslog',
      'sudo systemctl start rsyslog',
      'logger after start',
      'sudo cat /var/log/syslog',
      'ls -l /var/log/syslog',
    ]);
    const file = out.slice(out.indexOf('$ sudo cat /var/log/syslog'));
    expect(file).not.toContain('while stopped');
    expect(file).toMatch(new RegExp(`^${STAMP} kube-control-plane rsyslogd: \\[origin software="rsyslogd" swVersion="8\\.2001\\.0" x-pid="\\d+" x-info="https://www\\.rsyslog\\.com"\\] start$`, 'm'));
    expect(file).toMatch(new RegExp(`^${STAMP} kube-control-plane vagrant: after start$`, 'm'));
    expect(out).toMatch(/^-rw-r----- 1 syslog adm +\d+ Jan 24 \d\d:\d\d \/var\/log\/syslog$/m);
  }, 60_000);

  it("reads the node's rsyslog configuration when rsyslogd starts: a property filter with & stop", async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, [
      `echo ':programname, isequal, "lab" /var/log/lab.log' | sudo tee /etc/rsyslog.d/30-lab.conf`,
      "echo '& stop' | sudo tee -a /etc/rsyslog.d/30-lab.conf",
      'logger -t lab before restart',
      'sudo systemctl restart rsyslog',
      'logger -t lab after restart',
      'sudo cat /var/log/lab.log',
      'sudo grep -c "lab:" /var/log/syslog',
    ]);
    expect(out).toMatch(new RegExp(`cat /var/log/lab.log\\n${STAMP} kube-control-plane lab: after restart\\n`));
    expect(out).toMatch(/grep -c "lab:" \/var\/log\/syslog\n1\n/);
  }, 60_000);

  it('writes high-precision timestamps once the traditional template is commented out, after a restart', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ["sudo sed -i 's/^\\$ActionFileDefaultTemplate/#&/' /etc/rsyslog.conf", 'sudo systemctl restart rsyslog', 'logger precise', 'sudo tail -1 /var/log/syslog']);
    expect(out).toMatch(/tail -1 \/var\/log\/syslog\n2023-01-24T\d\d:\d\d:\d\d\.\d{6}\+00:00 kube-control-plane vagrant: precise\n/);
  }, 60_000);

  it("stops when journald's ForwardToSyslog=no takes effect at its restart", async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, [
      "sudo sed -i 's/^#ForwardToSyslog=yes/ForwardToSyslog=no/' /etc/systemd/journald.conf",
      'logger before journald restart',
      'sudo systemctl restart systemd-journald',
      'logger after journald restart',
      'sudo grep -c "journald restart" /var/log/syslog',
    ]);
    expect(out).toMatch(/grep -c "journald restart" \/var\/log\/syslog\n1\n/);
  }, 60_000);

  it('escapes control characters as rsyslog does (#011 for a tab)', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    const out = await run(lab, ["logger $'a\\tb'", 'sudo tail -1 /var/log/syslog']);
    expect(out).toMatch(new RegExp(`${STAMP} kube-control-plane vagrant: a#011b\\n`));
  }, 60_000);

  it('carries on after the world is saved and restored, without a second start line', async () => {
    const lab = await bootLab(assets, { seed: 3, bootSeconds: 2 });
    await run(lab, ['logger before save']);
    const saved = JSON.parse(JSON.stringify(lab.snapshot())) as World;
    const resumed = await resumeLab(saved, null);
    const out = await run(resumed, ['logger after restore', 'sudo grep -c "rsyslogd:.* start" /var/log/syslog', 'sudo grep -A3 "before save" /var/log/syslog']);
    expect(out).toMatch(/grep -c "rsyslogd:\.\* start" \/var\/log\/syslog\n1\n/);
    expect(out).toMatch(/vagrant: before save\n(?:.*\n)*.*vagrant: after restore\n/);
  }, 60_000);
});
