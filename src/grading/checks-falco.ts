// Judges of the Falco checks: alerts raised (in the learner's lab, or now in a probe copy) and rules as
// Falco would load them from the node's falco.yaml and rules files.

import { createFalcoEngine, enabledPlugins, loadFalcoConfig, priorityName, type RuleSummary } from '../falco';
import type { CheckOf } from '../scenarios/schema';
import { Vfs } from '../vfs';
import { alertsOf, type FalcoAlertRecord } from '../world/falco/alerts';
import type { World } from '../world/world';
import { falcoFindings as found, labFindings, windows, type Finding, type Window } from './findings';
import { brief, type Judges } from './judge';
import { expandRulesEntries } from '../commands/falco/rules-files';

const FALCO_CONFIG = '/etc/falco/falco.yaml';

/** The channels an alert record names that a check's channel word stands for. */
function channelsOf(word: string): string[] {
  return word === 'journal' ? ['stdout', 'syslog'] : [word];
}

function alertMatches(c: CheckOf<'falco-alert'>, a: FalcoAlertRecord): boolean {
  if (a.rule !== c.rule) return false;
  if (c.outputPattern && !new RegExp(c.outputPattern).test(a.line)) return false;
  if (c.channel !== 'any' && !a.channels.some((x) => channelsOf(c.channel).includes(x))) return false;
  if (c.notChannel && a.channels.some((x) => channelsOf(c.notChannel!).includes(x))) return false;
  return true;
}

/** Why no alert passed: none at all for the rule, or the latest one and where it went. */
function alertFinding(c: CheckOf<'falco-alert'>, alerts: FalcoAlertRecord[], window: Window): Finding {
  const forRule = alerts.filter((a) => a.rule === c.rule);
  const last = forRule.at(-1);
  if (!last) {
    if (alerts.length === 0) return found.noAlertAtAll(c.node, window);
    const others = [...new Set(alerts.map((a) => a.rule))];
    return found.noAlertForRule(c.rule, window, others.slice(0, 3));
  }
  return found.latestAlertWent(forRule.length, c.rule, window, last.channels, brief(last.line, 300));
}

/** Falco's view of a node's files: root on the host. */
function rootFs(world: World, node: string): Vfs | null {
  const n = world.nodes[node];
  if (!n) return null;
  return new Vfs({ fsTable: world.fs, mounts: n.mounts, creds: { uid: 0, gid: 0, groups: [0] }, cwd: '/', now: () => world.clock.now });
}

/** The rules Falco would load on the node now (what a restart would run with), or why it would fail. */
export function falcoRulesOn(world: World, node: string): RuleSummary[] | Finding {
  const fs = rootFs(world, node);
  if (!fs) return labFindings.noNode(node);
  let configText: string;
  try {
    configText = fs.readFile(FALCO_CONFIG);
  } catch {
    return labFindings.fileMissing(FALCO_CONFIG, node);
  }
  const cfg = loadFalcoConfig(FALCO_CONFIG, configText);
  if (!cfg.ok) return found.wouldNotStart(cfg.stderr.trim());
  const engine = createFalcoEngine({
    minPriority: cfg.config.priority,
    pluginSources: enabledPlugins(cfg.config).flatMap((p) => (p.name === 'k8saudit' ? ['k8s_audit'] : [])),
  });
  for (const file of expandRulesEntries(fs, cfg.config.rulesFile).files) {
    let text: string;
    try {
      text = fs.readFile(file);
    } catch {
      return found.wouldNotStart(`Could not open file ${file} for reading`);
    }
    const res = engine.loadRulesFile(file, text);
    if (!res.successful) {
      // The verbose report spans lines; its last line is the reason (`LOAD_ERR_YAML_PARSE …: yaml-cpp: …`).
      const reason = res.asString(true).trim().split('\n').at(-1) ?? '';
      return found.wouldNotStart(`${file}: Invalid: ${brief(reason, 300)}`);
    }
  }
  return engine.rules();
}

function ruleField(rule: RuleSummary, field: CheckOf<'falco-rule'>['field']): string {
  switch (field) {
    case 'priority':
      return priorityName(rule.priority);
    case 'enabled':
      return String(rule.enabled);
    case 'tags':
      return rule.tags.join(', ');
    default:
      return rule[field];
  }
}

export const falcoJudges: Judges<'falco-alert' | 'falco-rule'> = {
  'falco-alert': async (c, g) => {
    if (c.afterSeconds !== undefined) {
      // What Falco does now: a copy of the lab runs on, and only the alerts raised meanwhile count.
      const probe = await g.host.probe();
      const start = probe.world.clock.now;
      await probe.advance(c.afterSeconds);
      const fresh = alertsOf(probe.world, c.node, start).filter((a) => a.time > start);
      if (fresh.some((a) => alertMatches(c, a))) return { passed: true };
      return { passed: false, detail: alertFinding(c, fresh, windows.nextSeconds(c.afterSeconds)) };
    }
    const since = c.sinceSetup ? g.setupDoneNs : 0;
    const alerts = alertsOf(g.host.live.world, c.node, since);
    if (alerts.some((a) => alertMatches(c, a))) return { passed: true };
    return { passed: false, detail: alertFinding(c, alerts, c.sinceSetup ? windows.sinceSetup : windows.soFar) };
  },
  'falco-rule': async (c, g) => {
    // Reading sets atime: read in a copy so grading leaves no trace in the learner's lab.
    const rules = falcoRulesOn((await g.host.probe()).world, c.node);
    if (!Array.isArray(rules)) return { passed: false, detail: rules };
    const rule = rules.find((r) => r.name === c.rule);
    if (!rule) return { passed: false, detail: found.noRuleNamed(c.rule) };
    const value = ruleField(rule, c.field);
    return { passed: new RegExp(c.pattern, 'm').test(value), detail: found.ruleField(c.field, brief(value, 300)) };
  },
};
