// Pathname expansion: a pattern (quoted characters backslash-escaped) matched against directories
// read through the host, as bash 5.0 does (`.*` matches `.` and `..`; no match leaves the word).
import { isErrno } from '../host';
import type { Shell } from '../runtime';
import { hasGlobChars, patternSource, unescapePattern } from './pattern';

const join = (dir: string, name: string): string => (dir === '' ? name : dir.endsWith('/') ? dir + name : `${dir}/${name}`);

/** Matching paths, sorted; empty when nothing matches. */
export function expandPathname(sh: Shell, pattern: string): string[] {
  const host = sh.host;
  const comps = pattern.split('/');
  const absolute = pattern.startsWith('/');
  let paths: string[] = [absolute ? '/' : ''];
  let literalTail = false;
  for (let i = absolute ? 1 : 0; i < comps.length; i++) {
    const comp = comps[i];
    if (comp === '') {
      // `//` or a trailing slash: only directories continue.
      paths = paths.filter((p) => {
        const st = host.stat(sh.resolvePath(p || '.'));
        return !isErrno(st) && st.type === 'dir';
      });
      paths = paths.map((p) => (p.endsWith('/') ? p : `${p}/`));
      continue;
    }
    if (!hasGlobChars(comp)) {
      paths = paths.map((p) => join(p, unescapePattern(comp)));
      literalTail = true;
      continue;
    }
    literalTail = false;
    const re = new RegExp(`^(?:${patternSource(comp, true)})$`);
    const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
    const next: string[] = [];
    for (const p of paths) {
      const entries = host.readDir(sh.resolvePath(p || '.'));
      if (isErrno(entries)) continue;
      const names = dotOk ? ['.', '..', ...entries] : entries;
      for (const name of names) {
        if (!dotOk && name.startsWith('.')) continue;
        if (re.test(name)) next.push(join(p, name));
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  if (literalTail) paths = paths.filter((p) => !isErrno(host.lstat(sh.resolvePath(p))));
  return paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
