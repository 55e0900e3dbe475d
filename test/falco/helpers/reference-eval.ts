// The reference the rule index is checked against: every enabled rule's whole condition, in load order.
import type { CompiledRule } from '../../../src/falco/compiler/compile-rules';
import { compileRuleSet } from '../../../src/falco/compiler/compile-rules';
import type { FalcoSyscallEvent } from '../../../src/falco/event';
import { syscallFields } from '../../../src/falco/fields/syscall';
import type { FieldRegistry } from '../../../src/falco/fields/types';
import { RuleCollector } from '../../../src/falco/rules/collector';
import { LoadResult } from '../../../src/falco/rules/load-result';
import { readRulesFile } from '../../../src/falco/rules/reader';

/** Compiled syscall rules of the files, loaded in order (as the engine loads them). */
export function compiledSyscallRules(files: Array<{ name: string; content: string }>): CompiledRule[] {
  const fields = syscallFields() as unknown as FieldRegistry<unknown>;
  const collector = new RuleCollector((source) => (source === 'syscall' ? (f: string) => fields.resolve(f, undefined) !== undefined : undefined));
  const contents = new Map<string, string>();
  let rules: CompiledRule[] | null = [];
  for (const f of files) {
    contents.set(f.name, f.content);
    const result = new LoadResult(f.name, contents);
    rules = readRulesFile({ name: f.name, content: f.content, collector, result }) ? compileRuleSet(collector, { minPriority: 7, sources: new Map([['syscall', fields]]) }, result) : null;
    if (!rules) throw new Error(result.asString(true));
  }
  return rules ?? [];
}

/** Name of the first enabled rule whose full condition holds, or null. */
export function referenceMatch(rules: CompiledRule[], e: FalcoSyscallEvent): string | null {
  for (const r of rules) if (r.enabled && r.source === 'syscall' && r.predicate(e)) return r.name;
  return null;
}
