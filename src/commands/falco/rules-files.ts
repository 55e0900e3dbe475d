// Which rules files Falco loads (rules_file / -r entries, directories expanded), read as Falco reads
// them; the folders are what watch_config_files watches (see config-watch.ts).

import { isVfsError } from '../../vfs';
import type { RulesText } from '../../falco';
import type { ProcessFs } from '../types';

export interface ExpandedRules {
  files: string[];
  folders: string[];
}

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

/**
 * falco_configuration::read_rules_file_directory for each entry: a directory contributes its regular
 * files (symlinks followed) sorted by path; a missing entry is skipped.
 */
export function expandRulesEntries(fs: Pick<ProcessFs, 'stat' | 'readdir'>, entries: string[]): ExpandedRules {
  const out: ExpandedRules = { files: [], folders: [] };
  for (const entry of entries) {
    let isDir = false;
    try {
      isDir = fs.stat(entry).type === 'dir';
    } catch (e) {
      if (!isVfsError(e)) throw e;
      continue;
    }
    if (!isDir) {
      out.files.push(entry);
      continue;
    }
    out.folders.push(entry);
    let names: string[] = [];
    try {
      names = fs.readdir(entry);
    } catch (e) {
      if (!isVfsError(e)) throw e;
    }
    const files = names
      .map((n) => join(entry, n))
      .filter((p) => {
        try {
          return fs.stat(p).type === 'file';
        } catch {
          return false;
        }
      })
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    out.files.push(...files);
  }
  return out;
}

/** Reads every file first, as Falco does: the first unreadable one is the error. */
export function readRulesTexts(fs: ProcessFs, files: string[]): { ok: true; texts: RulesText[] } | { ok: false; error: string } {
  const texts: RulesText[] = [];
  for (const name of files) {
    try {
      texts.push({ name, content: fs.readFile(name) });
    } catch (e) {
      if (!isVfsError(e)) throw e;
      return { ok: false, error: `Could not open file ${name} for reading` };
    }
  }
  return { ok: true, texts };
}
