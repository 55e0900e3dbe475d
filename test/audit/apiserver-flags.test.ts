import { describe, expect, it } from 'vitest';
import { auditEnabled, parseApiServerCommand, validateAuditConfig, defaultAuditConfig } from '../../src/audit';

const cmd = (...flags: string[]): string[] => ['kube-apiserver', '--advertise-address=192.168.56.10', '--secure-port=6443', ...flags];

const errors: Array<[string, string[], string]> = [
  ['a misspelled flag', cmd('--audit-log-pat=/var/log/x'), 'Error: unknown flag: --audit-log-pat'],
  ['flag and value in one list item', cmd('--audit-log-path /var/log/x'), 'Error: unknown flag: --audit-log-path /var/log/x'],
  ['a flag removed before 1.26', cmd('--insecure-port=0'), 'Error: unknown flag: --insecure-port'],
  [
    'a day suffix on maxage',
    cmd('--audit-log-maxage=30d'),
    'Error: invalid argument "30d" for "--audit-log-maxage" flag: strconv.ParseInt: parsing "30d": invalid syntax',
  ],
  [
    'an out-of-range integer',
    cmd('--audit-log-maxsize=99999999999999999999'),
    'Error: invalid argument "99999999999999999999" for "--audit-log-maxsize" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range',
  ],
  [
    'a duration without unit',
    cmd('--audit-webhook-initial-backoff=5'),
    'Error: invalid argument "5" for "--audit-webhook-initial-backoff" flag: time: missing unit in duration "5"',
  ],
  [
    'a duration with an unknown unit',
    cmd('--audit-log-batch-max-wait=5d'),
    'Error: invalid argument "5d" for "--audit-log-batch-max-wait" flag: time: unknown unit "d" in duration "5d"',
  ],
  ['a bad bool', cmd('--allow-privileged=yes'), 'Error: invalid argument "yes" for "--allow-privileged" flag: strconv.ParseBool: parsing "yes": invalid syntax'],
  [
    'a bad float',
    cmd('--audit-webhook-batch-throttle-qps=ten'),
    'Error: invalid argument "ten" for "--audit-webhook-batch-throttle-qps" flag: strconv.ParseFloat: parsing "ten": invalid syntax',
  ],
  ['a bad IP', cmd('--advertise-address=192.168.56'), 'Error: invalid argument "192.168.56" for "--advertise-address" flag: failed to parse IP: "192.168.56"'],
  ['a bad verbosity', cmd('-v=high'), 'Error: invalid argument "high" for "-v, --v" flag: strconv.ParseUint: parsing "high": invalid syntax'],
  ['a string flag at the end without value', cmd('--audit-log-path'), 'Error: flag needs an argument: --audit-log-path'],
  ['an unknown shorthand', cmd('-x'), "Error: unknown shorthand flag: 'x' in -x"],
  ['three dashes', cmd('---audit-log-path=/x'), 'Error: bad flag syntax: ---audit-log-path=/x'],
  ['a value after a bare bool', cmd('--allow-privileged', 'true'), 'Error: "kube-apiserver" does not take any arguments, got ["true"]'],
  ['a YAML list item missing its dashes', cmd('audit-log-path=/var/log/a.log'), 'Error: "kube-apiserver" does not take any arguments, got ["audit-log-path=/var/log/a.log"]'],
];

describe('parseApiServerCommand errors as the binary prints them', () => {
  it.each(errors)('%s', (_name, command, stderr) => {
    expect(parseApiServerCommand(command)).toEqual({ kind: 'error', stderr, exitCode: 1 });
  });
});

describe('parseApiServerCommand values', () => {
  it('reads the study guide audit flags into the typed config', () => {
    const r = parseApiServerCommand(
      cmd(
        '--audit-policy-file=/etc/kubernetes/audit/rules/audit-policy.yaml',
        '--audit-log-path=/var/log/kubernetes/audit/logs/apiserver.log',
        '--audit-log-maxage=5',
      ),
    );
    expect(r.kind).toBe('ok');
    if (r.kind !== 'ok') return;
    expect(r.audit.policyFile).toBe('/etc/kubernetes/audit/rules/audit-policy.yaml');
    expect(r.audit.log).toMatchObject({ path: '/var/log/kubernetes/audit/logs/apiserver.log', maxAge: 5, maxBackup: 0, maxSize: 0, format: 'json' });
    expect(auditEnabled(r.audit)).toBe(true);
    expect(r.flags['secure-port']).toBe(6443);
  });

  it('accepts `--flag value` as two items, `_` for `-`, and base prefixes', () => {
    const r = parseApiServerCommand(cmd('--audit-log-path', '/var/log/a.log', '--audit_log_maxbackup=0x2', '--audit-log-maxsize=1_0'));
    expect(r.kind === 'ok' && [r.audit.log.path, r.audit.log.maxBackup, r.audit.log.maxSize]).toEqual(['/var/log/a.log', 2, 10]);
  });

  it('parses durations to nanoseconds', () => {
    const r = parseApiServerCommand(cmd('--audit-webhook-config-file=/etc/k/wh.yaml', '--audit-webhook-initial-backoff=1m30s'));
    expect(r.kind === 'ok' && r.audit.webhook.initialBackoff).toBe(90e9);
  });

  it('honours the deprecated backoff spelling and prints the notice', () => {
    const r = parseApiServerCommand(cmd('--audit-webhook-batch-initial-backoff=5s'));
    expect(r.kind === 'ok' && r.audit.webhook.initialBackoff).toBe(5e9);
    expect(r.kind === 'ok' && r.stderr).toEqual([
      'Flag --audit-webhook-batch-initial-backoff has been deprecated, Deprecated, use --audit-webhook-initial-backoff instead.',
    ]);
  });

  it('appends repeated slice flags and splits CSV values', () => {
    const r = parseApiServerCommand(cmd('--enable-admission-plugins=NodeRestriction', '--enable-admission-plugins=PodSecurity,EventRateLimit'));
    expect(r.kind === 'ok' && r.flags['enable-admission-plugins']).toEqual(['NodeRestriction', 'PodSecurity', 'EventRateLimit']);
  });

  it('lets the last scalar value win', () => {
    const r = parseApiServerCommand(cmd('--audit-log-maxage=5', '--audit-log-maxage=10'));
    expect(r.kind === 'ok' && r.audit.log.maxAge).toBe(10);
  });

  it('stops reading flags after --', () => {
    expect(parseApiServerCommand(cmd('--', '--audit-log-path=/x'))).toEqual({
      kind: 'error',
      stderr: 'Error: "kube-apiserver" does not take any arguments, got ["--audit-log-path=/x"]',
      exitCode: 1,
    });
  });

  it('answers --help and --version', () => {
    expect(parseApiServerCommand(cmd('--help')).kind).toBe('help');
    expect(parseApiServerCommand(cmd('-h')).kind).toBe('help');
    expect(parseApiServerCommand(cmd('--version'))).toEqual({ kind: 'version', stdout: 'Kubernetes v1.26.1', exitCode: 0 });
  });

  it('treats an empty positional argument as harmless', () => {
    expect(parseApiServerCommand(cmd('')).kind).toBe('ok');
  });
});

describe('validateAuditConfig (AuditOptions.Validate)', () => {
  const withLog = (patch: (c: ReturnType<typeof defaultAuditConfig>) => void): string[] => {
    const c = defaultAuditConfig();
    c.log.path = '/var/log/audit.log';
    patch(c);
    return validateAuditConfig(c);
  };

  it('checks nothing for backends that are off', () => {
    const c = defaultAuditConfig();
    c.log.maxAge = -1;
    expect(validateAuditConfig(c)).toEqual([]);
  });

  it.each([
    ['negative maxage', (c: ReturnType<typeof defaultAuditConfig>) => (c.log.maxAge = -1), ["--audit-log-maxage -1 can't be a negative number"]],
    ['negative maxbackup and maxsize', (c: ReturnType<typeof defaultAuditConfig>) => ((c.log.maxBackup = -2), (c.log.maxSize = -3)), ["--audit-log-maxbackup -2 can't be a negative number", "--audit-log-maxsize -3 can't be a negative number"]],
    ['an unknown format', (c: ReturnType<typeof defaultAuditConfig>) => (c.log.format = 'text'), ['invalid audit log format text, allowed formats are "legacy,json"']],
    ['an unknown mode', (c: ReturnType<typeof defaultAuditConfig>) => (c.log.batch.mode = 'async'), ['invalid audit log mode async, allowed modes are "batch,blocking,blocking-strict"']],
    ['a zero batch buffer in batch mode', (c: ReturnType<typeof defaultAuditConfig>) => ((c.log.batch.mode = 'batch'), (c.log.batch.bufferSize = 0)), ['invalid audit batch log buffer size 0, must be a positive number']],
    ['a removed version', (c: ReturnType<typeof defaultAuditConfig>) => (c.log.version = 'audit.k8s.io/v1beta1'), ['invalid group version, allowed versions are ["audit.k8s.io/v1"]']],
    ['a zero truncate event size', (c: ReturnType<typeof defaultAuditConfig>) => (c.log.truncate.maxEventSize = 0), ['invalid audit truncate log max event size 0, must be a positive number']],
  ])('%s', (_name, patch, expected) => {
    expect(withLog(patch)).toEqual(expected);
  });

  it('validates the webhook backend when it is configured', () => {
    const c = defaultAuditConfig();
    c.webhook.configFile = '/etc/kubernetes/audit/webhook.yaml';
    c.webhook.batch.throttleQPS = 0;
    expect(validateAuditConfig(c)).toEqual(['invalid audit batch webhook throttle QPS 0, must be a positive number']);
  });
});
