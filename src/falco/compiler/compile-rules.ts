// Compiles everything collected so far into rules (Falco 0.33's rule_loader::compiler), reporting into a LoadResult.
import type { Expr } from '../condition/ast';
import { walkExpr } from '../condition/ast';
import { parseCondition } from '../condition/parser';
import type { FieldRegistry } from '../fields/types';
import type { OutputFormat } from '../output/format';
import { compileOutputFormat } from '../output/format';
import type { Priority } from '../priority';
import type { RuleCollector } from '../rules/collector';
import { exceptionsCondition } from '../rules/exceptions';
import type { LoadContext, LoadResult } from '../rules/load-result';
import { RuleLoadError } from '../rules/load-result';
import type { Predicate } from './check';
import type { EvtTypeSet } from './evttypes';
import { evtTypesOf, matchesTooManyEvtTypes } from './evttypes';
import { compileFilter, FilterCompileError } from './filter';
import type { CompiledList } from './lists';
import { compileLists, ListSubstitution } from './lists';
import type { CompiledMacro } from './macros';
import { resolvedMacro, resolveMacros, UndefinedMacroError } from './macros';

/** Falco raises libsinsp's default parser depth (100) for rule conditions. */
const FALCO_MAX_DEPTH = 1000;
const CONTAINER_INFO = '%container.info';
const DEFAULT_CONTAINER_INFO = '%container.name (id=%container.id)';

export interface CompiledRule {
  name: string;
  desc: string;
  priority: Priority;
  source: string;
  /** Sorted and unique, as Falco keeps them in a std::set. */
  tags: string[];
  enabled: boolean;
  /** Final condition text: raw condition, exceptions appended, lists substituted. */
  condition: string;
  expr: Expr;
  predicate: Predicate<unknown>;
  /** Output after %container.info substitution and any -p extra text. */
  output: string;
  outputFormat: OutputFormat<unknown>;
  evtTypes: EvtTypeSet;
  /** Position among all rules (load order, kept across redefinitions). */
  index: number;
}

export interface CompileConfig {
  /** Rules less severe than this are not compiled at all (config `priority`). */
  minPriority: Priority;
  /** Field registries by event source name. */
  sources: ReadonlyMap<string, FieldRegistry<unknown>>;
  /** `-p` text: replaces %container.info when replaceContainerInfo, else appended to every syscall output. */
  outputExtra?: string;
  replaceContainerInfo?: boolean;
}

/** libsinsp's 1-based line/column of an offset (CR and LF both start a new line). */
function parserPos(text: string, offset: number): { idx: number; line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    col++;
    if (text[i] === '\r' || text[i] === '\n') {
      col = 1;
      line++;
    }
  }
  return { idx: offset, line, col };
}

function parseOrThrow(cond: string, condCtx: LoadContext): Expr {
  const r = parseCondition(cond, { maxDepth: FALCO_MAX_DEPTH });
  if (!r.ok) throw new RuleLoadError('LOAD_ERR_COMPILE_CONDITION', r.message, condCtx.forCondition(cond, r.pos));
  return r.expr;
}

function applyOutputSubstitutions(out: string, cfg: CompileConfig): string {
  const extra = cfg.outputExtra ?? '';
  if (out.includes(CONTAINER_INFO)) {
    if (cfg.replaceContainerInfo) return out.split(CONTAINER_INFO).join(extra);
    out = out.split(CONTAINER_INFO).join(DEFAULT_CONTAINER_INFO);
  }
  return extra === '' ? out : `${out} ${extra}`;
}

/** Plugin fields compared to "<NA>" never match in 0.33: Falco warns about it. */
function hasUnsafeNaCheck(e: Expr): boolean {
  let found = false;
  walkExpr(e, (n) => {
    if (n.kind !== 'binary' || !(n.field.name.startsWith('ka.') || n.field.name.startsWith('jevt.'))) return;
    const vals = n.value.kind === 'list' ? n.value.values : [n.value.value];
    if (vals.includes('<NA>')) found = true;
  });
  return found;
}

/**
 * Compiles all lists, macros and rules of the collector. Returns the rules in evaluation order, or
 * null after recording the first error in `result` (warnings found before it are kept).
 */
export function compileRuleSet(collector: RuleCollector, cfg: CompileConfig, result: LoadResult): CompiledRule[] | null {
  try {
    const lists = compileLists(collector.lists.all());
    const listOrder: CompiledList[] = [...lists.values()];
    const substitution = new ListSubstitution(listOrder);
    const macros = new Map<string, CompiledMacro>();
    for (const m of collector.macros.all()) {
      const cond = substitution.apply(m.cond);
      macros.set(m.name, { info: m, parsed: parseOrThrow(cond, m.condCtx), used: false });
    }
    for (const m of macros.values()) {
      try {
        resolvedMacro(m, macros);
      } catch (e) {
        if (e instanceof UndefinedMacroError) throw new RuleLoadError('LOAD_ERR_VALIDATE', e.message, (e.owner ?? m).info.ctx);
        throw e;
      }
    }

    const rules: CompiledRule[] = [];
    for (const r of collector.rules.all()) {
      if (r.priority > cfg.minPriority) continue;
      const fields = cfg.sources.get(r.source);
      if (!fields) throw new RuleLoadError('LOAD_ERR_VALIDATE', `Unknown source at compile-time${r.source}`, r.ctx);
      const condition = substitution.apply(r.cond + exceptionsCondition(r.exceptions));
      let expr = parseOrThrow(condition, r.condCtx);
      try {
        expr = resolveMacros(expr, macros, Infinity);
      } catch (e) {
        if (e instanceof UndefinedMacroError) throw new RuleLoadError('LOAD_ERR_VALIDATE', e.message, r.ctx);
        throw e;
      }
      if (hasUnsafeNaCheck(expr)) result.addWarning('LOAD_UNSAFE_NA_CHECK', '', r.ctx);

      const output = r.source === 'syscall' ? applyOutputSubstitutions(r.output, cfg) : r.output;
      const fmt = compileOutputFormat(output, fields);
      if (!fmt.ok) throw new RuleLoadError('LOAD_ERR_COMPILE_OUTPUT', fmt.message, r.outputCtx);

      let predicate: Predicate<unknown>;
      try {
        predicate = compileFilter(expr, fields);
      } catch (e) {
        if (!(e instanceof FilterCompileError)) throw e;
        if (e.message.includes('nonexistent field') && r.skipIfUnknownFilter) {
          result.addWarning('LOAD_UNKNOWN_FIELD', e.message, r.condCtx);
          continue;
        }
        throw new RuleLoadError('LOAD_ERR_COMPILE_CONDITION', e.message, r.condCtx.forCondition(condition, parserPos(condition, e.offset)));
      }

      const evtTypes = evtTypesOf(expr);
      if (r.source === 'syscall' && r.warnEvttypes && matchesTooManyEvtTypes(evtTypes)) {
        result.addWarning('LOAD_NO_EVTTYPE', 'Rule matches too many evt.type values. This has a significant performance penalty.', r.ctx);
      }
      rules.push({
        name: r.name,
        desc: r.desc,
        priority: r.priority,
        source: r.source,
        tags: [...new Set(r.tags)].sort(),
        enabled: r.enabled,
        condition,
        expr,
        predicate,
        output: output.startsWith('*') ? output.slice(1) : output,
        outputFormat: fmt.format,
        evtTypes,
        index: r.index,
      });
    }

    for (const m of macros.values()) {
      if (!m.used) result.addWarning('LOAD_UNUSED_MACRO', 'Macro not referred to by any other rule/macro', m.info.ctx);
    }
    for (const l of listOrder) {
      if (!l.used) result.addWarning('LOAD_UNUSED_LIST', 'List not referred to by any other rule/macro', l.info.ctx);
    }
    return rules;
  } catch (e) {
    if (e instanceof RuleLoadError) {
      result.addError(e.code, e.message, e.ctx);
      return null;
    }
    throw e;
  }
}
