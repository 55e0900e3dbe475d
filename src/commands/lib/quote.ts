// gnulib quotearg styles as coreutils 8.30 uses them (reference linux-userland §2.1).

/** Characters that make the shell-escape styles quote a name. */
const SHELL_SPECIAL = /[\t\n\v\f\r !"$&'()*;<=>?[\\\]^`|]|^[#~]/;

function shellQuote(s: string): string {
  // Embedded single quotes close the quoting, add an escaped quote, and reopen: 'it'\''s'.
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** quoteaf (shell-escape-always): always ASCII single quotes. */
export function quoteaf(s: string): string {
  return shellQuote(s);
}

/** quotef (shell-escape): bare unless a character would need quoting in a shell. */
export function quotef(s: string): string {
  if (s === '' || SHELL_SPECIAL.test(s)) return shellQuote(s);
  return s;
}

/** Whether the process runs in a UTF-8 locale (LC_ALL, then LC_MESSAGES/LC_CTYPE, then LANG). */
export function isUtf8Locale(env: Record<string, string>): boolean {
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(loc);
}

/** quote (locale style): ‘x’ in any UTF-8 locale (C.UTF-8 too), 'x' in C/POSIX. */
export function quoteLocale(s: string, env: Record<string, string>): string {
  return isUtf8Locale(env) ? `\u2018${s}\u2019` : `'${s}'`;
}
