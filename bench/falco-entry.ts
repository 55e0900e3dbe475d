// What bench/falco.mjs bundles: the engine, the reference stream, and a naive evaluator to compare it with.
import { parseAllDocuments, LineCounter } from 'yaml';
import type { CompiledRule } from '../src/falco/compiler/compile-rules';
import { compileRuleSet } from '../src/falco/compiler/compile-rules';
import type { FalcoSyscallEvent } from '../src/falco/event';
import { syscallFields } from '../src/falco/fields/syscall';
import type { FieldRegistry } from '../src/falco/fields/types';
import { renderOutput } from '../src/falco/output/format';
import { RuleCollector } from '../src/falco/rules/collector';
import { LoadResult } from '../src/falco/rules/load-result';
import { readRulesFile } from '../src/falco/rules/reader';

export { createFalcoEngine } from '../src/falco/engine';
export { referenceStream, otherTypeRules } from './falco-stream';

export interface RulesText {
  name: string;
  content: string;
}

export interface NaiveAlert {
  rule: string;
  output: string;
}

export interface NaiveEvaluator {
  /** Enabled syscall rules, all of which are tried on every event. */
  ruleCount: number;
  process(evt: FalcoSyscallEvent): NaiveAlert | null;
}

/**
 * Loads the files with the engine's own loader and compiler, then evaluates without the evt.type
 * index: every enabled syscall rule's predicate, in load order, on every event (first match wins).
 */
export function createNaiveEvaluator(files: RulesText[]): NaiveEvaluator {
  const fields = syscallFields() as unknown as FieldRegistry<unknown>;
  const sources = new Map<string, FieldRegistry<unknown>>([['syscall', fields]]);
  const collector = new RuleCollector((source) => (source === 'syscall' ? (f: string) => fields.resolve(f, undefined) !== undefined : undefined));
  const contents = new Map<string, string>();
  let compiled: CompiledRule[] = [];
  for (const f of files) {
    contents.set(f.name, f.content);
    const result = new LoadResult(f.name, contents);
    const rules = readRulesFile({ name: f.name, content: f.content, collector, result }) ? compileRuleSet(collector, { minPriority: 7, sources }, result) : null;
    if (!rules) throw new Error(result.asString(true));
    compiled = rules;
  }
  const active = compiled.filter((r) => r.enabled && r.source === 'syscall');
  return {
    ruleCount: active.length,
    process(evt) {
      for (const r of active) {
        if (r.predicate(evt)) return { rule: r.name, output: renderOutput(r.outputFormat, evt).text };
      }
      return null;
    },
  };
}

/** The yaml library's parse alone (what the loader used before its fast reader), for comparison. */
export function yamlParseWithPositions(content: string): number {
  const docs = parseAllDocuments(content, { lineCounter: new LineCounter(), uniqueKeys: false, prettyErrors: false });
  return Array.isArray(docs) ? docs.length : 0;
}
