// Public parsing entry points: line-at-a-time parsing for the interpreter, and whole-input parsing that
// tells an interactive front end whether to prompt for more (PS2).
import type { CommandList, Word } from './ast';
import { ParseFailure, isEofError, type HereDocWarning, type ShellSyntaxError } from './errors';
import { Parser, type ParseOptions } from './parser';
import { SourceText } from './source';
import { WordScanner } from './word-scanner';

export type ParseStep =
  | { kind: 'command'; list: CommandList; warnings: HereDocWarning[] }
  | { kind: 'end'; warnings: HereDocWarning[] }
  | { kind: 'error'; error: ShellSyntaxError; warnings: HereDocWarning[] };

/**
 * Parses a script one top-level line at a time, so a script can run up to its first syntax error as
 * bash does, and aliases defined on one line apply to the next.
 */
export class ScriptParser {
  private readonly parser: Parser;
  private warned = 0;
  private done = false;

  constructor(
    readonly source: string,
    opts: ParseOptions = {},
  ) {
    this.parser = new Parser(new SourceText(source), opts);
  }

  /** Change the aliases used from the next line on. */
  setAliases(aliases: Record<string, string> | undefined): void {
    (this.parser.opts as ParseOptions).aliases = aliases;
  }

  next(): ParseStep {
    if (this.done) return { kind: 'end', warnings: [] };
    try {
      const list = this.parser.parseLine();
      const warnings = this.newWarnings();
      if (list === null) {
        this.done = true;
        return { kind: 'end', warnings };
      }
      return { kind: 'command', list, warnings };
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      this.done = true;
      return { kind: 'error', error: e.error, warnings: this.newWarnings() };
    }
  }

  private newWarnings(): HereDocWarning[] {
    const docs = this.parser.lex.unterminated.slice(this.warned);
    this.warned = this.parser.lex.unterminated.length;
    const src = this.parser.src;
    const eofLine = src.lineAt(src.length);
    return docs.map((d) => ({ kind: 'heredoc-eof', delimiter: d.delimiter, line: d.line, eofLine }));
  }
}

export type CompleteParse =
  | { status: 'ok'; commands: CommandList[]; warnings: HereDocWarning[] }
  | { status: 'error'; commands: CommandList[]; error: ShellSyntaxError; warnings: HereDocWarning[] };

/**
 * The whole input parsed. `incomplete` means more lines could complete it (open quote, open `if`,
 * trailing `|` or `&&`, here-document without its delimiter): an interactive shell then prompts with
 * PS2; `atEof` is what the input means if no more comes.
 */
export type ParseOutcome = CompleteParse | { status: 'incomplete'; atEof: CompleteParse };

export function parseShell(source: string, opts: ParseOptions = {}): ParseOutcome {
  const parser = new ScriptParser(source, opts);
  const commands: CommandList[] = [];
  const warnings: HereDocWarning[] = [];
  for (;;) {
    let step: ParseStep;
    try {
      step = parser.next();
    } catch (e) {
      // A parser bug must not escape as an exception: report it as an error at the start.
      const error: ShellSyntaxError = { kind: 'unexpected-token', token: `internal error: ${(e as Error).message}`, span: { start: 0, end: 0 }, line: 1 };
      return { status: 'error', commands, error, warnings };
    }
    warnings.push(...step.warnings);
    if (step.kind === 'command') {
      commands.push(step.list);
      continue;
    }
    if (step.kind === 'end') {
      const ok: CompleteParse = { status: 'ok', commands, warnings };
      return warnings.length > 0 ? { status: 'incomplete', atEof: ok } : ok;
    }
    const result: CompleteParse = { status: 'error', commands, error: step.error, warnings };
    return isEofError(step.error) || warnings.length > 0 ? { status: 'incomplete', atEof: result } : result;
  }
}

/** True when an interactive shell should prompt for another line (PS2). */
export function needsMoreInput(source: string, opts: ParseOptions = {}): boolean {
  return parseShell(source, opts).status === 'incomplete';
}

export type { ParseOptions };

/**
 * Text with `$…` expansions and backslash escapes as in a here-document body (prompt strings). Null
 * when the text does not parse (e.g. an unterminated `$(`).
 */
export function parseExpandableText(text: string): Word | null {
  const src = new SourceText(text);
  try {
    return new WordScanner(src, new Parser(src, {})).scanHereDocBody();
  } catch (e) {
    if (e instanceof ParseFailure) return null;
    throw e;
  }
}
