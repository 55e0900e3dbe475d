// Falco's `glob` operator (fnmatch with no flags) compiled once per condition instead of parsed per event.
import { fnmatch } from '../../core/fnmatch';

/**
 * A matcher equal to `fnmatch(pattern, s)`. Patterns of literals and `*` (all the shipped rules use)
 * match by segment search; `?`, brackets and escapes keep the general matcher.
 */
export function compileGlob(pattern: string): (s: string) => boolean {
  if (/[?[\\]/.test(pattern)) return (s) => fnmatch(pattern, s);
  const parts = pattern.split('*');
  if (parts.length === 1) return (s) => s === pattern;
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  const fixed = head.length + tail.length;
  return (s) => {
    if (s.length < fixed || !s.startsWith(head) || !s.endsWith(tail)) return false;
    // Leftmost placement of each middle segment is optimal: any later match leaves less room.
    let pos = head.length;
    const end = s.length - tail.length;
    for (const m of middle) {
      const i = s.indexOf(m, pos);
      if (i < 0 || i + m.length > end) return false;
      pos = i + m.length;
    }
    return true;
  };
}

/** pmatch: `/etc` matches `/etc` and `/etc/passwd`, never `/etcx` (whole path components). */
export function compilePathPrefixes(prefixes: string[]): (path: string) => boolean {
  const pre = prefixes.map((p) => p.split('/').filter((c) => c !== ''));
  return (path) => {
    for (const comps of pre) if (componentsStartWith(path, comps)) return true;
    return false;
  };
}

/** Whether the non-empty `/`-separated components of `path` begin with `comps`, without splitting it. */
function componentsStartWith(path: string, comps: string[]): boolean {
  let i = 0;
  for (const c of comps) {
    while (i < path.length && path.charCodeAt(i) === 47) i++;
    if (!path.startsWith(c, i)) return false;
    i += c.length;
    if (i < path.length && path.charCodeAt(i) !== 47) return false;
  }
  return true;
}
