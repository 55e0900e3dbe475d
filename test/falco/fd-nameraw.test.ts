// fd.nameraw: the path as the program passed it to open, which "Directory traversal monitored file
// read" reads, from structured events and from replayed flat events.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { formatAlertLine } from '../../src/falco/output/alert-line';
import { readReplayLine, REPLAY_BASE_TIME, resolveRawPath } from '../../src/falco/app/replay-event';
import type { FalcoSyscallEvent, FdInfo } from '../../src/falco/event';
import { ancestor, event, proc } from './helpers/events';

const RULES = readFileSync(new URL('../../assets/falco/falco_rules.yaml', import.meta.url), 'utf8');

function engineWith(text: string) {
  const eng = createFalcoEngine();
  const r = eng.loadRulesFile('/etc/falco/falco_rules.yaml', text);
  expect(r.errors.map((e) => e.message)).toEqual([]);
  return eng;
}

const PRINT_RAW = `- rule: Print raw
  desc: prints fd.nameraw
  condition: evt.type in (openat, connect)
  output: "raw=%fd.nameraw name=%fd.name"
  priority: INFO
`;

const openAt = (fd: FdInfo, by = 'cat', parent = 'sudo'): FalcoSyscallEvent =>
  event({ type: 'openat', args: { fd: fd.num, dirfd: -100, name: fd.nameRaw ?? fd.name, flags: 'O_RDONLY', mode: 0 }, res: fd.num, fd, proc: proc({ name: by, args: [fd.nameRaw ?? fd.name], ancestors: [ancestor(parent), ancestor('bash')] }) });

const file = (name: string, nameRaw?: string): FdInfo => ({ num: 3, type: 'file', typechar: 'f', name, ...(nameRaw !== undefined ? { nameRaw } : {}) });

describe('fd.nameraw', () => {
  const eng = engineWith(PRINT_RAW);
  const line = (e: FalcoSyscallEvent): string | undefined => {
    const a = eng.process(e);
    return a ? formatAlertLine(a).replace(/^\S+ \w+ /, '') : undefined;
  };

  it.each([
    ['/etc/../etc/../etc/shadow', '/etc/shadow', 'raw=/etc/../etc/../etc/shadow name=/etc/shadow'],
    ['../etc/shadow', '/etc/shadow', 'raw=../etc/shadow name=/etc/shadow'],
    ['./hostname', '/etc/hostname', 'raw=./hostname name=/etc/hostname'],
    // libsinsp collapses runs of separators in the raw name, and nothing else.
    ['//etc///../etc//shadow', '/etc/shadow', 'raw=/etc/../etc/shadow name=/etc/shadow'],
  ])('is the path as passed (%s), while fd.name is resolved', (raw, name, expected) => {
    expect(line(openAt(file(name, raw)))).toBe(expected);
  });

  it('reads as fd.name for a file whose raw path the event does not carry', () => {
    expect(line(openAt(file('/etc/passwd')))).toBe('raw=/etc/passwd name=/etc/passwd');
  });

  it('is empty for a socket, which was never opened by a path', () => {
    const sock: FdInfo = { num: 4, type: 'ipv4', typechar: '4', name: '10.0.0.5:40000->10.96.0.1:443', cip: '10.0.0.5', cport: 40000, sip: '10.96.0.1', sport: 443, l4proto: 'tcp' };
    expect(line(event({ type: 'connect', fd: sock }))).toBe('raw= name=10.0.0.5:40000->10.96.0.1:443');
  });
});

describe('"Directory traversal monitored file read" in the shipped rules', () => {
  const eng = engineWith(RULES);

  it.each([
    // The event-generator's action: two ../ in the path.
    ['/etc/../etc/../etc/shadow', '/etc/shadow', 'sudo', 'Directory traversal monitored file read'],
    ['../../etc/shadow', '/etc/shadow', 'runc', 'Directory traversal monitored file read'],
    ['../../root/.ssh/id_rsa', '/root/.ssh/id_rsa', 'sudo', 'Directory traversal monitored file read'],
    // One ../ does not match the macro's glob '*../*../*': the read is then just untrusted.
    ['/etc/../etc/shadow', '/etc/shadow', 'sudo', 'Read sensitive file untrusted'],
    ['../etc/shadow', '/etc/shadow', 'sudo', 'Read sensitive file untrusted'],
    // A shell as parent is excluded (not proc.pname in (shell_binaries)).
    ['/etc/../etc/../etc/hostname', '/etc/hostname', 'bash', undefined],
    // The resolved name is what etc_dir looks at.
    ['/tmp/../../tmp/x', '/tmp/x', 'sudo', undefined],
  ])('%s read by cat under %s → %s', (raw, name, parent, rule) => {
    expect(eng.process(openAt(file(name, raw), 'cat', parent))?.rule).toBe(rule);
  });

  it('prints the resolved and the raw path', () => {
    const a = eng.process(openAt(file('/etc/shadow', '/etc/../etc/../etc/shadow')));
    expect(a && formatAlertLine(a)).toContain(' file=/etc/shadow fileraw=/etc/../etc/../etc/shadow parent=sudo ');
  });
});

describe('replay: fd.nameraw in a flat event', () => {
  const replayed = (o: Record<string, unknown>): FalcoSyscallEvent => {
    const r = readReplayLine(JSON.stringify(o), 1, null);
    if (!r.ok || r.value.source !== 'syscall') throw new Error(`not a syscall event: ${JSON.stringify(r)}`);
    expect(r.warnings).toEqual([]);
    return r.value.event;
  };

  it('is read, with fd.name and the open argument derived from it', () => {
    const e = replayed({ 'evt.type': 'openat', 'fd.nameraw': '../../etc/shadow', 'proc.cwd': '/var/www', 'proc.name': 'cat', 'proc.pname': 'php-fpm' });
    expect(e.fd).toMatchObject({ name: '/etc/shadow', nameRaw: '../../etc/shadow', typechar: 'f' });
    expect(e.evt.args?.name).toBe('../../etc/shadow');
    expect(e.evt.time).toEqual(REPLAY_BASE_TIME);
  });

  it('keeps an explicit fd.name beside it', () => {
    const e = replayed({ 'evt.type': 'openat', 'fd.name': '/etc/shadow', 'fd.nameraw': '/etc/../etc/../etc/shadow', 'proc.name': 'cat' });
    expect(e.fd).toMatchObject({ name: '/etc/shadow', nameRaw: '/etc/../etc/../etc/shadow' });
  });

  it('raises the traversal rule through the shipped rules, as Falco prints it', () => {
    const e = replayed({
      'evt.type': 'openat',
      'evt.time': '2023-01-24T18:10:00.123456789Z',
      'fd.nameraw': '/etc/../etc/../etc/shadow',
      'proc.name': 'cat',
      'proc.args': ['/etc/../etc/../etc/shadow'],
      'proc.pid': 5100,
      'proc.pname': 'event-generator',
      'proc.aname[2]': 'containerd-shim',
      'proc.cwd': '/',
      'user.name': 'root',
      'container.id': '0a1b2c3d4e5f',
      'container.image.repository': 'docker.io/falcosecurity/event-generator',
    });
    const a = eng().process(e);
    expect(a && formatAlertLine(a)).toBe(
      '18:10:00.123456789: Warning Read monitored file via directory traversal (username=root useruid=0 user_loginuid=-1 program=cat exe=/usr/bin/cat command=cat /etc/../etc/../etc/shadow pid=5100 parent=event-generator file=/etc/shadow fileraw=/etc/../etc/../etc/shadow parent=event-generator gparent=containerd-shim container_id=0a1b2c3d4e5f image=docker.io/falcosecurity/event-generator returncode=SUCCESS cwd=/)',
    );
  });

  it('without fd.nameraw the path as given is the clean fd.name: no traversal', () => {
    const e = replayed({ 'evt.type': 'openat', 'fd.name': '/etc/shadow', 'proc.name': 'cat', 'proc.pname': 'sudo' });
    expect(eng().process(e)?.rule).toBe('Read sensitive file untrusted');
  });

  it.each([
    ['/', '../../etc/shadow', '/etc/shadow'],
    ['/var/www', '../../etc/./shadow', '/etc/shadow'],
    ['/tmp', '/etc//../etc/passwd', '/etc/passwd'],
    ['/a/b', '.', '/a/b'],
  ])('resolves against proc.cwd %s: %s → %s', (cwd, raw, abs) => {
    expect(resolveRawPath(cwd, raw)).toBe(abs);
  });
});

let shipped: ReturnType<typeof engineWith> | undefined;
function eng() {
  return (shipped ??= engineWith(RULES));
}
