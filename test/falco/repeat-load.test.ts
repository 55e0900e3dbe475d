// Loading a file that adds nothing (the shipped falco_rules.local.yaml) reuses the last compilation, with the same results.
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { execEvent, proc } from './helpers/events';

const COMMENTS_ONLY = '# Your custom rules go here.\n\n# - rule: x\n';
const BASE = `- macro: never_used
  condition: evt.num = 0
- list: shells
  items: [bash, sh]
- rule: Shell
  desc: d
  condition: evt.type = execve and proc.name in (shells)
  output: shell %proc.name
  priority: NOTICE
`;

const shell = execEvent({ proc: proc({ name: 'bash' }) });

describe('loading a file that adds nothing', () => {
  it('reports the compile warnings again, as a recompilation would', () => {
    const eng = createFalcoEngine();
    const first = eng.loadRulesFile('/etc/falco/falco_rules.yaml', BASE);
    expect(first.warnings.map((w) => w.code)).toEqual(['LOAD_UNUSED_MACRO']);
    const local = eng.loadRulesFile('/etc/falco/falco_rules.local.yaml', COMMENTS_ONLY);
    expect(local.warnings).toEqual(first.warnings);
    expect(local.asString(true)).toBe(first.asString(true).replace('/etc/falco/falco_rules.yaml: Ok', '/etc/falco/falco_rules.local.yaml: Ok'));
    expect(eng.process(shell)?.rule).toBe('Shell');
  });

  it('still recompiles after a file that changes something', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile('/a.yaml', BASE);
    eng.loadRulesFile('/b.yaml', COMMENTS_ONLY);
    expect(eng.loadRulesFile('/c.yaml', '- rule: Shell\n  enabled: false\n').successful).toBe(true);
    expect(eng.process(shell)).toBeNull();
    expect(eng.loadRulesFile('/d.yaml', '- list: shells\n  items: [zsh]\n  append: true\n- rule: Shell\n  enabled: true\n').successful).toBe(true);
    expect(eng.process(execEvent({ proc: proc({ name: 'zsh' }) }))?.rule).toBe('Shell');
  });

  it('recompiles after a failed file that changed items before failing', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile('/a.yaml', BASE);
    // The condition is appended before the bad exception is found (Falco keeps the append).
    const bad = '- rule: Shell\n  condition: and proc.tty != 0\n  append: true\n  exceptions:\n    - name: e\n      values: [[x]]\n';
    expect(eng.loadRulesFile('/b.yaml', bad).successful).toBe(false);
    expect(eng.loadRulesFile('/c.yaml', COMMENTS_ONLY).successful).toBe(true);
    expect(eng.rules().find((r) => r.name === 'Shell')?.condition).toContain('proc.tty != 0');
  });
});
