// falco-driver-loader as installed with the Falco 0.33.1 deb: the kernel module was built by DKMS at
// install time, so it only reports on (and reloads) that build. (`dkms` itself is in extra-set.)

import type { Command } from '../types';
import { nodeInfo } from '../lib/node-info';

const DRIVER_VERSION = '3.0.1+driver';

export const falcoDriverLoader: Command = {
  name: 'falco-driver-loader',
  async run(ctx) {
    const args = ctx.argv.slice(1);
    if (args.includes('--help') || args.includes('-h')) {
      ctx.stdout.write(`Usage:
  falco-driver-loader [driver] [options]

Available drivers:
  module        kernel module (default)
  bpf           eBPF probe

Options:
  --help         show brief help
  --clean        try to remove an already present driver installation
  --compile      try to compile the driver locally (default true)
  --download     try to download a prebuilt driver (default true)
  --print-env    skip execution and print env variables for other tools to consume

Environment variables:
  FALCOCTL_DRIVER_REPOS  specify different URL(s) where to look for prebuilt Falco drivers (comma separated)
  DRIVER_NAME            specify a different name for the driver
  DRIVER_INSECURE_DOWNLOAD whether you want to allow insecure downloads or not

Versions:
  Falco version  0.33.1
  Driver version  ${DRIVER_VERSION}
`);
      return 0;
    }
    if (ctx.process.euid !== 0) {
      ctx.stderr.write('This program must be run as root (or with sudo)\n');
      return 1;
    }
    const driver = args.find((a) => !a.startsWith('-')) ?? 'module';
    const release = nodeInfo(ctx).kernelRelease;
    const out = (s: string): void => ctx.stdout.write(`${s}\n`);
    out(`* Running falco-driver-loader for: falco version=0.33.1, driver version=${DRIVER_VERSION}, arch=x86_64, kernel release=${release}, kernel version=154`);
    out(`* Running falco-driver-loader with: driver=${driver}, compile=yes, download=yes`);
    if (driver === 'bpf') {
      out('* Mounting debugfs');
      out(`* Trying to download a prebuilt eBPF probe from https://download.falco.org/driver/${encodeURIComponent(DRIVER_VERSION)}/x86_64/falco_ubuntu-generic_${release}_154.o`);
      ctx.stderr.write('curl: (6) Could not resolve host: download.falco.org\n');
      out('* Download failed');
      ctx.stderr.write('* Failure to find a BPF probe\n');
      return 1;
    }
    out('* Unloading falco module, if present');
    out(`* Looking for a falco module locally (kernel ${release})`);
    out(`* Filename 'falco_ubuntu-generic_${release}_154.ko' is composed of:`);
    out(' - driver name: falco');
    out(' - target identifier: ubuntu-generic');
    out(` - kernel release: ${release}`);
    out(' - kernel version: 154');
    out('* Trying to dkms install falco module with GCC /usr/bin/gcc');
    out(`* falco module installed in dkms`);
    out(`* falco module found: /var/lib/dkms/falco/${DRIVER_VERSION}/${release}/x86_64/module/falco.ko`);
    out('* Trying to insmod');
    out('* Success: falco module found and loaded in dkms');
    return 0;
  },
};
