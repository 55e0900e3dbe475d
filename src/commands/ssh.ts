// ssh: log in to another node of the lab (OpenSSH 8.2 client behaviour and messages).

import type { Command } from './types';
import type { SshClient } from '../world/net/ssh-service';

const USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface]
           [-b bind_address] [-c cipher_spec] [-D [bind_address:]port]
           [-E log_file] [-e escape_char] [-F configfile] [-I pkcs11]
           [-i identity_file] [-J [user@]host[:port]] [-L address]
           [-l login_name] [-m mac_spec] [-O ctl_cmd] [-o option] [-p port]
           [-Q query_option] [-R address] [-S ctl_path] [-W host:port]
           [-w local_tun[:remote_tun]] destination [command]
`;

/** Look a host name up in /etc/hosts as glibc's files backend does. */
function lookupHosts(hostsText: string, name: string): string | null {
  for (const line of hostsText.split('\n')) {
    const fields = line.replace(/#.*/, '').trim().split(/\s+/);
    if (fields.length >= 2 && fields.slice(1).includes(name)) return fields[0]!;
  }
  return null;
}

export const ssh: Command = {
  name: 'ssh',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    let user: string | null = null;
    let forceTty = false;
    let noTty = false;
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (!a.startsWith('-') || a === '-') break;
      if (a === '-l') user = args[++i] ?? null;
      else if (a === '-t') forceTty = true;
      else if (a === '-T') noTty = true;
      else if (a === '-o' || a === '-i' || a === '-p' || a === '-F') i++;
      else if (!/^-[46AaCfGgKkMNnqsVvXxYy]+$/.test(a)) {
        ctx.stderr.write(`ssh: illegal option -- ${a.slice(1, 2)}\n${USAGE}`);
        return 255;
      }
    }
    const dest = args[i];
    if (dest === undefined) {
      ctx.stderr.write(USAGE);
      return 255;
    }
    const command = args.length > i + 1 ? args.slice(i + 1).join(' ') : null;
    let host = dest;
    const at = dest.lastIndexOf('@');
    if (at >= 0) {
      user = dest.slice(0, at);
      host = dest.slice(at + 1);
    }
    if (user === null) {
      const passwd = safeRead(ctx, '/etc/passwd');
      user = passwd.split('\n').map((l) => l.split(':')).find((f) => Number(f[2]) === ctx.process.uid)?.[0] ?? 'root';
    }
    const client = ctx.sys.services.get<SshClient>('ssh');
    if (!client) {
      ctx.stderr.write(`ssh: connect to host ${host} port 22: Network is unreachable\n`);
      return 255;
    }
    const ip = /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : host === 'localhost' ? '127.0.0.1' : lookupHosts(safeRead(ctx, '/etc/hosts'), host);
    if (ip === null) {
      ctx.stderr.write(`ssh: Could not resolve hostname ${host}: Name or service not known\n`);
      return 255;
    }
    const tty = !noTty && (forceTty || (command === null && ctx.stdin.isTTY));
    if (command === null && !tty && ctx.stdin.isTTY === false) {
      ctx.stderr.write('Pseudo-terminal will not be allocated because stdin is not a terminal.\n');
    }
    const fromIp = ctx.sys.services.get<{ ip: string }>('node-info')?.ip ?? '127.0.0.1';
    const r = await client.session(ip, { user, command, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, signal: ctx.signal, tty, fromIp, interactive: ctx.process.interactive, ...(ctx.env.TERM ? { term: ctx.env.TERM } : {}) });
    if (!r.ok) {
      if (r.error === 'refused') ctx.stderr.write(`ssh: connect to host ${host} port 22: Connection refused\n`);
      else ctx.stderr.write(`${user}@${host}: Permission denied (publickey).\n`);
      return 255;
    }
    if (tty) ctx.stderr.write(`Connection to ${host} closed.\n`);
    return r.status;
  },
};

function safeRead(ctx: Parameters<Command['run']>[0], path: string): string {
  try {
    return ctx.sys.fs.readFile(path);
  } catch {
    return '';
  }
}
