// Redirections: open files through the host with real open(2) flags, duplicate and close fds, feed
// here-documents and here-strings. A failure prints bash's (or ash's) message and fails the command.
import { stringInput, type OutputStream } from '../../../core/stream';
import type { Redirect } from '../../syntax/ast';
import { O_APPEND, O_CREAT, O_RDWR, O_TRUNC, O_WRONLY, isErrno, type Errno } from '../host';
import { shellInput, type FdTable } from '../io';
import { redirectErrorMessage, redirectFailureStatus } from '../messages';
import type { Shell } from '../runtime';
import { expandParts, expandString, expandWordFields } from '../expand/word';
import { FIELD_BREAK } from '../expand/fields';

export type RedirectResult = { ok: true; fds: FdTable; opened: OutputStream[] } | { ok: false; status: number };

const INPUT_OPS = new Set(['<', '<<', '<<-', '<<<', '<&', '<>']);

/** Apply redirections on top of a copy of `base`. Files opened here are listed for closing afterwards. */
export async function openRedirects(sh: Shell, redirects: Redirect[], base: FdTable): Promise<RedirectResult> {
  const fds: FdTable = new Map(base);
  const opened: OutputStream[] = [];
  const fail = (status: number): RedirectResult => {
    for (const o of opened) o.close();
    return { ok: false, status };
  };
  const ioError = (path: string, errno: Errno, forWrite: boolean): RedirectResult => {
    sh.error(redirectErrorMessage(sh.dialect, path, errno, forWrite));
    return fail(redirectFailureStatus(sh.dialect));
  };

  for (const r of redirects) {
    const fd = r.fd ?? (INPUT_OPS.has(r.op) ? 0 : 1);
    if (r.op === '<<' || r.op === '<<-') {
      const doc = r.heredoc!;
      const text = doc.quoted ? doc.body.text : await expandHereDoc(sh, r);
      fds.set(fd, { input: shellInput(stringInput(text)) });
      continue;
    }
    if (r.op === '<<<') {
      const text = await expandString(sh, r.target);
      fds.set(fd, { input: shellInput(stringInput(`${text}\n`)) });
      continue;
    }
    const fields = await expandWordFields(sh, r.target);
    if (fields.length !== 1) {
      sh.error(`${r.target.text}: ambiguous redirect`);
      return fail(1);
    }
    const target = fields[0];

    if ((r.op === '>&' || r.op === '<&') && (/^[0-9]+$/.test(target) || target === '-')) {
      if (target === '-') {
        fds.delete(fd);
        continue;
      }
      const src = fds.get(Number(target));
      if (!src) {
        sh.error(`${target}: Bad file descriptor`);
        return fail(1);
      }
      fds.set(fd, { ...src });
      continue;
    }

    const path = sh.resolvePath(target);
    const mode = 0o666 & ~sh.state.umask;
    if (r.op === '<' || r.op === '<&') {
      const input = sh.host.openForRead(path);
      if (isErrno(input)) return ioError(target, input.errno, false);
      fds.set(fd, { input: shellInput(input) });
      continue;
    }
    const append = r.op === '>>' || r.op === '&>>';
    if (r.op === '>' && sh.state.options.noclobber) {
      const st = sh.host.stat(path);
      if (!isErrno(st) && st.type === 'file') {
        sh.error(`${target}: cannot overwrite existing file`);
        return fail(1);
      }
    }
    const flags = r.op === '<>' ? O_RDWR | O_CREAT : O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC);
    const out = sh.host.openForWrite(path, flags, mode);
    if (isErrno(out)) return ioError(target, out.errno, true);
    opened.push(out);
    if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === null)) {
      fds.set(1, { output: out });
      fds.set(2, { output: out });
    } else {
      fds.set(fd, { output: out });
    }
  }
  return { ok: true, fds, opened };
}

/** An unquoted here-document: parameter, command and arithmetic expansion, nothing else. */
async function expandHereDoc(sh: Shell, r: Redirect): Promise<string> {
  const chunks = await expandParts(sh, r.heredoc!.body.parts, { inDq: true, literalSplit: false });
  return chunks.map((c) => (c === FIELD_BREAK ? ' ' : c.text)).join('');
}

/** Run `fn` with redirections applied, restoring the shell's fds (and closing opened files) after. */
export async function withRedirects(sh: Shell, redirects: Redirect[], fn: () => Promise<number>): Promise<number> {
  if (redirects.length === 0) return fn();
  const saved = sh.fds;
  const r = await openRedirects(sh, redirects, saved);
  if (!r.ok) return r.status;
  sh.fds = r.fds;
  try {
    return await fn();
  } finally {
    if (sh.persistRedirects) {
      // `exec >file`: the redirections stay for the rest of the shell.
      sh.persistRedirects = false;
    } else {
      sh.fds = saved;
      for (const o of r.opened) o.close();
    }
  }
}
