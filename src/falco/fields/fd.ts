// fd.* fields: the file or socket the event acts on (path parts, endpoints, type).
import type { FalcoSyscallEvent, FdInfo } from '../event';
import type { FieldDef, FieldValue } from './types';
import { NO_ARG } from './types';
import { memoText } from './memo';

type Ev = FalcoSyscallEvent;

const isFile = (fd: FdInfo): boolean => fd.typechar === 'f';
const isDir = (fd: FdInfo): boolean => fd.typechar === 'd';
const isSocket = (fd: FdInfo): boolean => fd.typechar === '4' || fd.typechar === '6';

// Rules test fd.directory and fd.filename of the same event many times over.
const dirname = memoText((path: string): string => {
  const i = path.lastIndexOf('/');
  if (i <= 0) return '/';
  return path.slice(0, i);
});

const basename = memoText((path: string): string => path.slice(path.lastIndexOf('/') + 1));

// fd.ip and fd.net hold both endpoints. A few address pairs recur across many events: each pair's
// list is made once (conditions only read it; these fields cannot be printed).
const endpointLists = new Map<string | undefined, Map<string | undefined, string[]>>();
let endpointCount = 0;

function endpoints(fd: FdInfo): string[] {
  let bySip = endpointLists.get(fd.cip);
  if (bySip === undefined) {
    bySip = new Map();
    endpointLists.set(fd.cip, bySip);
  }
  let list = bySip.get(fd.sip);
  if (list === undefined) {
    if (++endpointCount > 4096) {
      endpointLists.clear();
      endpointCount = 0;
    }
    list = [fd.cip, fd.sip].filter((x): x is string => !!x);
    bySip.set(fd.sip, list);
  }
  return list;
}

/** Server side is the remote end unless the event accepted a connection. */
function localIsClient(e: Ev, fd: FdInfo): boolean {
  if (fd.localIsClient !== undefined) return fd.localIsClient;
  return !e.evt.type.startsWith('accept');
}

function ff(name: string, type: FieldDef<Ev>['type'], desc: string, get: (fd: FdInfo, e: Ev) => FieldValue | undefined, extra: Partial<FieldDef<Ev>> = {}): FieldDef<Ev> {
  return { name, type, desc, arg: NO_ARG, extract: (e) => (e.fd ? get(e.fd, e) ?? null : null), ...extra };
}

/**
 * libsinsp keeps the open argument verbatim (only `//` runs collapsed) and has it for every fd it saw
 * opened; a socket or pipe never had one and reads as the empty string. Without a recorded raw path
 * a file reads as its resolved name, which is what a program passing an absolute clean path gave.
 */
function nameRaw(fd: FdInfo): string {
  if (fd.nameRaw !== undefined) return fd.nameRaw.replace(/\/{2,}/g, '/');
  return isFile(fd) || isDir(fd) ? fd.name : '';
}

const sock = <T>(fd: FdInfo, v: T | undefined): T | null => (isSocket(fd) && v !== undefined ? v : null);

export const FD_FIELDS: FieldDef<Ev>[] = [
  ff('fd.num', 'int64', 'the unique number identifying the file descriptor', (fd) => fd.num),
  ff('fd.type', 'charbuf', "type of FD. Can be 'file', 'directory', 'ipv4', 'ipv6', 'unix', 'pipe', 'event', 'signalfd', 'eventpoll', 'inotify' 'signalfd' or 'memfd'", (fd) => fd.type),
  ff('fd.typechar', 'charbuf', "type of FD as a single character. Can be 'f' for file, 4 for IPv4 socket, 6 for IPv6 socket, 'u' for unix socket, p for pipe, 'e' for eventfd, 's' for signalfd, 'l' for eventpoll, 'i' for inotify, 'b' for bpf, 'u' for userfaultd, 'r' for io_uring, 'm' for memfd ,'o' for unknown", (fd) => fd.typechar),
  ff('fd.name', 'charbuf', 'FD full name. If the fd is a file, this field contains the full path. If the FD is a socket, this field contain the connection tuple', (fd) => fd.name),
  ff('fd.directory', 'charbuf', 'If the fd is a file, the directory that contains it', (fd) => (isFile(fd) ? dirname(fd.name) : isDir(fd) ? fd.name : null)),
  ff('fd.filename', 'charbuf', 'If the fd is a file, the filename without the path', (fd) => (isFile(fd) ? basename(fd.name) : null)),
  ff('fd.ip', 'ipaddr', 'matches the ip address (client or server) of the fd', (fd) => (isSocket(fd) ? endpoints(fd) : null), { filterOnly: true, multi: 'any' }),
  ff('fd.cip', 'ipaddr', 'client IP address', (fd) => sock(fd, fd.cip)),
  ff('fd.sip', 'ipaddr', 'server IP address', (fd) => sock(fd, fd.sip)),
  ff('fd.lip', 'ipaddr', 'local IP address', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.cip : fd.sip)),
  ff('fd.rip', 'ipaddr', 'remote IP address', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.sip : fd.cip)),
  ff('fd.port', 'port', 'matches the port (either client or server) of the fd', (fd) => (isSocket(fd) ? [fd.cport, fd.sport].filter((x): x is number => x !== undefined) : null), { filterOnly: true, multi: 'any' }),
  ff('fd.cport', 'port', 'for TCP/UDP FDs, the client port', (fd) => sock(fd, fd.cport)),
  ff('fd.sport', 'port', 'for TCP/UDP FDs, server port', (fd) => sock(fd, fd.sport)),
  ff('fd.lport', 'port', 'for TCP/UDP FDs, the local port', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.cport : fd.sport)),
  ff('fd.rport', 'port', 'for TCP/UDP FDs, the remote port', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.sport : fd.cport)),
  ff('fd.l4proto', 'charbuf', "the IP protocol of a socket. Can be 'tcp', 'udp', 'icmp' or 'raw'", (fd) => sock(fd, fd.l4proto)),
  ff('fd.sockfamily', 'charbuf', "the socket family for socket events. Can be 'ip' or 'unix'", (fd) => (isSocket(fd) ? 'ip' : fd.typechar === 'u' ? 'unix' : null)),
  ff('fd.is_server', 'bool', "'true' if the process owning this FD is the server endpoint in the connection", (fd, e) => (isSocket(fd) ? !localIsClient(e, fd) : null)),
  ff('fd.net', 'ipnet', 'matches the IP network (client or server) of the fd', (fd) => (isSocket(fd) ? endpoints(fd) : null), { filterOnly: true, multi: 'any' }),
  ff('fd.cnet', 'ipnet', 'matches the client IP network of the fd', (fd) => sock(fd, fd.cip), { filterOnly: true }),
  ff('fd.snet', 'ipnet', 'matches the server IP network of the fd', (fd) => sock(fd, fd.sip), { filterOnly: true }),
  ff('fd.lnet', 'ipnet', 'matches the local IP network of the fd', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.cip : fd.sip), { filterOnly: true }),
  ff('fd.rnet', 'ipnet', 'matches the remote IP network of the fd', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.sip : fd.cip), { filterOnly: true }),
  ff('fd.connected', 'bool', "for TCP/UDP FDs, 'true' if the socket is connected", (fd) => (isSocket(fd) ? fd.connected ?? true : null)),
  ff('fd.name_changed', 'bool', "'true' when an event changes the name of an fd used by this event", () => false),
  ff('fd.cip.name', 'charbuf', 'Domain name associated with the client IP address', (fd) => sock(fd, fd.cipName)),
  ff('fd.sip.name', 'charbuf', 'Domain name associated with the server IP address', (fd) => sock(fd, fd.sipName)),
  ff('fd.lip.name', 'charbuf', 'Domain name associated with the local IP address', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.cipName : fd.sipName)),
  ff('fd.rip.name', 'charbuf', 'Domain name associated with the remote IP address', (fd, e) => sock(fd, localIsClient(e, fd) ? fd.sipName : fd.cipName)),
  ff('fd.nameraw', 'charbuf', 'FD full name raw. Just like fd.name, but only used if fd is a file path', nameRaw),
  ff('fd.containername', 'charbuf', 'chaining of the container ID and the FD name', (fd, e) => `${e.container?.id ?? 'host'}:${fd.name}`),
  ff('fd.containerdirectory', 'charbuf', 'chaining of the container ID and the directory name', (fd, e) => (isFile(fd) ? `${e.container?.id ?? 'host'}:${dirname(fd.name)}` : null)),
];
