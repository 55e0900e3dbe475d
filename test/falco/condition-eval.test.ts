// Conditions evaluate against structured events with libsinsp's semantics (types, <NA>, list operators).
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/falco/condition/parser';
import { compileFilter, FilterCompileError } from '../../src/falco/compiler/filter';
import type { FalcoSyscallEvent } from '../../src/falco/event';
import { syscallFields } from '../../src/falco/fields/syscall';
import { ancestor, container, event, execEvent, fileFd, openEvent, proc } from './helpers/events';

function evaluate(cond: string, e: FalcoSyscallEvent): boolean {
  const r = parseCondition(cond);
  if (!r.ok) throw new Error(r.message);
  return compileFilter(r.expr, syscallFields())(e);
}

function compileError(cond: string): string {
  const r = parseCondition(cond);
  if (!r.ok) throw new Error(r.message);
  try {
    compileFilter(r.expr, syscallFields());
    return 'compiled';
  } catch (e) {
    if (e instanceof FilterCompileError) return e.message;
    throw e;
  }
}

const shell = execEvent({
  proc: proc({ name: 'bash', pid: 47773, args: [], tty: 34816, ancestors: [ancestor('runc', ['init']), ancestor('containerd-shim', ['-namespace', 'k8s.io']), ancestor('systemd')] }),
  container: container('18b247adb3ca', 'docker.io/library/nginx', 'latest', 'nginx'),
});
const hostCat = openEvent('/etc/shadow', 'O_RDONLY', { proc: proc({ name: 'cat', args: ['/etc/shadow'] }) });
const write = openEvent('/etc/threat', 'O_WRONLY|O_CREAT|O_APPEND');
const noThread = event({ type: 'openat', proc: null, user: null, fd: fileFd('/etc/x') });

describe('field checks', () => {
  it.each<[string, FalcoSyscallEvent, boolean]>([
    ['evt.type = execve and evt.dir = <', shell, true],
    ['evt.type in (execve, execveat)', shell, true],
    ['proc.name = bash', shell, true],
    ['proc.name = BASH', shell, false],
    ['proc.name icontains BAS', shell, true],
    ['proc.tty != 0', shell, true],
    ['proc.tty = 34816', shell, true],
    ['proc.pid > 47000 and proc.pid <= 47773', shell, true],
    ['proc.pname = runc', shell, true],
    ['proc.aname[1] = runc and proc.aname[2] = containerd-shim and proc.aname[3] = systemd', shell, true],
    ['proc.aname[0] = bash', shell, true],
    ['proc.aname[9] = x', shell, false],
    ['proc.aname = systemd', shell, true],
    ['proc.aname in (containerd-shim)', shell, true],
    ['proc.pcmdline = "runc init"', shell, true],
    ['proc.cmdline = bash', shell, true],
    ['container.id != host', shell, true],
    ['container.id = host', hostCat, true],
    ['container.image.repository = docker.io/library/nginx', shell, true],
    ['container.image.repository exists', hostCat, false],
    ['container.name = host', hostCat, true],
    ['not proc.pname exists', hostCat, true],
    ['proc.cmdline = "cat /etc/shadow"', hostCat, true],
    ['proc.args = /etc/shadow', hostCat, true],
    ['fd.name = /etc/shadow and fd.directory = /etc and fd.filename = shadow', hostCat, true],
    ['evt.is_open_read = true and evt.is_open_write = false', hostCat, true],
    ['evt.is_open_write = true', write, true],
    ["fd.typechar = 'f' and fd.num >= 0", write, true],
    ['evt.arg.flags contains O_APPEND', write, true],
    ['evt.arg[flags] contains O_CREAT', write, true],
    ['evt.arg[3] contains O_CREAT', write, true],
    ['evt.res = SUCCESS and evt.rawres = 3 and evt.failed = false', write, true],
    ['fd.name startswith /etc/', write, true],
    ['fd.name endswith threat', write, true],
    ['fd.name glob /etc/*', write, true],
    ['fd.name glob /e?c/t*', write, true],
    ['fd.name pmatch (/etc)', write, true],
    ['fd.name pmatch (/et)', write, false],
    ['fd.name pmatch (/usr, /etc/threat)', write, true],
    ['fd.name contains "/etc/t"', write, true],
    ['proc.name in (bash, sh)', write, true],
    ['evt.num = 0', write, false],
    ['evt.num >= 0', write, true],
  ])('%s', (cond, e, expected) => {
    expect(evaluate(cond, e)).toBe(expected);
  });
});

describe('not extractable (<NA>)', () => {
  it.each([
    ['proc.name = bash', false],
    ['proc.name != bash', false],
    ['proc.name != "<NA>"', false],
    ['not proc.name = bash', true],
    ['proc.name exists', false],
    ['user.name in (root)', false],
    ['fd.name = /etc/x', true],
  ])('%s on an event without thread info → %s', (cond, expected) => {
    expect(evaluate(cond, noThread)).toBe(expected);
  });

  it('a null user name compares false both ways', () => {
    const e = execEvent({ user: { uid: 0, name: null, loginuid: -1, loginname: null } });
    expect(evaluate('user.name = root', e)).toBe(false);
    expect(evaluate('user.name != root', e)).toBe(false);
    expect(evaluate('user.loginuid = -1', e)).toBe(true);
  });
});

describe('sockets', () => {
  const conn = event({
    type: 'connect',
    fd: { num: 3, type: 'ipv4', typechar: '4', name: '10.0.0.5:40000->10.96.0.1:443', cip: '10.0.0.5', cport: 40000, sip: '10.96.0.1', sport: 443, sipName: 'kubernetes.default.svc.cluster.local', l4proto: 'tcp' },
  });
  it.each([
    ['fd.sip = 10.96.0.1 and fd.sport = 443', true],
    ['fd.sip in (1.2.3.4, 10.96.0.1)', true],
    ['fd.snet in ("10.96.0.0/12")', true],
    ['fd.snet = "192.168.0.0/16"', false],
    ['fd.net = "10.0.0.0/8"', true],
    ['fd.lport = 40000 and fd.rport = 443', true],
    ['fd.sip.name = "kubernetes.default.svc.cluster.local"', true],
    ['(fd.typechar = 4 or fd.typechar = 6)', true],
    ['fd.port in (443)', true],
    ['fd.directory exists', false],
  ])('%s', (cond, expected) => {
    expect(evaluate(cond, conn)).toBe(expected);
  });
});

describe('ordering operators take numbers only', () => {
  it('`fd.name > /a` is a parse error: the grammar wants a number after `>`', () => {
    const r = parseCondition('fd.name > /a');
    expect(r.ok ? 'ok' : r.message).toBe('expected a number value');
  });

  it('a string field compares in strcmp order against a numeric literal', () => {
    expect(evaluate('fd.name < 1', write)).toBe(true);
    expect(evaluate('fd.name > 1', write)).toBe(false);
  });
});

describe('compile-time errors', () => {
  it.each([
    ['proc.nobody = 1', 'filter_check called with nonexistent field proc.nobody'],
    ['proc.pid contains 1', "'contains' not supported for numeric filters"],
    ['proc.pid = abc', 'abc is not a valid number'],
    ['proc.pid = 0x10', '0x10 is not a valid number'],
    ['evt.is_open_write = yes', 'filter error: unrecognized boolean value yes'],
    ['evt.buffer bcontains xyz', 'filter error: bcontains and bstartswith operator support hex strings only'],
    ['fd.sip = nothost', 'unrecognized IP address nothost'],
    ['evt.arg exists', 'filter syntax error: evt.arg'],
    ['proc.aname[x] = a', 'x is not a valid number'],
    ['proc.name[1] = a', 'filter_check called with nonexistent field proc.name[1]'],
    ['evt.arg.flags contains O_TRUNC', 'compiled'],
    ['k8s.pod.label.app = web', 'compiled'],
  ])('%s → %s', (cond, message) => {
    expect(compileError(cond)).toBe(message);
  });
});
