// Running shell source text line by line: top-level input, `source`, `eval`, and scripts without `#!`.
// Each top-level line is parsed just before it runs, so aliases defined on one line apply to the next
// and a script runs up to its first syntax error, as bash does.
import { describeHereDocWarning, describeSyntaxError, type MessageLine } from '../../syntax/errors';
import { ScriptParser } from '../../syntax/parse';
import { ExpansionError } from '../control';
import type { Shell } from '../runtime';
import { executeList } from './list';

function printMessages(sh: Shell, lines: MessageLine[]): void {
  const { mode, argv0 } = sh.state;
  for (const m of lines) {
    if (mode === 'interactive' && m.scriptOnly) continue;
    let prefix: string;
    if (mode === 'interactive') prefix = `${argv0}: `;
    else if (mode === 'command' && sh.dialect === 'bash') prefix = `${argv0}: -c: line ${Math.max(0, m.line - 1)}: `;
    else prefix = `${argv0}: line ${m.line}: `;
    sh.stderr().write(`${prefix}${m.text}\n`);
  }
}

/**
 * Run source text in this shell; returns the status of the last command (2 after a syntax error).
 * With no command at all (blank or comment lines) the status is 0, or `$?` unchanged when `emptyKeepsStatus`.
 */
export async function runSource(sh: Shell, source: string, opts: { emptyKeepsStatus?: boolean } = {}): Promise<number> {
  const previous = sh.source;
  sh.source = source;
  const parser = new ScriptParser(source);
  let status = opts.emptyKeepsStatus ? sh.state.lastStatus : 0;
  try {
    for (;;) {
      parser.setAliases(sh.interactive ? sh.state.aliases : undefined);
      const step = parser.next();
      for (const w of step.warnings) printMessages(sh, describeHereDocWarning(w, sh.dialect));
      if (step.kind === 'end') break;
      if (step.kind === 'error') {
        printMessages(sh, describeSyntaxError(step.error, sh.dialect, source));
        status = 2;
        sh.state.lastStatus = status;
        break;
      }
      try {
        status = await executeList(sh, step.list);
      } catch (e) {
        // In an interactive shell an expansion error abandons the rest of that line only.
        if (e instanceof ExpansionError && !e.fatal) {
          status = e.status;
          sh.state.lastStatus = status;
          continue;
        }
        throw e;
      }
    }
  } finally {
    sh.source = previous;
  }
  return status;
}
