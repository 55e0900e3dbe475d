// Falco's rules load result: error/warning codes, nested locations, snippets, and the text/JSON renderings.

export const ERROR_CODES = {
  LOAD_ERR_FILE_READ: 'File read error',
  LOAD_ERR_YAML_PARSE: 'YAML parse error',
  LOAD_ERR_YAML_VALIDATE: 'Error validating internal structure of YAML file',
  LOAD_ERR_COMPILE_CONDITION: 'Error compiling condition',
  LOAD_ERR_COMPILE_OUTPUT: 'Error compiling output',
  LOAD_ERR_VALIDATE: 'Error validating rule/macro/list/exception objects',
} as const;

export const WARNING_CODES = {
  LOAD_UNKNOWN_SOURCE: 'Unknown event source',
  LOAD_UNSAFE_NA_CHECK: 'Unsafe <NA> comparison in condition',
  LOAD_NO_EVTTYPE: 'Condition has no event-type restriction',
  LOAD_UNKNOWN_FIELD: 'Unknown field or event-type in condition or output',
  LOAD_UNUSED_MACRO: 'Unused macro',
  LOAD_UNUSED_LIST: 'Unused list',
  LOAD_UNKNOWN_ITEM: 'Unknown rules file item',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type WarningCode = keyof typeof WARNING_CODES;

/** The item_type strings of Falco 0.33's rule_loader::context. */
export type ItemType =
  | 'value for'
  | 'exceptions'
  | 'exception'
  | 'exception values'
  | 'exception value'
  | 'rules content'
  | 'rules content item'
  | 'required_engine_version'
  | 'required plugin versions'
  | 'required plugin versions entry'
  | 'required plugin versions alternative'
  | 'list'
  | 'list item'
  | 'macro'
  | 'macro condition'
  | 'rule'
  | 'rule condition'
  | 'condition expression'
  | 'rule output'
  | 'rule output expression'
  | 'rule priority';

/** A position as Falco reports it: 0-based line and column, byte offset. */
export interface Position {
  /** File name, or for a condition expression the quoted, shortened expression. */
  name: string;
  line: number;
  column: number;
  offset: number;
}

export interface Location {
  itemType: ItemType;
  itemName: string;
  position: Position;
}

/** Where something is, from the outermost location (the file) to the innermost. */
export class LoadContext {
  constructor(
    readonly locations: Location[],
    /** Text the innermost position points into when it is not a file (a condition expression). */
    readonly altContent?: string,
  ) {}

  /** The root context of a rules file: `In rules content: (<file>:0:0)`. */
  static forFile(name: string): LoadContext {
    return new LoadContext([{ itemType: 'rules content', itemName: '', position: { name, line: 0, column: 0, offset: 0 } }]);
  }

  child(itemType: ItemType, itemName: string, position: Position, altContent?: string): LoadContext {
    return new LoadContext([...this.locations, { itemType, itemName, position }], altContent);
  }

  /** A location inside a condition string: libsinsp's 1-based parser position made 0-based. */
  forCondition(condition: string, pos: { idx: number; line: number; col: number }): LoadContext {
    const shown = condition.length > 20 ? `"${condition.slice(0, 17)}..."` : `"${condition}"`;
    const name = shown.replace(/[\r\n]/g, ' ');
    return this.child('condition expression', '', { name, line: pos.line - 1, column: pos.col - 1, offset: pos.idx }, condition);
  }

  fileName(): string {
    return this.locations[0]?.position.name ?? '';
  }

  asString(): string {
    return this.locations
      .map((loc, i) => {
        const name = loc.itemName === '' ? '' : ` '${loc.itemName}'`;
        return `${i === 0 ? 'In ' : '    '}${loc.itemType}${name}: (${loc.position.name}:${loc.position.line}:${loc.position.column})\n`;
      })
      .join('');
  }

  /** The line around the innermost position with a caret under it (at most 160 columns around it). */
  snippet(contents: ReadonlyMap<string, string>, width = 160): string {
    const last = this.locations[this.locations.length - 1];
    if (!last) return '';
    const pos = last.position;
    const content = this.altContent ?? contents.get(pos.name);
    if (content === undefined) return `<No content for file ${pos.name}>\n`;
    if (pos.offset > content.length) return `<Invalid position ${pos.offset} for content ${pos.name}>\n`;
    const half = Math.floor(width / 2);
    let from = pos.offset;
    for (let i = 0; from > 0 && i < half && content[from - 1] !== '\n'; i++) from--;
    let to = pos.offset;
    for (let i = 0; to < content.length && i < half && content[to] !== '\n'; i++) to++;
    let line = content.slice(from, to);
    if (line === '') line = '<empty line>';
    if (from > 0 && content[from - 1] !== '\n') line = `...${line.slice(3)}`;
    if (to < content.length && content[to] !== '\n') line = `${line.slice(0, -3)}...`;
    return `${line}\n${' '.repeat(pos.offset - from)}^\n`;
  }
}

export interface LoadError {
  code: ErrorCode;
  message: string;
  ctx: LoadContext;
}

export interface LoadWarning {
  code: WarningCode;
  message: string;
  ctx: LoadContext;
}

/** The outcome of loading one rules file (Falco's falco::load_result). */
export class LoadResult {
  readonly errors: LoadError[] = [];
  readonly warnings: LoadWarning[] = [];

  constructor(
    /** The file name as given. */
    readonly name: string,
    /** Every rules text loaded so far, by name, for snippets. */
    private readonly contents: ReadonlyMap<string, string>,
  ) {}

  get successful(): boolean {
    return this.errors.length === 0;
  }

  get hasWarnings(): boolean {
    return this.warnings.length > 0;
  }

  addError(code: ErrorCode, message: string, ctx: LoadContext): void {
    this.errors.push({ code, message, ctx });
  }

  addWarning(code: WarningCode, message: string, ctx: LoadContext): void {
    this.warnings.push({ code, message, ctx });
  }

  /** `<file>: Ok`, `<file>: Ok, with warnings` or `<file>: Invalid`, then details when verbose. */
  asString(verbose: boolean): string {
    const status = !this.successful ? 'Invalid' : this.hasWarnings ? 'Ok, with warnings' : 'Ok';
    let out = `${this.name}: ${status}`;
    if (!verbose) return out;
    // Falco's as_verbose_string starts each block on a new line, so a warnings block after the
    // errors (which end with a newline) is set off by a blank line, and a clean file gets no newline.
    const block = (kind: 'Errors' | 'Warnings', items: Array<LoadError | LoadWarning>, desc: (i: LoadError | LoadWarning) => string): void => {
      if (items.length === 0) return;
      out += `\n${items.length} ${kind}:\n`;
      for (const it of items) {
        out += it.ctx.asString();
        out += '------\n';
        out += it.ctx.snippet(this.contents);
        out += '------\n';
        out += `${it.code} (${desc(it)}): ${it.message}\n`;
      }
    };
    block('Errors', this.errors, (i) => ERROR_CODES[i.code as ErrorCode]);
    block('Warnings', this.warnings, (i) => WARNING_CODES[i.code as WarningCode]);
    return out;
  }

  /** The RESULT object of `-V` with json_output (keys in nlohmann's sorted order). */
  toJSON(): object {
    const item = (it: LoadError | LoadWarning, desc: string): object => ({
      code: it.code,
      codedesc: desc,
      context: {
        locations: it.ctx.locations.map((l) => ({
          item_name: l.itemName,
          item_type: l.itemType,
          position: { column: l.position.column, line: l.position.line, name: l.position.name, offset: l.position.offset },
        })),
        snippet: it.ctx.snippet(this.contents),
      },
      message: it.message,
    });
    return {
      errors: this.errors.map((e) => item(e, ERROR_CODES[e.code])),
      name: this.name,
      successful: this.successful,
      warnings: this.warnings.map((w) => item(w, WARNING_CODES[w.code])),
    };
  }
}

/** `{"falco_load_results":[…]}`, the single stdout line of `falco -V … -o json_output=true`. */
export function loadResultsJson(results: LoadResult[]): string {
  return JSON.stringify({ falco_load_results: results.map((r) => r.toJSON()) });
}

/** A user error while reading or compiling rules; caught by the loader and turned into a LoadError. */
export class RuleLoadError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly ctx: LoadContext,
  ) {
    super(message);
  }
}
