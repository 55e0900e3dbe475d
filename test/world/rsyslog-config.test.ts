// rsyslog's selector and filter lines: which file a message of a given facility/severity goes to.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRsyslogConfig, parseSelectors, routeMessage, type SyslogMessage } from '../../src/world/syslog/rsyslog-config';
import { forwardToSyslog } from '../../src/world/syslog/rsyslog';
import { formatFileLine, rfc3164Stamp, rfc3339Stamp, syslogMessageOf, syslogTag } from '../../src/world/syslog/syslog-line';
import { wallTime } from '../../src/core/time';

/** Ubuntu 20.04's /etc/rsyslog.d/50-default.conf, verbatim. */
const UBUNTU_DEFAULT = `#  Default rules for rsyslog.
#
#			For more information see rsyslog.conf(5) and /etc/rsyslog.conf

#
# First some standard log files.  Log by facility.
#
auth,authpriv.*			/var/log/auth.log
*.*;auth,authpriv.none		-/var/log/syslog
#cron.*				/var/log/cron.log
#daemon.*			-/var/log/daemon.log
kern.*				-/var/log/kern.log
#lpr.*				-/var/log/lpr.log
mail.*				-/var/log/mail.log
#user.*				-/var/log/user.log

mail.err			/var/log/mail.err

#*.=debug;\\
#	auth,authpriv.none;\\
#	news.none;mail.none	-/var/log/debug

*.emerg				:omusrmsg:*
`;

const ubuntu = loadRsyslogConfig({
  read: (p) => (p === '/etc/rsyslog.conf' ? '$ActionFileDefaultTemplate RSYSLOG_TraditionalFileFormat\n$FileOwner syslog\n$IncludeConfig /etc/rsyslog.d/*.conf\n' : p === '/etc/rsyslog.d/50-default.conf' ? UBUNTU_DEFAULT : null),
  list: (d) => (d === '/etc/rsyslog.d' ? ['50-default.conf', 'README'] : []),
});

const msg = (facility: number, severity: number, tag = 'x:', text = ' hello'): SyslogMessage => ({ facility, severity, hostname: 'kube-worker-1', tag, msg: text });

describe("Ubuntu's default rules", () => {
  it.each([
    ['user.notice (falco, logger)', 1, 5, ['/var/log/syslog']],
    ['authpriv.notice (sudo)', 10, 5, ['/var/log/auth.log']],
    ['auth.info (sshd)', 4, 6, ['/var/log/auth.log']],
    ['kern.warning', 0, 4, ['/var/log/syslog', '/var/log/kern.log']],
    ['daemon.info (systemd)', 3, 6, ['/var/log/syslog']],
    ['mail.err', 2, 3, ['/var/log/syslog', '/var/log/mail.log', '/var/log/mail.err']],
    ['mail.info', 2, 6, ['/var/log/syslog', '/var/log/mail.log']],
    ['local7.debug', 23, 7, ['/var/log/syslog']],
  ])('%s goes to %j', (_label, facility, severity, files) => {
    expect(routeMessage(ubuntu, msg(facility, severity))).toEqual(files);
  });

  it('reads the directives that shape its files', () => {
    expect(ubuntu).toMatchObject({ traditional: true, fileOwner: 'syslog', fileGroup: null });
  });
});

describe('selectors', () => {
  it.each([
    ['*.*', 1, 7, true],
    ['user.info', 1, 7, false],
    ['user.info', 1, 6, true],
    ['user.=info', 1, 5, false],
    ['user.!err', 1, 3, false],
    ['user.!err', 1, 4, false],
    ['*.info;user.!=info', 1, 6, false],
    ['*.info;user.!=info', 1, 5, true],
    ['*.*;user.none', 1, 0, false],
    ['auth,authpriv.*', 10, 7, true],
    ['local0.warn', 16, 4, true],
  ])('%s with facility %i severity %i: %s', (sel, facility, severity, hit) => {
    const masks = parseSelectors(sel)!;
    expect(((masks[facility] ?? 0) & (1 << severity)) !== 0).toBe(hit);
  });

  it.each(['user', 'bogus.info', 'user.bogus', '.info', 'user.'])('rejects %j', (sel) => {
    expect(parseSelectors(sel)).toBeNull();
  });

  it('never throws on arbitrary configuration text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ maxLength: 40 }), (text, tag) => {
        const cfg = loadRsyslogConfig({ read: (p) => (p === '/etc/rsyslog.conf' ? text : null), list: () => [] });
        expect(Array.isArray(routeMessage(cfg, msg(1, 5, tag, ` ${tag}`)))).toBe(true);
      }),
    );
  });
});

describe('property filters and actions', () => {
  const cfg = loadRsyslogConfig({
    read: () => ':programname, isequal, "falco" /var/log/falco.log\n& stop\n:msg, contains, "[UFW " /var/log/ufw.log\n*.* action(type="omfile" file="/var/log/all.log")\n',
    list: () => [],
  });
  it.each([
    ['falco:', ' 18:03:14.632368639: Notice A shell', ['/var/log/falco.log']],
    ['falco[407]:', ' Falco initialized', ['/var/log/falco.log']],
    ['kernel:', ' [UFW BLOCK] IN=enp0s3', ['/var/log/ufw.log', '/var/log/all.log']],
    ['sudo:', '  vagrant : TTY=pts/0', ['/var/log/all.log']],
  ])('%s%s → %j', (tag, text, files) => {
    expect(routeMessage(cfg, msg(1, 5, tag, text))).toEqual(files);
  });

  it('falls back to RSYSLOG_FileFormat without the traditional-template directive', () => {
    expect(cfg.traditional).toBe(false);
  });
});

describe('the lines rsyslog writes', () => {
  const w = wallTime(Date.UTC(2023, 0, 4, 9, 2, 0), 123_456_789);
  const entry = { seq: 1, time: 0, ident: 'falco', pid: 407, unit: 'falco.service', priority: 5, message: '09:02:00.123456789: Notice A shell was spawned' };

  it('pads the day with a blank in the traditional stamp, unlike journalctl', () => {
    expect(rfc3164Stamp(w)).toBe('Jan  4 09:02:00');
    expect(rfc3339Stamp(w)).toBe('2023-01-04T09:02:00.123456+00:00');
  });

  it.each([
    ['syslog(3) without LOG_PID', { transport: 'syslog' as const }, 'falco:'],
    ['syslog(3) with LOG_PID', { transport: 'syslog' as const, syslogPid: true }, 'falco[407]:'],
    ['a stdout line journald forwards', {}, 'falco[407]:'],
  ])('tags %s as %s', (_label, extra, tag) => {
    expect(syslogTag({ ...entry, ...extra })).toBe(tag);
  });

  it('formats the traditional line verbatim', () => {
    const m = syslogMessageOf({ ...entry, transport: 'syslog' }, 'kube-worker-1');
    expect(formatFileLine(m, rfc3164Stamp(w))).toBe('Jan  4 09:02:00 kube-worker-1 falco: 09:02:00.123456789: Notice A shell was spawned\n');
    const sudo = syslogMessageOf({ ...entry, ident: 'sudo', message: ' vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow', transport: 'syslog', facility: 10 }, 'kube-worker-1');
    expect(formatFileLine(sudo, 'Jan 24 17:56:39')).toBe('Jan 24 17:56:39 kube-worker-1 sudo:  vagrant : TTY=pts/0 ; PWD=/home/vagrant ; USER=root ; COMMAND=/usr/bin/cat /etc/shadow\n');
  });
});

describe("journald's ForwardToSyslog", () => {
  it.each([
    [['[Journal]\n#ForwardToSyslog=yes\n'], true],
    [['[Journal]\nForwardToSyslog=no\n'], false],
    [['[Journal]\nForwardToSyslog=no\n', '[Journal]\nForwardToSyslog=yes\n'], true],
    [['[Other]\nForwardToSyslog=no\n'], true],
  ])('%j → %s', (texts, on) => {
    expect(forwardToSyslog(texts)).toBe(on);
  });
});
