// The userland programs of this area (coreutils, grep, sed, procps, systemd clients, editors, sudo…).

import type { Command } from './types';
import { base64 } from './base64';
import { cat } from './cat';
import { clear } from './clear';
import { cp } from './cp';
import { cut } from './cut';
import { date } from './date';
import { echo } from './echo';
import { env } from './env';
import { falseCmd } from './false';
import { grep } from './grep';
import { head } from './head';
import { hostname } from './hostname';
import { id } from './id';
import { kill } from './kill';
import { ls } from './ls';
import { md5sum } from './md5sum';
import { mkdir } from './mkdir';
import { mv } from './mv';
import { pidof } from './pidof';
import { printf } from './printf';
import { ps } from './ps';
import { pwd } from './pwd';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { sed } from './sed';
import { sleep } from './sleep';
import { sort } from './sort';
import { tail } from './tail';
import { tee } from './tee';
import { touch } from './touch';
import { trueCmd } from './true';
import { uname } from './uname';
import { uniq } from './uniq';
import { wc } from './wc';
import { which } from './which';
import { whoami } from './whoami';
import { sudo } from './sudo';
import { su } from './su';
import { systemctl } from './systemctl';
import { journalctl } from './journalctl';
import { vi, vim } from './vim';
import { nano } from './nano';
import { find } from './find';
import { xargs } from './xargs';
import { tr } from './tr';
import { diff } from './diff';
import { nl } from './nl';
import { less, more } from './less';
import { mount } from './mount';
import { df } from './df';
import { appletTable, createBusybox } from './busybox';
import { ash } from './shell/bash';
import { basename } from './basename';
import { chmod } from './chmod';
import { chgrp, chown } from './chown';
import { dirname } from './dirname';
import { ln } from './ln';
import { readlink } from './readlink';
import { stat } from './stat';

const programs: Command[] = [
  cat, echo, printf, ls, mkdir, touch, rm, rmdir, cp, mv, grep, head, tail, cut, tee, wc, sort, uniq, md5sum, base64, sed,
  sleep, pwd, whoami, id, hostname, ps, kill, pidof, clear, env, date, uname, trueCmd, falseCmd, which,
  chmod, chown, chgrp, ln, basename, dirname, readlink, stat, sudo, su,
  systemctl, journalctl, vim, vi, nano, find, xargs, tr, diff, nl, less, more, mount, df,
];

/** Programs that busybox does not provide as applets (they exist only on the Ubuntu nodes). */
const NOT_APPLETS = new Set(['systemctl', 'journalctl', 'sudo', 'vim', 'nano', 'chgrp']);

/**
 * busybox over this area's programs plus the shell's ash as `sh`/`ash`. Other areas' programs with a
 * busybox dialect (wget, nc, free…) can be added by building another one with `createBusybox`.
 */
export const busybox = createBusybox(appletTable(programs.filter((c) => !NOT_APPLETS.has(c.name)), { sh: ash }));

export const coreCommands: Command[] = [...programs, busybox];
