// The falco program's one-shot modes: --help/--version, option errors, -V, -L/-l, --list, config errors.
import { beforeAll, describe, expect, it } from 'vitest';
import type { MiniWorld } from '../helpers/mini-world';
import { parseFalcoArgs } from '../../src/commands/falco/options';
import { falcoOnce, falcoWorld } from './falco-world';

let m: MiniWorld;
beforeAll(() => {
  m = falcoWorld();
  m.put('/root/bad.yaml', { data: '- rule: Broken\n  desc: x\n  condition: evt.type=execve a\n  output: x\n  priority: ERROR\n' });
  m.put('/root/warn.yaml', { data: '- list: unused_list\n  items: [a]\n' });
  m.put('/root/bad-config.yaml', { data: 'rules_file: [\n' });
});

describe('falco options', () => {
  it.each([
    [['--bogus'], 'Option \u2018bogus\u2019 does not exist'],
    [['-x'], 'Option \u2018x\u2019 does not exist'],
    [['-c'], 'Option \u2018c\u2019 is missing an argument'],
    [['-M', 'abc'], 'Argument \u2018abc\u2019 failed to parse'],
    [['-D', 'shell', '-t', 'container'], 'You can not specify both disabled (-D/-T) and enabled (-t) rules'],
  ])('%j is rejected: %s', (args, error) => {
    expect(parseFalcoArgs(args)).toEqual({ ok: false, error });
  });

  it.each([
    [['-r', 'a.yaml', '-r', 'b'], { rulesFiles: ['a.yaml', 'b'] }],
    [['-pc'], { print: 'c' }],
    [['-o', 'json_output=true', '--option=a.b=c'], { overrides: ['json_output=true', 'a.b=c'] }],
    [['--list'], { listFields: '' }],
    [['--list=syscall', '-N'], { listFields: 'syscall', namesOnly: true }],
    [['--list', 'syscall'], { listFields: '' }],
    [['-AUv'], { allEvents: true, unbuffered: true, verbose: true }],
    [['--pidfile=/var/run/falco.pid', '-M', '20'], { pidfile: '/var/run/falco.pid', durationS: 20 }],
  ])('%j parses', (args, expected) => {
    const r = parseFalcoArgs(args);
    expect(r.ok && r.opts).toMatchObject(expected);
  });

  it('prints the runtime error for a bad option and exits 1', async () => {
    const r = await falcoOnce(m, ['--bogus']);
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'Runtime error: Option \u2018bogus\u2019 does not exist. Exiting.\n' });
  });

  it('--help and --version', async () => {
    const h = await falcoOnce(m, ['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout.startsWith('Falco - Cloud Native Runtime Security\nUsage:\n  falco [OPTION...]\n\n  -h, --help ')).toBe(true);
    expect(h.stdout).toContain('  -V, --validate <rules_file>   Read the contents of the specified rules(s) file and exit.');
    const v = await falcoOnce(m, ['--version']);
    expect(v.stdout.split('\n')[0]).toBe('Falco version: 0.33.1');
    expect(v.stdout).toContain('Engine:        15\n');
  });
});

describe('falco -V', () => {
  it('reports a valid file as Ok', async () => {
    const r = await falcoOnce(m, ['-V', '/etc/falco/falco_rules.local.yaml']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('/etc/falco/falco_rules.local.yaml: Ok\n');
    expect(r.stderr).toMatch(/: Validating rules file\(s\):\n.*:    \/etc\/falco\/falco_rules.local.yaml\n$/);
  });

  it('prints the verbose errors of an invalid file and fails with them', async () => {
    const r = await falcoOnce(m, ['-V', '/root/bad.yaml']);
    expect(r.status).toBe(1);
    const report = `/root/bad.yaml: Invalid
1 Errors:
In rules content: (/root/bad.yaml:0:0)
    rule 'Broken': (/root/bad.yaml:0:2)
    rule condition: (/root/bad.yaml:2:13)
    condition expression: ("evt.type=execve a":0:16)
------
evt.type=execve a
                ^
------
LOAD_ERR_COMPILE_CONDITION (Error compiling condition): unexpected token after 'execve', expecting 'or', 'and'
`;
    expect(r.stdout).toBe(`${report}\n`);
    expect(r.stderr.endsWith(`Error: ${report}\n`)).toBe(true);
  });

  it('says Ok for a file with warnings, and shows them with -v', async () => {
    expect((await falcoOnce(m, ['-V', '/root/warn.yaml'])).stdout).toBe('/root/warn.yaml: Ok\n');
    const v = await falcoOnce(m, ['-v', '-V', '/root/warn.yaml']);
    expect(v.stderr).toContain('/root/warn.yaml: Ok, with warnings\n1 Warnings:\n');
    expect(v.stderr).toContain('LOAD_UNUSED_LIST (Unused list): List not referred to by any other rule/macro');
  });

  it('loads several files into one engine and reports each', async () => {
    const r = await falcoOnce(m, ['-V', '/etc/falco/falco_rules.yaml', '-V', '/root/bad.yaml']);
    expect(r.status).toBe(1);
    expect(r.stdout.startsWith('/etc/falco/falco_rules.yaml: Ok\n/root/bad.yaml: Invalid\n')).toBe(true);
  });

  it('prints one JSON object with json_output', async () => {
    const r = await falcoOnce(m, ['-o', 'json_output=true', '-V', '/etc/falco/falco_rules.local.yaml']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ falco_load_results: [{ errors: [], name: '/etc/falco/falco_rules.local.yaml', successful: true, warnings: [] }] });
  });

  it('needs the k8saudit plugin for the k8s audit rules', async () => {
    const r = await falcoOnce(m, ['-V', '/etc/falco/k8s_audit_rules.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Error: Plugin requirement not satisfied, must load one of: k8saudit (>= 0.1.0)');
    const ok = await falcoOnce(m, ['-o', 'load_plugins[0]=k8saudit', '-o', 'load_plugins[1]=json', '-V', '/etc/falco/k8s_audit_rules.yaml']);
    expect(ok.stderr).toContain('Loading plugin (k8saudit) from file /usr/share/falco/plugins/libk8saudit.so');
    expect(ok.stdout).toBe('/etc/falco/k8s_audit_rules.yaml: Ok\n');
    expect(ok.status).toBe(0);
  });

  it('cannot read a missing file', async () => {
    const r = await falcoOnce(m, ['-V', '/root/none.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith('Error: Could not open file /root/none.yaml for reading\n')).toBe(true);
  });
});

describe('listing rules and fields', () => {
  it('-L lists every loaded rule with its description', async () => {
    const r = await falcoOnce(m, ['-L']);
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith(`${'Rule'.padEnd(50)} Description\n${'----'.padEnd(50)} -----------\n`)).toBe(true);
    expect(r.stdout).toContain(`${'Write below etc'.padEnd(50)} an attempt to write to any file below /etc \n`);
  });

  it('-l shows one rule', async () => {
    const r = await falcoOnce(m, ['-l', 'Write below etc']);
    expect(r.stdout.split('\n').filter((l) => l !== '')).toHaveLength(3);
  });

  it('--list prints field classes; -N only names', async () => {
    const r = await falcoOnce(m, ['--list=syscall']);
    expect(r.stdout).toContain('-------------------------------\nField Class:                  process\n');
    expect(r.stdout).toMatch(/\nproc\.name {21}\S/);
    const n = await falcoOnce(m, ['--list', '-N']);
    expect(n.stdout.split('\n')).toContain('fd.name');
    const bad = await falcoOnce(m, ['--list=k8s_audit']);
    expect(bad.status).toBe(1);
    expect(bad.stderr.endsWith('Error: Value for --list must be a valid source type\n')).toBe(true);
  });
});

describe('configuration errors', () => {
  it('a missing -c file', async () => {
    const r = await falcoOnce(m, ['-c', '/root/none.yaml']);
    expect(r).toEqual({ status: 1, stdout: '', stderr: 'Runtime error: Could not find configuration file at /root/none.yaml. Exiting.\n' });
  });

  it('a config that is not YAML', async () => {
    const r = await falcoOnce(m, ['-c', '/root/bad-config.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^Cannot read config file \(\/root\/bad-config\.yaml\): yaml-cpp: error at line \d+, column \d+: .*\nError: std::exception\n$/);
  });

  it('a broken rules file stops start-up with the verbose report', async () => {
    const r = await falcoOnce(m, ['-r', '/root/bad.yaml']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(': Loading rules from file /root/bad.yaml\nError: /root/bad.yaml: Invalid\n1 Errors:\n');
  });

  it('an unknown option value in the config', async () => {
    const r = await falcoOnce(m, ['-o', 'priority=loud']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('Error: Unknown priority "loud"--must be one of emergency, alert, critical, error, warning, notice, informational, debug\n');
  });

  it('as a normal user Falco cannot open the driver', async () => {
    const r = await falcoOnce(m, [], 1000);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(': Opening capture with Kernel module\n');
    expect(r.stderr).toContain(': Unable to load the driver.\n');
    expect(r.stderr.endsWith('Error: error opening device /dev/falco0. Make sure you have root credentials and that the falco module is loaded.\n')).toBe(true);
  });
});

describe('support and the driver loader', () => {
  it('--support prints one JSON object with the config and the rules files', async () => {
    const r = await falcoOnce(m, ['--support']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout) as { version: string; engine_info: { engine_version: number }; rules_files: Array<{ name: string }>; system_info: { nodename: string } };
    expect(j.version).toBe('0.33.1');
    expect(j.engine_info.engine_version).toBe(15);
    expect(j.rules_files.map((f) => f.name)).toEqual(['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml']);
    expect(j.system_info.nodename).toBe('kube-worker-1');
  });

  it('falco-driver-loader wants root and reports the DKMS module', async () => {
    expect(await m.run(['falco-driver-loader'], { uid: 1000 })).toEqual({ status: 1, stdout: '', stderr: 'This program must be run as root (or with sudo)\n' });
    const r = await m.run(['falco-driver-loader'], { uid: 0 });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('* Running falco-driver-loader for: falco version=0.33.1, driver version=3.0.1+driver, arch=x86_64, kernel release=5.4.0-137-generic, kernel version=154');
    expect(r.stdout).toContain('* Success: falco module found and loaded in dkms\n');
  });
});
