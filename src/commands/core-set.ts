// The userland programs of this area (coreutils, grep, sed, procps, systemd clients, editors, sudo…).

import type { Command } from './types';
import { cat } from './cat';
import { cp } from './cp';
import { echo } from './echo';
import { ls } from './ls';
import { mkdir } from './mkdir';
import { mv } from './mv';
import { printf } from './printf';
import { rm } from './rm';
import { rmdir } from './rmdir';
import { touch } from './touch';

export const coreCommands: Command[] = [cat, echo, printf, ls, mkdir, touch, rm, rmdir, cp, mv];
