// The Falco rule engine: load rules files in order, then match events to the first enabled rule and build alerts.
import type { CompiledRule } from './compiler/compile-rules';
import { compileRuleSet } from './compiler/compile-rules';
import type { Slot } from './compiler/slot';
import { compileSlot } from './compiler/slot';
import type { EventTime, FalcoSyscallEvent } from './event';
import type { FieldRegistry } from './fields/types';
import { k8sAuditFields } from './fields/k8saudit';
import { syscallFields } from './fields/syscall';
import type { OutputFieldValue } from './output/format';
import { renderOutput } from './output/format';
import type { Priority, PriorityName } from './priority';
import { priorityName } from './priority';
import { RuleCollector } from './rules/collector';
import type { LoadWarning } from './rules/load-result';
import { LoadResult } from './rules/load-result';
import { readRulesFile } from './rules/reader';

export interface FalcoEngineOptions {
  /** Config `priority`: rules below it are not loaded. Default debug (everything). */
  minPriority?: Priority;
  /**
   * Extra event sources with their fields (e.g. `k8s_audit` when the k8saudit plugin is loaded).
   * `syscall` is always present.
   */
  extraSources?: ReadonlyMap<string, FieldRegistry<unknown>>;
  /** Event sources of loaded plugins, by name; `k8s_audit` (k8saudit plugin) is built in. */
  pluginSources?: string[];
  /** `-p` output text, and whether it replaces %container.info (`-pc`/`-pk`). */
  outputExtra?: string;
  replaceContainerInfo?: boolean;
}

/** One alert: what Falco hands to its outputs for a matching event. */
export interface Alert {
  time: EventTime;
  priority: Priority;
  priorityName: PriorityName;
  rule: string;
  /** The rule's output with fields filled in (no time/priority prefix). */
  output: string;
  /** Values of the output's %fields keyed as written; null where Falco prints <NA>. */
  outputFields: Record<string, OutputFieldValue>;
  /** The same fields as Falco's JSON text fragments (used by json_output). */
  outputFieldsJson: Record<string, string>;
  source: string;
  tags: string[];
}

/** What `falco -L` lists for each loaded rule. */
export interface RuleSummary {
  name: string;
  desc: string;
  priority: Priority;
  source: string;
  tags: string[];
  enabled: boolean;
  condition: string;
  output: string;
}

/** Rule selection from the command line: `-D <substring>`, `-T <tag>`, `-t <tag>`. */
export interface RuleSelection {
  disableSubstrings?: string[];
  disableTags?: string[];
  onlyTags?: string[];
}

export interface PluginInfo {
  name: string;
  version: string;
}

export interface FalcoEngine {
  /** Loads one rules file on top of everything loaded before (Falco reloads all on each file). */
  loadRulesFile(name: string, content: string): LoadResult;
  /** The first enabled rule (in load order) that matches a syscall event, as an alert. */
  process(evt: FalcoSyscallEvent): Alert | null;
  /** Same for an event of another source (e.g. a k8s audit event for `k8s_audit` rules). */
  processSourceEvent(source: string, evt: unknown, time: EventTime): Alert | null;
  rules(): RuleSummary[];
  selectRules(sel: RuleSelection): void;
  /** Falco's check after loading: null when satisfied, else the error text. */
  checkPluginRequirements(loaded: PluginInfo[]): string | null;
  fields(source: string): FieldRegistry<unknown> | undefined;
}


/** Distinct evt.type values indexed; beyond this, events of new types take the unindexed path. */
const MAX_INDEXED_TYPES = 1024;

/** Compare dotted versions numerically: is `have` >= `need`? */
function versionAtLeast(have: string, need: string): boolean {
  const a = have.split('.').map((x) => parseInt(x, 10) || 0);
  const b = need.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

export function createFalcoEngine(opts: FalcoEngineOptions = {}): FalcoEngine {
  const sources = new Map<string, FieldRegistry<unknown>>([['syscall', syscallFields() as unknown as FieldRegistry<unknown>]]);
  if (opts.pluginSources?.includes('k8s_audit')) sources.set('k8s_audit', k8sAuditFields() as unknown as FieldRegistry<unknown>);
  for (const [k, v] of opts.extraSources ?? []) sources.set(k, v);
  const collector = new RuleCollector((source) => {
    const reg = sources.get(source);
    return reg ? (f: string) => reg.resolve(f, undefined) !== undefined : undefined;
  });
  const contents = new Map<string, string>();
  let compiled: CompiledRule[] = [];
  // The collector's revision when `compiled` was made, and the warnings that compilation gave.
  let lastCompile: { revision: number; warnings: LoadWarning[] } | null = null;
  let selection: RuleSelection = {};
  // Enabled rules of other sources, in load order; rebuilt lazily after loads and selections.
  let bySource = new Map<string, CompiledRule[]>();
  // Syscall rules per evt.type, then [exit, enter], compiled for that type and direction (compiler/slot.ts).
  let bySyscall = new Map<string, Array<Slot<CompiledRule> | undefined>>();

  const isActive = (r: CompiledRule): boolean => {
    if (!r.enabled) return false;
    if (selection.disableSubstrings?.some((s) => r.name.includes(s))) return false;
    if (selection.disableTags?.some((t) => r.tags.includes(t))) return false;
    if (selection.onlyTags && selection.onlyTags.length > 0 && !selection.onlyTags.some((t) => r.tags.includes(t))) return false;
    return true;
  };

  const sourceRules = (source: string): CompiledRule[] => {
    let list = bySource.get(source);
    if (!list) {
      list = compiled.filter((r) => r.source === source && isActive(r));
      bySource.set(source, list);
    }
    return list;
  };

  const admits = (r: CompiledRule, type: string): boolean => r.evtTypes.negated !== r.evtTypes.names.has(type);

  const buildSlot = (type: string, dir: '>' | '<'): Slot<CompiledRule> => {
    const rules = compiled.filter((r) => r.source === 'syscall' && isActive(r) && admits(r, type)).map((r) => ({ rule: r, expr: r.expr }));
    return compileSlot(rules, { type, dir }, sources.get('syscall') as FieldRegistry<unknown>);
  };

  const syscallSlot = (type: string, dir: string): Slot<CompiledRule> | null => {
    const i = dir === '<' ? 0 : dir === '>' ? 1 : -1;
    let slots = bySyscall.get(type);
    if (slots === undefined) {
      // Arbitrary replayed type names must not grow the index without bound.
      if (i < 0 || bySyscall.size >= MAX_INDEXED_TYPES) return null;
      slots = [undefined, undefined];
      bySyscall.set(type, slots);
    }
    if (i < 0) return null;
    let slot = slots[i];
    if (slot === undefined) {
      slot = buildSlot(type, i === 0 ? '<' : '>');
      slots[i] = slot;
    }
    return slot;
  };

  const alertFor = (r: CompiledRule, evt: unknown, time: EventTime): Alert => {
    const out = renderOutput(r.outputFormat, evt);
    return {
      time,
      priority: r.priority,
      priorityName: priorityName(r.priority),
      rule: r.name,
      output: out.text,
      outputFields: out.fields,
      outputFieldsJson: out.json,
      source: r.source,
      tags: r.tags,
    };
  };

  return {
    loadRulesFile(name, content) {
      contents.set(name, content);
      const result = new LoadResult(name, contents);
      if (!readRulesFile({ name, content, collector, result })) return result;
      // A file that adds nothing (falco_rules.local.yaml as shipped) compiles to the same rules with
      // the same warnings; Falco recompiles anyway, we replay the last compilation's warnings.
      if (lastCompile !== null && lastCompile.revision === collector.revision) {
        for (const w of lastCompile.warnings) result.warnings.push(w);
        return result;
      }
      const before = result.warnings.length;
      const rules = compileRuleSet(
        collector,
        { minPriority: opts.minPriority ?? 7, sources, outputExtra: opts.outputExtra, replaceContainerInfo: opts.replaceContainerInfo },
        result,
      );
      lastCompile = rules ? { revision: collector.revision, warnings: result.warnings.slice(before) } : null;
      if (rules) {
        compiled = rules;
        bySource = new Map();
        bySyscall = new Map();
      }
      return result;
    },

    process(evt) {
      const type = evt.evt.type;
      const slot = syscallSlot(type, evt.evt.dir);
      if (slot === null) {
        for (const r of sourceRules('syscall')) {
          if (admits(r, type) && r.predicate(evt)) return alertFor(r, evt, evt.evt.time);
        }
        return null;
      }
      const i = slot.match(evt);
      return i < 0 ? null : alertFor(slot.rules[i], evt, evt.evt.time);
    },

    processSourceEvent(source, evt, time) {
      for (const r of sourceRules(source)) {
        if (r.predicate(evt)) return alertFor(r, evt, time);
      }
      return null;
    },

    rules() {
      return compiled.map((r) => ({
        name: r.name,
        desc: r.desc,
        priority: r.priority,
        source: r.source,
        tags: r.tags,
        enabled: isActive(r),
        condition: r.condition,
        output: r.output,
      }));
    },

    selectRules(sel) {
      selection = sel;
      bySource = new Map();
      bySyscall = new Map();
    },

    checkPluginRequirements(loaded) {
      for (const req of collector.pluginRequirements) {
        const options = [{ name: req.name, version: req.version }, ...req.alternatives];
        const ok = options.some((o) => loaded.some((p) => p.name === o.name && versionAtLeast(p.version, o.version)));
        if (!ok) return `Plugin requirement not satisfied, must load one of: ${options.map((o) => `${o.name} (>= ${o.version})`).join(', ')}`;
      }
      return null;
    },

    fields(source) {
      return sources.get(source);
    },
  };
}
