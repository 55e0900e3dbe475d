// Shell syntax errors and warnings as data, and their wording in bash 5.0 and busybox ash.
import type { Span } from '../../core/span';

export type ShellDialect = 'bash' | 'ash';

export type ShellSyntaxError =
  /** A token where the grammar does not allow it (`fi`, `)`, `newline` …). */
  | { kind: 'unexpected-token'; token: string; span: Span; line: number; expecting?: string }
  /** Input ended inside a construct (`if` without `fi`, trailing `|`). */
  | { kind: 'unexpected-eof'; span: Span; line: number; expecting?: string }
  /** Input ended inside a quote or substitution; `quote` is what bash says it was looking for. */
  | { kind: 'unterminated'; quote: string; span: Span; line: number; eofLine: number }
  /** `for 1 in …` */
  | { kind: 'invalid-name'; name: string; span: Span; line: number };

/** A here-document that ran to the end of input without its delimiter. */
export interface HereDocWarning {
  kind: 'heredoc-eof';
  delimiter: string;
  /** Line of the `<<` operator. */
  line: number;
  /** Line where input ended (bash's `line N:` prefix in scripts). */
  eofLine: number;
}

/** True when more input could complete the construct: the interactive shell shows PS2 instead. */
export function isEofError(error: ShellSyntaxError): boolean {
  return error.kind === 'unexpected-eof' || error.kind === 'unterminated';
}

/** One line of a message, with the line number a script-mode prefix uses. */
export interface MessageLine {
  line: number;
  text: string;
  /** bash echoes the offending line only in scripts, never interactively. */
  scriptOnly?: boolean;
}

const ashToken = (t: string): string =>
  t === 'newline' || t === 'end of file' || t === 'word' || t === 'redirection' ? t : `"${t}"`;

/** The message lines (without the `bash: ` / `sh: line N: ` prefix) a shell prints for a syntax error. */
export function describeSyntaxError(error: ShellSyntaxError, dialect: ShellDialect, source = ''): MessageLine[] {
  if (dialect === 'ash') {
    const expecting = 'expecting' in error && error.expecting ? ` (expecting ${ashToken(error.expecting)})` : '';
    switch (error.kind) {
      case 'unexpected-token':
        return [{ line: error.line, text: `syntax error: unexpected ${ashToken(error.token)}${expecting}` }];
      case 'unexpected-eof':
        return [{ line: error.line, text: `syntax error: unexpected end of file${expecting}` }];
      case 'unterminated':
        return [{ line: error.eofLine, text: 'syntax error: unterminated quoted string' }];
      case 'invalid-name':
        return [{ line: error.line, text: `syntax error: bad for loop variable` }];
    }
  }
  switch (error.kind) {
    case 'unexpected-token': {
      const lineText = source.split('\n')[error.line - 1] ?? '';
      return [
        { line: error.line, text: `syntax error near unexpected token \`${error.token}'` },
        { line: error.line, text: `\`${lineText}'`, scriptOnly: true },
      ];
    }
    case 'unexpected-eof':
      return [{ line: error.line, text: 'syntax error: unexpected end of file' }];
    case 'unterminated':
      return [
        { line: error.line, text: `unexpected EOF while looking for matching \`${error.quote}'` },
        { line: error.eofLine, text: 'syntax error: unexpected end of file' },
      ];
    case 'invalid-name':
      return [{ line: error.line, text: `\`${error.name}': not a valid identifier` }];
  }
}

/** The here-document warning, e.g. ``warning: here-document at line 1 delimited by end-of-file (wanted `EOF')``. */
export function describeHereDocWarning(w: HereDocWarning, dialect: ShellDialect): MessageLine[] {
  // busybox ash silently takes the rest of the input as the body.
  if (dialect === 'ash') return [];
  return [
    {
      line: w.eofLine,
      text: `warning: here-document at line ${w.line} delimited by end-of-file (wanted \`${w.delimiter}')`,
    },
  ];
}

/** Thrown inside the parser only; the public functions turn it into a result. */
export class ParseFailure extends Error {
  constructor(readonly error: ShellSyntaxError) {
    super(error.kind);
  }
}
