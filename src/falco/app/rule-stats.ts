// Falco's per-run alert counters and the summary it prints when it stops ("Events detected: …").
import type { Priority } from '../priority';

/** Plain data so a running falco can keep its counters across a saved world. */
export interface RuleStats {
  total: number;
  /** Alert count per priority, index 0 (Emergency) … 7 (Debug). */
  byPriority: number[];
  /** Alert count per rule name. */
  byRule: Record<string, number>;
}

export function emptyRuleStats(): RuleStats {
  return { total: 0, byPriority: [0, 0, 0, 0, 0, 0, 0, 0], byRule: {} };
}

export function countAlert(stats: RuleStats, rule: string, priority: Priority): void {
  stats.total++;
  stats.byPriority[priority] = (stats.byPriority[priority] ?? 0) + 1;
  stats.byRule[rule] = (stats.byRule[rule] ?? 0) + 1;
}

// falco_common::format_priority with the short form, upper-cased by the stats manager.
const SHORT_NAMES = ['EMERGENCY', 'ALERT', 'CRITICAL', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

/** The stdout block of falco_engine::print_stats; rules listed in load order, as Falco keeps them by id. */
export function formatRuleStats(stats: RuleStats, ruleOrder: readonly string[]): string {
  let out = `Events detected: ${stats.total}\nRule counts by severity:\n`;
  stats.byPriority.forEach((n, p) => {
    if (n > 0) out += `   ${SHORT_NAMES[p]}: ${n}\n`;
  });
  out += 'Triggered rules by rule name:\n';
  const listed = new Set<string>();
  for (const name of ruleOrder) {
    const n = stats.byRule[name];
    if (n && !listed.has(name)) {
      out += `   ${name}: ${n}\n`;
      listed.add(name);
    }
  }
  // Counters of rules no longer loaded (a restart dropped them) still show, after the rest.
  for (const [name, n] of Object.entries(stats.byRule)) if (n > 0 && !listed.has(name)) out += `   ${name}: ${n}\n`;
  return out;
}

/** The stderr block of the syscall event drop manager; the simulated driver never drops events. */
export function formatDropStats(): string {
  return 'Syscall event drop monitoring:\n   - event drop detected: 0 occurrences\n   - num times actions taken: 0\n';
}
