// The userland programs of this area (coreutils, grep, sed, procps, systemd clients, editors, sudo…).

import type { Command } from './types';
import { base64 } from './base64';
import { cat } from './cat';
import { cp } from './cp';
import { cut } from './cut';
import { echo } from './echo';
import { grep } from './grep';
import { head } from './head';
import { ls } from './ls';
import { md5sum } from './md5sum';
import { mkdir } from './mkdir';
import { mv } from './mv';
import { printf } from './printf';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { sort } from './sort';
import { tail } from './tail';
import { tee } from './tee';
import { touch } from './touch';
import { uniq } from './uniq';
import { wc } from './wc';

export const coreCommands: Command[] = [cat, echo, printf, ls, mkdir, touch, rm, rmdir, cp, mv, grep, head, tail, cut, tee, wc, sort, uniq, md5sum, base64];
