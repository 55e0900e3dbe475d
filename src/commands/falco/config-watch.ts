// attach_inotify_signals of Falco 0.33.1 (watch_config_files): inotify watches on the config file
// (IN_CLOSE_WRITE), each loaded rules file (IN_CLOSE_WRITE, one-shot) and each rules folder
// (IN_CREATE|IN_DELETE, one-shot); the kernel's SIGIO for any queued event restarts Falco like SIGHUP.

import type { FalcoHostClient } from '../../world/falco/host';
import type { InotifyInstance, InotifyWatchState } from '../../world/falco/inotify';
import { LOG_DEBUG, type FalcoLogger } from './logger';
import type { LoadedFalco } from './startup';

export type AttachResult = { ok: true; inotify: InotifyInstance } | { ok: false; message: string };

/** Adds Falco's watches in its order, logging each at debug level; the first failure is fatal. */
export function attachInotify(host: FalcoHostClient, ownerPid: number, falco: LoadedFalco, logger: FalcoLogger, watches: InotifyWatchState[]): AttachResult {
  const inotify = host.inotify({ ownerPid, watches });
  const fail = (message: string): AttachResult => {
    inotify.close();
    return { ok: false, message };
  };
  if (typeof inotify.addWatch(falco.configPath, ['IN_CLOSE_WRITE'], false) === 'string') return fail('Failed to watch conf file');
  logger.log(LOG_DEBUG, `Watching ${falco.configPath}\n`);
  for (const rule of falco.rules) {
    if (typeof inotify.addWatch(rule.name, ['IN_CLOSE_WRITE'], true) === 'string') return fail(`Failed to watch rule file: ${rule.name}`);
    logger.log(LOG_DEBUG, `Watching ${rule.name}\n`);
  }
  for (const fld of falco.folders) {
    if (typeof inotify.addWatch(fld, ['IN_CREATE', 'IN_DELETE'], true) === 'string') return fail(`Failed to watch rule folder: ${fld}`);
    logger.log(LOG_DEBUG, `Watching ${fld} folder\n`);
  }
  return { ok: true, inotify };
}

/** Re-establishes the watches a running Falco had when the world was saved. */
export function restoreInotify(host: FalcoHostClient, ownerPid: number, watches: InotifyWatchState[]): InotifyInstance {
  return host.inotify({ ownerPid, watches });
}

/** Saved worlds from before inotify kept a map of file signatures instead of watches. */
export function isWatchList(x: unknown): x is InotifyWatchState[] {
  return Array.isArray(x);
}
