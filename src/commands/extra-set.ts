// The programs of the images and nodes that no other area owns: nginx, package managers, network
// clients, and the small utilities (procps, util-linux, iproute2, kmod…) learners reach for.

import type { Command } from './types';
import { apk } from './apk';
import { apt, aptCache, aptGet } from './apt';
import { awk } from './awk';
import { bc } from './bc';
import { cksum } from './cksum';
import { commandNotFound } from './command-not-found';
import { curl } from './curl';
import { dd } from './dd';
import { dircolors } from './dircolors';
import { dkms } from './dkms';
import { dpkg, dpkgQuery } from './dpkg';
import { du } from './du';
import { envsubst } from './envsubst';
import { expr } from './expr';
import { free } from './free';
import { getent } from './getent';
import { groups } from './groups';
import { ip } from './ip';
import { kmod } from './kmod';
import { landscapeSysinfo } from './landscape-sysinfo';
import { lesspipe } from './lesspipe';
import { logger } from './logger';
import { mktemp } from './mktemp';
import { mountpoint, swapoff, umount } from './mountpoint';
import { nc } from './nc';
import { nginx } from './nginx';
import { nproc } from './nproc';
import { pause } from './pause';
import { pgrep, pkill } from './pgrep';
import { realpath } from './realpath';
import { runParts } from './run-parts';
import { seq } from './seq';
import { sha256sum } from './sha256sum';
import { ss } from './ss';
import { stty } from './stty';
import { sync } from './sync';
import { sysctl } from './sysctl';
import { tac } from './tac';
import { top } from './top';
import { tty } from './tty';
import { uptime } from './uptime';
import { groupadd, useradd, usermod } from './useradd';
import { watch } from './watch';
import { wget } from './wget';
import { yes } from './yes';

export const extraCommands: Command[] = [
  nginx, apt, aptGet, aptCache, dpkg, dpkgQuery, apk, commandNotFound, curl, wget, nc,
  tty, uptime, logger, seq, tac, sha256sum, groups, nproc, free, du, pgrep, pkill, yes, expr, realpath, mktemp, getent,
  dircolors, lesspipe, landscapeSysinfo, kmod, ip, ss, top, dd, stty, sync, bc, awk,
  watch, pause, sysctl, envsubst, useradd, groupadd, usermod, mountpoint, umount, swapoff, runParts, cksum, dkms,
];
