// Holds every list, macro and rule read so far (across files) with Falco's define/append/enable rules.
import type { Priority } from '../priority';
import type { LoadContext } from './load-result';
import { RuleLoadError } from './load-result';
import type { ExceptionInfo } from './exceptions';
import { validateException } from './exceptions';

/** Falco 0.33.1's engine version (FALCO_ENGINE_VERSION). */
export const ENGINE_VERSION = 15;

interface Indexed {
  name: string;
  ctx: LoadContext;
  /** Position in evaluation/listing order; kept when an item is redefined. */
  index: number;
  /** Items with a smaller index are visible to this one (macros and lists in lists). */
  visibility: number;
}

export interface ListInfo extends Indexed {
  items: string[];
}

export interface MacroInfo extends Indexed {
  cond: string;
  condCtx: LoadContext;
}

export interface RuleInfo extends Indexed {
  cond: string;
  condCtx: LoadContext;
  output: string;
  outputCtx: LoadContext;
  desc: string;
  priority: Priority;
  source: string;
  enabled: boolean;
  tags: string[];
  exceptions: ExceptionInfo[];
  warnEvttypes: boolean;
  skipIfUnknownFilter: boolean;
}

export interface PluginRequirement {
  name: string;
  version: string;
  alternatives: Array<{ name: string; version: string }>;
}

/** Ordered items by name; a redefinition replaces the item in place. */
class IndexedItems<T extends Indexed> {
  private readonly items: T[] = [];
  private readonly byName = new Map<string, T>();

  get(name: string): T | undefined {
    return this.byName.get(name);
  }

  all(): readonly T[] {
    return this.items;
  }

  define(info: T, id: number): void {
    const prev = this.byName.get(info.name);
    if (prev) {
      info.index = prev.index;
      info.visibility = id;
      this.items[this.items.indexOf(prev)] = info;
    } else {
      info.index = id;
      info.visibility = id;
      this.items.push(info);
    }
    this.byName.set(info.name, info);
  }
}

const fail = (msg: string, ctx: LoadContext): never => {
  throw new RuleLoadError('LOAD_ERR_VALIDATE', msg, ctx);
};

export class RuleCollector {
  readonly lists = new IndexedItems<ListInfo>();
  readonly macros = new IndexedItems<MacroInfo>();
  readonly rules = new IndexedItems<RuleInfo>();
  readonly pluginRequirements: PluginRequirement[] = [];
  private curIndex = 0;
  private changes = 0;

  /** Changes on every (even failed) attempt to change the collected items: equal means nothing changed. */
  get revision(): number {
    return this.changes;
  }

  constructor(
    /** Event sources the engine knows, with the fields each one offers (for exception validation). */
    private readonly sourceFields: (source: string) => ((field: string) => boolean) | undefined,
  ) {}

  requireEngineVersion(version: number, ctx: LoadContext): void {
    if (ENGINE_VERSION < version) fail(`Rules require engine version ${version}, but engine version is ${ENGINE_VERSION}`, ctx);
  }

  definePluginRequirement(req: PluginRequirement): void {
    this.changes++;
    this.pluginRequirements.push(req);
  }

  defineList(info: ListInfo): void {
    this.changes++;
    this.lists.define(info, this.curIndex++);
  }

  appendList(info: ListInfo): void {
    this.changes++;
    const prev = this.lists.get(info.name);
    if (!prev) return fail("List has 'append' key but no list by that name already exists", info.ctx);
    prev.items.push(...info.items);
    prev.visibility = this.curIndex++;
  }

  defineMacro(info: MacroInfo): void {
    this.changes++;
    this.macros.define(info, this.curIndex++);
  }

  appendMacro(info: MacroInfo): void {
    this.changes++;
    const prev = this.macros.get(info.name);
    if (!prev) return fail("Macro has 'append' key but no macro by that name already exists", info.ctx);
    prev.cond += ` ${info.cond}`;
    prev.visibility = this.curIndex++;
  }

  /** Returns false when the rule's source is unknown (the caller warns and skips it). */
  defineRule(info: RuleInfo): boolean {
    this.changes++;
    const hasField = this.sourceFields(info.source);
    if (!hasField) return false;
    const prev = this.rules.get(info.name);
    if (prev && prev.source !== info.source) fail('Rule has been re-defined with a different source', info.ctx);
    for (const ex of info.exceptions) {
      if (!ex.fields) fail('Rule exception item must have fields property with a list of fields', ex.ctx);
      validateException(ex, hasField);
    }
    this.rules.define(info, this.curIndex++);
    return true;
  }

  appendRule(info: Pick<RuleInfo, 'name' | 'ctx' | 'cond' | 'exceptions'>): void {
    this.changes++;
    const prev = this.rules.get(info.name);
    if (!prev) return fail("Rule has 'append' key but no rule by that name already exists", info.ctx);
    if (info.cond === '' && info.exceptions.length === 0) fail('Appended rule must have exceptions or condition property', info.ctx);
    const hasField = this.sourceFields(prev.source);
    if (!hasField) return fail(`Unknown source ${prev.source}`, info.ctx);
    if (info.cond !== '') prev.cond += ` ${info.cond}`;
    for (const ex of info.exceptions) {
      const existing = prev.exceptions.find((e) => e.name === ex.name);
      if (!existing) {
        if (!ex.fields) fail(`Rule exception new item ${ex.name}: must have fields property with a list of fields`, ex.ctx);
        if (ex.values.length === 0) fail(`Rule exception new item ${ex.name}: must have fields property with a list of values`, ex.ctx);
        validateException(ex, hasField);
        prev.exceptions.push(ex);
      } else {
        if (ex.fields) fail('Can not append exception fields to existing exception, only values', ex.ctx);
        if (ex.comps) fail('Can not append exception comps to existing exception, only values', ex.ctx);
        existing.values.push(...ex.values);
      }
    }
    prev.visibility = this.curIndex++;
  }

  enableRule(name: string, enabled: boolean, ctx: LoadContext): void {
    this.changes++;
    const prev = this.rules.get(name);
    if (!prev) return fail("Rule has 'enabled' key but no rule by that name already exists", ctx);
    prev.enabled = enabled;
  }
}
