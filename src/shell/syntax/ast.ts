// Shell AST produced by the parser and walked by the interpreter. Plain data (JSON-serialisable) so
// function definitions can live in the saved shell state; every node carries a Span into its source.
import type { Span } from '../../core/span';

/** One top-level line's worth of commands: `a && b; c &`. Also the body of every compound command. */
export interface CommandList {
  type: 'CommandList';
  span: Span;
  items: ListItem[];
}

export interface ListItem {
  span: Span;
  command: AndOrList;
  /** Terminated by `&`. */
  background: boolean;
}

export interface AndOrList {
  type: 'AndOr';
  span: Span;
  first: Pipeline;
  rest: AndOrLink[];
}

export interface AndOrLink {
  op: '&&' | '||';
  pipeline: Pipeline;
}

export interface Pipeline {
  type: 'Pipeline';
  span: Span;
  /** Led by `!`. */
  negated: boolean;
  commands: Command[];
  /** `|&` after commands[i]: its stderr goes down the pipe too. Same length as commands minus one. */
  pipeStderr: boolean[];
}

export type Command = SimpleCommand | CompoundCommand | FunctionDef;

export interface SimpleCommand {
  type: 'Simple';
  span: Span;
  /** 1-based line of the first token, for `line N:` messages and $LINENO. */
  line: number;
  assignments: Assignment[];
  words: Word[];
  redirects: Redirect[];
}

export interface Assignment {
  span: Span;
  name: string;
  /** `NAME+=value`. */
  append: boolean;
  value: Word;
}

export type CompoundCommand =
  | IfCommand
  | LoopCommand
  | ForCommand
  | CaseCommand
  | GroupCommand
  | SubshellCommand
  | ArithCommand
  | CondCommand;

interface CompoundBase {
  span: Span;
  line: number;
  redirects: Redirect[];
}

export interface IfCommand extends CompoundBase {
  type: 'If';
  clauses: { condition: CommandList; body: CommandList }[];
  elseBody: CommandList | null;
}

/** `while … do … done` and `until … do … done`. */
export interface LoopCommand extends CompoundBase {
  type: 'Loop';
  until: boolean;
  condition: CommandList;
  body: CommandList;
}

export interface ForCommand extends CompoundBase {
  type: 'For';
  variable: string;
  /** null for `for x; do` (iterate over "$@"). */
  words: Word[] | null;
  body: CommandList;
}

export interface CaseCommand extends CompoundBase {
  type: 'Case';
  subject: Word;
  items: CaseItem[];
}

export interface CaseItem {
  span: Span;
  patterns: Word[];
  body: CommandList | null;
  terminator: ';;' | ';&' | ';;&';
}

/** `{ …; }` */
export interface GroupCommand extends CompoundBase {
  type: 'Group';
  body: CommandList;
}

/** `( … )` */
export interface SubshellCommand extends CompoundBase {
  type: 'Subshell';
  body: CommandList;
}

/** `(( expr ))` */
export interface ArithCommand extends CompoundBase {
  type: 'Arith';
  expr: Word;
}

/** `[[ … ]]`: the words between the brackets, evaluated like `test` without splitting or globbing. */
export interface CondCommand extends CompoundBase {
  type: 'Cond';
  words: Word[];
}

export interface FunctionDef {
  type: 'Function';
  span: Span;
  line: number;
  name: string;
  body: CompoundCommand;
  /** The definition as written, for `type f`. */
  text: string;
}

export type RedirectOp =
  | '>'
  | '>>'
  | '>|'
  | '<'
  | '<>'
  | '>&'
  | '<&'
  | '&>'
  | '&>>'
  | '<<'
  | '<<-'
  | '<<<';

export interface Redirect {
  span: Span;
  /** Explicit fd number written before the operator (`2>`), or null for the operator's default. */
  fd: number | null;
  op: RedirectOp;
  /** File name, fd number, or here-string; for here-documents the delimiter word as written. */
  target: Word;
  heredoc?: HereDoc;
}

export interface HereDoc {
  delimiter: string;
  /** Any part of the delimiter quoted: the body is taken literally. */
  quoted: boolean;
  /** `<<-`: leading tabs stripped from body lines and the delimiter line. */
  stripTabs: boolean;
  /** The body; literal text unless unquoted, then with expansions as in double quotes. */
  body: Word;
  /** Line of the `<<` operator. */
  line: number;
  /** False when the input ended before the delimiter line. */
  terminated: boolean;
}

export interface Word {
  type: 'Word';
  span: Span;
  /** The source text as written. */
  text: string;
  parts: WordPart[];
}

export type WordPart =
  | LiteralPart
  | EscapedPart
  | SingleQuotedPart
  | AnsiCPart
  | DoubleQuotedPart
  | ParamPart
  | CommandSubPart
  | ArithSubPart
  | BadSubstPart;

/** Unquoted text: subject to tilde and pathname expansion. */
export interface LiteralPart {
  type: 'Literal';
  span: Span;
  text: string;
}

/** A backslash-escaped character: quoted. */
export interface EscapedPart {
  type: 'Escaped';
  span: Span;
  text: string;
}

export interface SingleQuotedPart {
  type: 'SingleQuoted';
  span: Span;
  text: string;
}

/** `$'…'` with its escapes already decoded. */
export interface AnsiCPart {
  type: 'AnsiC';
  span: Span;
  text: string;
}

export interface DoubleQuotedPart {
  type: 'DoubleQuoted';
  span: Span;
  parts: WordPart[];
}

export type ParamOp =
  | { kind: 'default' | 'assign' | 'error' | 'alternative'; colon: boolean; word: Word }
  | { kind: 'removePrefix' | 'removeSuffix'; longest: boolean; pattern: Word }
  | { kind: 'replace'; all: boolean; anchor: 'start' | 'end' | null; pattern: Word; replacement: Word | null }
  | { kind: 'substring'; offset: Word; length: Word | null }
  | { kind: 'case'; upper: boolean; all: boolean; pattern: Word | null };

/** `$x`, `${x}`, `${#x}`, `${!x}`, `${x:-w}` … */
export interface ParamPart {
  type: 'Param';
  span: Span;
  /** Source text, for messages such as `${x:?}`'s. */
  text: string;
  name: string;
  length: boolean;
  indirect: boolean;
  /** `${name[subscript]}`: `@`, `*` or an arithmetic index (arrays are read-only in this shell). */
  index?: Word;
  op: ParamOp | null;
}

/** `$(…)` or backticks. */
export interface CommandSubPart {
  type: 'CommandSub';
  span: Span;
  body: CommandList;
  backtick: boolean;
}

/** `$((…))` */
export interface ArithSubPart {
  type: 'ArithSub';
  span: Span;
  expr: Word;
}

/** A `${…}` the parser could not make sense of; bash reports it only when expanded. */
export interface BadSubstPart {
  type: 'BadSubst';
  span: Span;
  text: string;
}

export const RESERVED_WORDS = new Set([
  'if',
  'then',
  'elif',
  'else',
  'fi',
  'while',
  'until',
  'for',
  'do',
  'done',
  'case',
  'esac',
  'in',
  'function',
  '{',
  '}',
  '!',
  '[[',
  ']]',
]);
