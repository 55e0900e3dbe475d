// Reading settings out of a unit file and its drop-ins on the node, as systemd 245 merges them
// (fragment first, then `<unit>.d/*.conf` in name order; an empty assignment resets a list setting).

/** Directories systemd looks in for `<unit>.d/` drop-ins, lowest priority first. */
const DROP_IN_DIRS = ['/lib/systemd/system', '/run/systemd/system', '/etc/systemd/system'];

import type { RootReader } from '../root-reader';

/** Every value of a list setting (`ExecReload=`, `ExecStartPre=`) in one section, in order. */
export function listSetting(texts: string[], section: string, key: string): string[] {
  let values: string[] = [];
  for (const text of texts) {
    let current = '';
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
      if (line.startsWith('[')) {
        current = line;
        continue;
      }
      if (current !== `[${section}]`) continue;
      const eq = line.indexOf('=');
      if (eq < 0 || line.slice(0, eq).trim() !== key) continue;
      const value = line.slice(eq + 1).trim();
      values = value === '' ? [] : [...values, value];
    }
  }
  return values;
}

/** The fragment and drop-in texts of a unit, in the order systemd applies them. */
export function unitFileTexts(reader: RootReader, unit: string, fragmentPath: string): string[] {
  const texts: string[] = [];
  const fragment = reader.read(fragmentPath);
  if (fragment !== null) texts.push(fragment);
  const dropIns = new Map<string, string>();
  for (const dir of DROP_IN_DIRS) {
    for (const name of reader.list(`${dir}/${unit}.d`)) if (name.endsWith('.conf')) dropIns.set(name, `${dir}/${unit}.d/${name}`);
  }
  for (const name of [...dropIns.keys()].sort()) {
    const text = reader.read(dropIns.get(name)!);
    if (text !== null) texts.push(text);
  }
  return texts;
}

/** `/bin/kill -HUP $MAINPID` → 1: the signal an ExecReload= line sends to the main process, if it is one. */
export function reloadSignal(command: string): number | null {
  const m = /^[-@:+!]*(?:\/usr)?(?:\/bin\/)?kill\s+-(?:s\s+)?(?:SIG)?([A-Z0-9]+)\s+\$\{?MAINPID\}?$/.exec(command.trim());
  if (!m) return null;
  const named: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, USR1: 10, USR2: 12, TERM: 15 };
  return /^\d+$/.test(m[1]!) ? Number(m[1]) : (named[m[1]!] ?? null);
}
