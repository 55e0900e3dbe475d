// The programs of the images and nodes that no other area owns: nginx, package managers, network
// clients, and the small utilities (procps, util-linux, iproute2, kmod…) learners reach for.

import type { Command } from './types';
import { apk } from './apk';
import { apt, aptCache, aptGet } from './apt';
import { commandNotFound } from './command-not-found';
import { curl } from './curl';
import { dpkg, dpkgQuery } from './dpkg';
import { nc } from './nc';
import { nginx } from './nginx';
import { wget } from './wget';

export const extraCommands: Command[] = [nginx, apt, aptGet, aptCache, dpkg, dpkgQuery, apk, commandNotFound, curl, wget, nc];
