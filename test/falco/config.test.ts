// falco.yaml loads with 0.33.1 defaults, accepts -o overrides and fails with Falco's messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { enabledPlugins, loadFalcoConfig } from '../../src/falco/config/falco-config';

const SHIPPED = readFileSync(new URL('../../assets/falco/falco.yaml', import.meta.url), 'utf8');
const P = '/etc/falco/falco.yaml';

function cfg(text: string, overrides: string[] = []) {
  const r = loadFalcoConfig(P, text, overrides);
  if (!r.ok) throw new Error(r.stderr);
  return r.config;
}

function stderr(text: string, overrides: string[] = []): string {
  const r = loadFalcoConfig(P, text, overrides);
  return r.ok ? 'ok' : r.stderr;
}

describe('the shipped falco.yaml', () => {
  it('has 0.33.1 values', () => {
    const c = cfg(SHIPPED);
    expect(c.rulesFile).toEqual(['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml', '/etc/falco/rules.d']);
    expect(c.priority).toBe(7);
    expect(c.jsonOutput).toBe(false);
    expect(c.stdoutOutput.enabled).toBe(true);
    expect(c.syslogOutput.enabled).toBe(true);
    expect(c.fileOutput).toEqual({ enabled: false, keepAlive: false, filename: './events.txt' });
    expect(c.programOutput.enabled).toBe(false);
    expect(c.httpOutput).toEqual({ enabled: false, url: 'http://some.url', userAgent: 'falcosecurity/falco' });
    expect(c.outputs).toEqual({ rate: 0, maxBurst: 1000 });
    expect(c.watchConfigFiles).toBe(true);
    expect(c.logStderr).toBe(true);
    expect(c.logLevel).toBe('info');
    expect(c.plugins.map((p) => p.name)).toEqual(['k8saudit', 'cloudtrail', 'json']);
    expect(c.plugins[0].openParams).toBe('http://:9765/k8s-audit');
    expect(c.loadPlugins).toEqual([]);
    expect(enabledPlugins(c)).toEqual([]);
  });

  it('the chapter solution: file output on, stdout off', () => {
    const edited = SHIPPED.replace('file_output:\n  enabled: false\n  keep_alive: false\n  filename: ./events.txt', 'file_output:\n  enabled: true\n  keep_alive: false\n  filename: /var/log/falco.log').replace(
      'stdout_output:\n  enabled: true',
      'stdout_output:\n  enabled: false',
    );
    const c = cfg(edited);
    expect(c.fileOutput).toEqual({ enabled: true, keepAlive: false, filename: '/var/log/falco.log' });
    expect(c.stdoutOutput.enabled).toBe(false);
  });
});

describe('code defaults when keys are absent', () => {
  it('an almost empty file', () => {
    const c = cfg('stdout_output:\n  enabled: true\n');
    expect(c.rulesFile).toEqual([]);
    expect(c.syslogOutput.enabled).toBe(false);
    expect(c.logStderr).toBe(false);
    expect(c.logSyslog).toBe(true);
    expect(c.jsonIncludeTagsProperty).toBe(true);
    expect(c.loadPlugins).toBeNull();
  });

  it('rules_file may be a single string', () => {
    expect(cfg('rules_file: /etc/falco/a.yaml\nstdout_output: {enabled: true}\n').rulesFile).toEqual(['/etc/falco/a.yaml']);
  });
});

describe('-o overrides', () => {
  it.each<[string[], (c: ReturnType<typeof cfg>) => unknown, unknown]>([
    [['json_output=true'], (c) => c.jsonOutput, true],
    [['priority=warning'], (c) => c.priority, 4],
    [['file_output.enabled=true', 'file_output.filename=/tmp/x'], (c) => c.fileOutput.filename, '/tmp/x'],
    [['rules_file=/etc/falco/only.yaml'], (c) => c.rulesFile, ['/etc/falco/only.yaml']],
    [['rules_file[1]=/etc/falco/other.yaml'], (c) => c.rulesFile[1], '/etc/falco/other.yaml'],
    [['load_plugins=k8saudit'], (c) => c.loadPlugins, ['k8saudit']],
  ])('%j', (opts, pick, expected) => {
    expect(pick(cfg(SHIPPED, opts))).toEqual(expected);
  });

  it('an option without = is an error', () => {
    expect(stderr(SHIPPED, ['json_output'])).toBe('Error: Error parsing config option "json_output". Must be of the form key=val or key.subkey=val\n');
  });
});

describe('errors', () => {
  it.each([
    [SHIPPED.replace('priority: debug', 'priority: loud'), 'Error: Unknown priority "loud"--must be one of emergency, alert, critical, error, warning, notice, informational, debug\n'],
    [
      SHIPPED.replace('file_output:\n  enabled: false\n  keep_alive: false\n  filename: ./events.txt', 'file_output:\n  enabled: true\n  keep_alive: false'),
      `Error: Error reading config file (${P}): file output enabled but no filename in configuration block\n`,
    ],
    [
      'stdout_output:\n  enabled: false\n',
      `Error: Error reading config file (${P}): No outputs configured. Please configure at least one output file output enabled but no filename in configuration block\n`,
    ],
    ['json_output: maybe\nstdout_output:\n  enabled: true\n', 'Error: yaml-cpp: error at line 1, column 14: bad conversion\n'],
    ['stdout_output:\n  enabled: true\nlog_level: chatty\n', 'Error: Unknown log level chatty\n'],
    ['stdout_output: enabled: true\n', `Cannot read config file (${P}): yaml-cpp: error at line 1, column 23: illegal map value\nError: std::exception\n`],
  ])('%#', (text, expected) => {
    expect(stderr(text)).toBe(expected);
  });
});
