// Reads a rules YAML file into the collector, validating structure with Falco 0.33's rule_loader_reader wording.
import type { Document } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { AnyNode } from '../yaml-cpp';
import { getKey, isNullNode, parseYamlBool, scalarText, yamlCppError } from '../yaml-cpp';
import { parsePriority } from '../priority';
import { lineColAt } from '../../core/span';
import { excessiveNesting, resolveAliases } from '../yaml-limits';
import { parseRulesYaml } from './fast-yaml';
import type { RuleCollector, RuleInfo } from './collector';
import type { ExceptionEntry, ExceptionInfo } from './exceptions';
import type { ItemType, LoadResult } from './load-result';
import { LoadContext, RuleLoadError } from './load-result';

const fail = (msg: string, ctx: LoadContext): never => {
  throw new RuleLoadError('LOAD_ERR_YAML_VALIDATE', msg, ctx);
};

const has = (map: AnyNode, key: string): boolean => getKey(map, key) !== undefined;

export interface ReadOptions {
  name: string;
  content: string;
  collector: RuleCollector;
  result: LoadResult;
}

/** Reads every document; stops at the first error (recorded in the result). Returns success. */
export function readRulesFile(opts: ReadOptions): boolean {
  const { name, content, collector, result } = opts;
  const lc = new LineCounter();
  const root = LoadContext.forFile(name);
  const posOf = (offset: number): { name: string; line: number; column: number; offset: number } => {
    const lp = lc.linePos(offset);
    return { name, line: lp.line - 1, column: lp.col - 1, offset };
  };
  const nodeCtx = (parent: LoadContext, node: AnyNode, type: ItemType, itemName: string): LoadContext =>
    parent.child(type, itemName, posOf(node?.range?.[0] ?? 0));

  const yamlLimit = (e: { message: string; offset: number }): false => {
    const { line, col } = lineColAt(content, e.offset);
    result.addError('LOAD_ERR_YAML_PARSE', `yaml-cpp: error at line ${line}, column ${col}: ${e.message}`, root.child('value for', '', { name, line: line - 1, column: col - 1, offset: e.offset }));
    return false;
  };
  // Before any parser recurses into the text: yaml-cpp's own depth limit.
  const deep = excessiveNesting(content);
  if (deep) return yamlLimit(deep);

  let docs: Array<Pick<Document.Parsed, 'contents' | 'errors'>>;
  const fast = parseRulesYaml(content);
  if (fast !== null) {
    // Line starts as the library records them: 0, then after every \n (no CR in these files).
    lc.addNewLine(0);
    for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
    docs = [{ contents: fast as Document.Parsed['contents'], errors: [] }];
  } else {
    try {
      docs = parseAllDocuments(content, { lineCounter: lc, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
      if (!Array.isArray(docs)) docs = [];
    } catch (e) {
      result.addError('LOAD_ERR_YAML_PARSE', `yaml-cpp: ${(e as Error).message}`, root);
      return false;
    }
  }
  for (const doc of docs) {
    const err = doc.errors[0];
    if (err) {
      const { message, offset } = yamlCppError(content, err.code, err.message, err.pos[0]);
      const lp = lc.linePos(offset);
      result.addError('LOAD_ERR_YAML_PARSE', `yaml-cpp: error at line ${lp.line}, column ${lp.col}: ${message}`, root.child('value for', '', posOf(offset)));
      return false;
    }
    // The fast reader declines anchors, so only the library's documents hold aliases.
    if (fast === null) {
      const aliasing = resolveAliases(doc.contents as AnyNode);
      if (aliasing) return yamlLimit(aliasing);
    }
  }

  const r = new Reader(collector, result, nodeCtx);
  try {
    for (const doc of docs) {
      const top = doc.contents as AnyNode;
      if (isNullNode(top)) continue;
      if (!isMap(top) && !isSeq(top)) fail('Rules content is not yaml', root);
      if (!isSeq(top)) fail('Rules content is not yaml array of objects', root);
      for (const item of (top as { items: AnyNode[] }).items) {
        if (isNullNode(item)) continue;
        r.readItem(item, root);
      }
    }
  } catch (e) {
    if (e instanceof RuleLoadError) {
      result.addError(e.code, e.message, e.ctx);
      return false;
    }
    throw e;
  }
  return true;
}

type NodeCtx = (parent: LoadContext, node: AnyNode, type: ItemType, itemName: string) => LoadContext;

class Reader {
  constructor(
    private readonly collector: RuleCollector,
    private readonly result: LoadResult,
    private readonly nodeCtx: NodeCtx,
  ) {}

  /** decode_val: a required non-empty scalar. */
  private str(item: AnyNode, key: string, ctx: LoadContext): string {
    const v = getKey(item, key);
    if (v === undefined) fail(`Item has no mapping for key '${key}'`, ctx);
    if (isNullNode(v)) fail(`Mapping for key '${key}' is empty`, ctx);
    const vctx = this.nodeCtx(ctx, v, 'value for', key);
    const text = scalarText(v);
    if (text === null) return fail('Value is not a scalar value', vctx);
    if (text === '') fail('Value must be non-empty', vctx);
    return text;
  }

  private optStr(item: AnyNode, key: string, ctx: LoadContext): string | undefined {
    return has(item, key) ? this.str(item, key, ctx) : undefined;
  }

  private bool(item: AnyNode, key: string, ctx: LoadContext): boolean {
    const b = parseYamlBool(this.str(item, key, ctx));
    if (b !== null) return b;
    return fail("Can't decode YAML scalar value", this.nodeCtx(ctx, getKey(item, key), 'value for', key));
  }

  private optBool(item: AnyNode, key: string, ctx: LoadContext, dflt: boolean): boolean {
    return has(item, key) ? this.bool(item, key, ctx) : dflt;
  }

  /** decode_seq: a sequence of scalars (an empty one is fine). */
  private seq(item: AnyNode, key: string, ctx: LoadContext, optional: boolean): string[] {
    const v = getKey(item, key);
    if (v === undefined) {
      if (optional) return [];
      return fail(`Item has no mapping for key '${key}'`, ctx);
    }
    const vctx = this.nodeCtx(ctx, v, 'value for', key);
    if (!isSeq(v)) return fail('Value is not a sequence', vctx);
    return (v.items as AnyNode[]).map((n) => {
      const text = scalarText(n);
      if (text === null) fail('sequence value is not scalar', this.nodeCtx(vctx, n, 'list item', ''));
      return text as string;
    });
  }

  readItem(item: AnyNode, root: LoadContext): void {
    const ictx = this.nodeCtx(root, item, 'rules content item', '');
    if (!isMap(item)) fail('Unexpected element type. Each element should be a yaml associative array.', ictx);
    if (has(item, 'required_engine_version')) this.readEngineVersion(item, root);
    else if (has(item, 'required_plugin_versions')) this.readPluginVersions(item, root);
    else if (has(item, 'list')) this.readList(item, root);
    else if (has(item, 'macro')) this.readMacro(item, root);
    else if (has(item, 'rule')) this.readRule(item, root);
    else this.result.addWarning('LOAD_UNKNOWN_ITEM', 'Unknown top level item', ictx);
  }

  private readEngineVersion(item: AnyNode, root: LoadContext): void {
    const ctx = this.nodeCtx(root, item, 'required_engine_version', '');
    const text = this.str(item, 'required_engine_version', ctx);
    if (!/^[0-9]+$/.test(text)) fail("Can't decode YAML scalar value", this.nodeCtx(ctx, getKey(item, 'required_engine_version'), 'value for', 'required_engine_version'));
    this.collector.requireEngineVersion(Number(text), ctx);
  }

  private readPluginVersions(item: AnyNode, root: LoadContext): void {
    const node = getKey(item, 'required_plugin_versions');
    const ctx = this.nodeCtx(root, node, 'required plugin versions', '');
    if (!isSeq(node)) return fail('Value of required_plugin_versions must be a sequence', ctx);
    for (const plugin of node.items as AnyNode[]) {
      const pctx = this.nodeCtx(ctx, plugin, 'required plugin versions entry', '');
      if (!isMap(plugin)) fail('Plugin version must be a mapping', pctx);
      const req = { name: this.str(plugin, 'name', pctx), version: this.str(plugin, 'version', pctx), alternatives: [] as Array<{ name: string; version: string }> };
      const alts = getKey(plugin, 'alternatives');
      if (alts !== undefined) {
        const actx = this.nodeCtx(pctx, alts, 'required plugin versions alternative', '');
        if (!isSeq(alts)) fail('Value of alternatives must be a sequence', actx);
        for (const a of (alts as { items: AnyNode[] }).items) {
          const alctx = this.nodeCtx(pctx, a, 'required plugin versions alternative', '');
          if (!isMap(a)) fail('Alternative must be a mapping', alctx);
          req.alternatives.push({ name: this.str(a, 'name', alctx), version: this.str(a, 'version', alctx) });
        }
      }
      this.collector.definePluginRequirement(req);
    }
  }

  private named(item: AnyNode, root: LoadContext, key: 'list' | 'macro' | 'rule'): { name: string; ctx: LoadContext } {
    const tmp = this.nodeCtx(root, item, key, '');
    const name = this.str(item, key, tmp);
    return { name, ctx: this.nodeCtx(root, item, key, name) };
  }

  private readList(item: AnyNode, root: LoadContext): void {
    const { name, ctx } = this.named(item, root, 'list');
    const items = this.seq(item, 'items', ctx, false);
    const info = { name, ctx, items, index: 0, visibility: 0 };
    if (this.optBool(item, 'append', ctx, false)) this.collector.appendList(info);
    else this.collector.defineList(info);
  }

  private readMacro(item: AnyNode, root: LoadContext): void {
    const { name, ctx } = this.named(item, root, 'macro');
    const cond = this.str(item, 'condition', ctx);
    const condCtx = this.nodeCtx(ctx, getKey(item, 'condition'), 'macro condition', '');
    const info = { name, ctx, cond, condCtx, index: 0, visibility: 0 };
    if (this.optBool(item, 'append', ctx, false)) this.collector.appendMacro(info);
    else this.collector.defineMacro(info);
  }

  private readRule(item: AnyNode, root: LoadContext): void {
    const { name, ctx } = this.named(item, root, 'rule');
    if (this.optBool(item, 'append', ctx, false)) {
      const cond = this.optStr(item, 'condition', ctx) ?? '';
      const exceptions = this.readExceptions(item, ctx, true);
      this.collector.appendRule({ name, ctx, cond, exceptions });
      return;
    }
    if (!has(item, 'condition') && !has(item, 'output') && !has(item, 'desc') && !has(item, 'priority')) {
      this.collector.enableRule(name, this.bool(item, 'enabled', ctx), ctx);
      return;
    }
    const cond = this.str(item, 'condition', ctx);
    const condCtx = this.nodeCtx(ctx, getKey(item, 'condition'), 'rule condition', '');
    const output = this.str(item, 'output', ctx).trim();
    const outputCtx = this.nodeCtx(ctx, getKey(item, 'output'), 'rule output', '');
    const desc = this.str(item, 'desc', ctx);
    const priorityText = this.str(item, 'priority', ctx);
    const priority = parsePriority(priorityText);
    if (priority === null) return fail('Invalid priority', this.nodeCtx(ctx, getKey(item, 'priority'), 'rule priority', ''));
    const info: RuleInfo = {
      name,
      ctx,
      cond,
      condCtx,
      output,
      outputCtx,
      desc,
      priority,
      source: this.optStr(item, 'source', ctx) ?? 'syscall',
      enabled: this.optBool(item, 'enabled', ctx, true),
      warnEvttypes: this.optBool(item, 'warn_evttypes', ctx, true),
      skipIfUnknownFilter: this.optBool(item, 'skip-if-unknown-filter', ctx, false),
      tags: this.seq(item, 'tags', ctx, true),
      exceptions: [],
      index: 0,
      visibility: 0,
    };
    info.exceptions = this.readExceptions(item, ctx, false);
    if (!this.collector.defineRule(info)) {
      this.result.addWarning('LOAD_UNKNOWN_SOURCE', `Unknown source ${info.source}, skipping`, ctx);
    }
  }

  private entry(node: AnyNode, ctx: LoadContext): ExceptionEntry {
    if (isSeq(node)) {
      return {
        isList: true,
        item: '',
        items: (node.items as AnyNode[]).map((n) => {
          if (!isScalar(n) && !isSeq(n)) fail('Could not decode exception info entry', this.nodeCtx(ctx, n, 'exception', ''));
          return this.entry(n, ctx);
        }),
      };
    }
    const text = scalarText(node);
    if (text === null) return fail('Could not decode exception info entry', ctx);
    if (text === '') fail('Value must be non-empty', ctx);
    return { isList: false, item: text, items: [] };
  }

  private readExceptions(item: AnyNode, parent: LoadContext, append: boolean): ExceptionInfo[] {
    const exs = getKey(item, 'exceptions');
    if (exs === undefined || isNullNode(exs)) return [];
    const exsCtx = this.nodeCtx(parent, exs, 'exceptions', '');
    if (!isSeq(exs)) return fail('Rule exceptions must be a sequence', exsCtx);
    const out: ExceptionInfo[] = [];
    for (const ex of exs.items as AnyNode[]) {
      const tmp = this.nodeCtx(exsCtx, ex, 'exception', '');
      if (!isMap(ex)) fail('Rule exception must be a mapping', tmp);
      const name = this.str(ex, 'name', tmp);
      const ctx = this.nodeCtx(exsCtx, ex, 'exception', name);
      const info: ExceptionInfo = { name, ctx, fields: null, comps: null, values: [] };
      const fields = getKey(ex, 'fields');
      if (fields !== undefined) info.fields = this.entry(fields, this.nodeCtx(ctx, fields, 'value for', 'fields'));
      else if (!append) fail("Item has no mapping for key 'fields'", ctx);
      const comps = getKey(ex, 'comps');
      if (comps !== undefined) info.comps = this.entry(comps, this.nodeCtx(ctx, comps, 'value for', 'comps'));
      const vals = getKey(ex, 'values');
      if (vals !== undefined && !isNullNode(vals)) {
        const vctx = this.nodeCtx(ctx, vals, 'exception values', '');
        if (!isSeq(vals)) fail('Rule exception values must be a sequence', vctx);
        for (const v of (vals as { items: AnyNode[] }).items) info.values.push(this.entry(v, this.nodeCtx(vctx, v, 'exception value', '')));
      }
      out.push(info);
    }
    return out;
  }
}
