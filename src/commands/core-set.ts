// The userland programs of this area (coreutils, grep, sed, procps, systemd clients, editors, sudo, busybox).

import type { Command } from './types';
import { base64 } from './base64';
import { basename } from './basename';
import { appletTable, createBusybox } from './busybox';
import { cat } from './cat';
import { chmod } from './chmod';
import { chgrp, chown } from './chown';
import { clear } from './clear';
import { cp } from './cp';
import { cut } from './cut';
import { date } from './date';
import { df } from './df';
import { diff } from './diff';
import { dirname } from './dirname';
import { echo } from './echo';
import { env } from './env';
import { falseCmd } from './false';
import { find } from './find';
import { grep } from './grep';
import { head } from './head';
import { hostname } from './hostname';
import { id } from './id';
import { journalctl } from './journalctl';
import { kill } from './kill';
import { less, more } from './less';
import { ln } from './ln';
import { ls } from './ls';
import { md5sum } from './md5sum';
import { mkdir } from './mkdir';
import { mount } from './mount';
import { mv } from './mv';
import { nano } from './nano';
import { nl } from './nl';
import { pidof } from './pidof';
import { printf } from './printf';
import { ps } from './ps';
import { pwd } from './pwd';
import { readlink } from './readlink';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { sed } from './sed';
import { ash } from './shell/bash';
import { sleep } from './sleep';
import { sort } from './sort';
import { stat } from './stat';
import { su } from './su';
import { sudo } from './sudo';
import { systemctl } from './systemctl';
import { tail } from './tail';
import { tee } from './tee';
import { touch } from './touch';
import { tr } from './tr';
import { trueCmd } from './true';
import { uname } from './uname';
import { uniq } from './uniq';
import { vi, vim } from './vim';
import { wc } from './wc';
import { which } from './which';
import { whoami } from './whoami';
import { xargs } from './xargs';

const programs: Command[] = [
  cat, echo, printf, ls, mkdir, touch, rm, rmdir, cp, mv, grep, head, tail, cut, tee, wc, sort, uniq, md5sum, base64, sed,
  sleep, pwd, whoami, id, hostname, ps, kill, pidof, clear, env, date, uname, trueCmd, falseCmd, which,
  chmod, chown, chgrp, ln, basename, dirname, readlink, stat, sudo, su,
  systemctl, journalctl, vim, vi, nano, find, xargs, tr, diff, nl, less, more, mount, df,
];

/** Programs that busybox does not provide as applets (they exist only on the Ubuntu nodes). */
const NOT_APPLETS = new Set(['systemctl', 'journalctl', 'sudo', 'vim', 'nano']);

/**
 * busybox over this area's programs plus the shell's ash as `sh`/`ash`. Other areas' programs with a
 * busybox dialect (wget, nc, free…) can be added by building another one with `createBusybox`.
 */
export const busybox = createBusybox(appletTable(programs.filter((c) => !NOT_APPLETS.has(c.name)), { sh: ash }));

export const coreCommands: Command[] = [...programs, busybox];
