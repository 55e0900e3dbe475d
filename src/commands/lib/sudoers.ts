// Who may use sudo: /etc/sudoers and /etc/sudoers.d/* rules (user or %group, NOPASSWD), read as root.

import type { ProcessFs } from '../types';
import type { PasswdEntry, UserDb } from './users';

export interface SudoRule {
  who: string;
  spec: string;
  nopasswd: boolean;
}

/** Ubuntu's stock rules, used when /etc/sudoers is absent (a minimal world). */
const UBUNTU_DEFAULT = `root\tALL=(ALL:ALL) ALL\n%admin ALL=(ALL) ALL\n%sudo\tALL=(ALL:ALL) ALL\n#includedir /etc/sudoers.d\n`;

function parse(text: string, fs: ProcessFs, out: SudoRule[], depth: number): void {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const inc = /^[#@]includedir\s+(\S+)/.exec(line);
    if (inc && depth < 3) {
      let names: string[] = [];
      try {
        names = fs.readdir(inc[1]);
      } catch {
        names = [];
      }
      // sudo skips names with a dot or ending in ~ in an includedir.
      for (const n of names.filter((x) => !x.includes('.') && !x.endsWith('~'))) {
        try {
          parse(fs.readFile(`${inc[1]}/${n}`), fs, out, depth + 1);
        } catch {
          /* unreadable fragments are ignored */
        }
      }
      continue;
    }
    if (line === '' || line.startsWith('#') || /^Defaults/.test(line) || /^\w+_Alias/.test(line)) continue;
    const m = /^(\S+)\s+\S+\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    out.push({ who: m[1], spec: m[2], nopasswd: /NOPASSWD:/.test(m[2]) });
  }
}

export function loadSudoers(fs: ProcessFs): SudoRule[] {
  let text: string;
  try {
    text = fs.readFile('/etc/sudoers');
  } catch {
    text = UBUNTU_DEFAULT;
  }
  const rules: SudoRule[] = [];
  parse(text, fs, rules, 0);
  return rules;
}

/** The rules that apply to a user (by name, or %group of any of their groups). */
export function rulesFor(rules: SudoRule[], user: PasswdEntry, groups: number[], db: UserDb): SudoRule[] {
  const groupNames = groups.map((g) => db.groupName(g));
  return rules.filter((r) => r.who === user.name || r.who === 'ALL' || (r.who.startsWith('%') && groupNames.includes(r.who.slice(1))));
}
