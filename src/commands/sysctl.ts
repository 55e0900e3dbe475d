// sysctl (procps-ng 3.3.16): read kernel parameters (a kubeadm node's values: forwarding on, bridge
// traffic through iptables) and refuse writes from non-root.

import type { Command, CommandContext } from './types';

const DEFAULTS: Record<string, string> = {
  'fs.file-max': '9223372036854775807',
  'fs.inotify.max_user_instances': '128',
  'fs.inotify.max_user_watches': '65536',
  'kernel.hostname': '',
  'kernel.ostype': 'Linux',
  'kernel.osrelease': '5.4.0-137-generic',
  'kernel.panic': '10',
  'kernel.panic_on_oops': '1',
  'kernel.pid_max': '4194304',
  'kernel.randomize_va_space': '2',
  'kernel.yama.ptrace_scope': '1',
  'net.bridge.bridge-nf-call-ip6tables': '1',
  'net.bridge.bridge-nf-call-iptables': '1',
  'net.ipv4.conf.all.forwarding': '1',
  'net.ipv4.ip_forward': '1',
  'net.ipv4.ip_local_port_range': '32768\t60999',
  'net.ipv4.tcp_syncookies': '1',
  'net.ipv6.conf.all.disable_ipv6': '0',
  'net.ipv6.conf.all.forwarding': '1',
  'vm.max_map_count': '65530',
  'vm.overcommit_memory': '1',
  'vm.panic_on_oom': '0',
  'vm.swappiness': '60',
};

async function runSysctl(ctx: CommandContext): Promise<number> {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => a.startsWith('-'));
  const names = args.filter((a) => !a.startsWith('-'));
  const values: Record<string, string> = { ...DEFAULTS, 'kernel.hostname': ctx.process.hostname };
  const quietNames = flags.includes('-n') || flags.includes('--values');
  const show = (k: string): string => (quietNames ? `${values[k]}\n` : `${k} = ${values[k]}\n`);
  if (flags.some((f) => ['-a', '-A', '-X', '--all'].includes(f)) || (names.length === 0 && !flags.includes('-p') && !flags.includes('--system'))) {
    if (names.length === 0 && flags.length === 0) {
      ctx.stderr.write('\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n  -a, --all            display all variables\n  -n, --values         print only values of the given variable(s)\n  -w, --write          enable writing a value to variable\n  -p, --load[=<file>]  read values from file\n  --system             read values from all system directories\n');
      return 255;
    }
    ctx.stdout.write(Object.keys(values).sort().map(show).join(''));
    return 0;
  }
  if (flags.includes('--system') || flags.includes('-p')) {
    if (ctx.process.euid !== 0) {
      ctx.stderr.write('sysctl: permission denied on key "net.ipv4.ip_forward"\n');
      return 255;
    }
    ctx.stdout.write(flags.includes('--system') ? '* Applying /etc/sysctl.d/10-network-security.conf ...\nnet.ipv4.conf.default.rp_filter = 2\nnet.ipv4.conf.all.rp_filter = 2\n* Applying /etc/sysctl.conf ...\n' : '');
    return 0;
  }
  let status = 0;
  for (const n of names) {
    const eq = n.indexOf('=');
    const key = (eq < 0 ? n : n.slice(0, eq)).replace(/\//g, '.');
    if (!(key in values)) {
      ctx.stderr.write(`sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory\n`);
      status = 255;
      continue;
    }
    if (eq >= 0) {
      if (ctx.process.euid !== 0) {
        ctx.stderr.write(`sysctl: permission denied on key "${key}"\n`);
        status = 255;
        continue;
      }
      ctx.stdout.write(`${key} = ${n.slice(eq + 1)}\n`);
      continue;
    }
    ctx.stdout.write(show(key));
  }
  return status;
}

export const sysctl: Command = { name: 'sysctl', run: runSysctl };
