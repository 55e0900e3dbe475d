// Pure pieces behind the falco program and `cks-lab falco`: stop statistics, -V summaries, --list.
import { describe, expect, it } from 'vitest';
import { countAlert, emptyRuleStats, formatRuleStats } from '../../src/falco/app/rule-stats';
import { validateRulesFiles } from '../../src/falco/app/validate';
import { createFalcoEngine } from '../../src/falco/engine';
import { formatFieldsList } from '../../src/falco/output/fields-list';
import { syscallFields } from '../../src/falco/fields/syscall';
import { asctime, isoStamp } from '../../src/commands/falco/logger';
import type { FieldRegistry } from '../../src/falco/fields/types';

const RULE = (name: string, cond = 'evt.type = execve') => `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: o\n  priority: INFO\n`;

describe('stop statistics', () => {
  it('counts by severity and by rule in load order, as Falco prints them', () => {
    const s = emptyRuleStats();
    countAlert(s, 'B', 3);
    countAlert(s, 'A', 6);
    countAlert(s, 'B', 3);
    expect(formatRuleStats(s, ['A', 'B'])).toBe('Events detected: 3\nRule counts by severity:\n   ERROR: 2\n   INFO: 1\nTriggered rules by rule name:\n   A: 1\n   B: 2\n');
    expect(formatRuleStats(emptyRuleStats(), [])).toBe('Events detected: 0\nRule counts by severity:\nTriggered rules by rule name:\n');
  });
});

describe('validateRulesFiles', () => {
  it('keeps loading after an invalid file and reports the summary as the error', () => {
    const out = validateRulesFiles(createFalcoEngine(), [{ name: 'a', content: '- rule: X\n' }, { name: 'b', content: RULE('Y') }], { json: false, verbose: false, plugins: [] });
    expect(out.stdout.startsWith('a: Invalid\n1 Errors:\n')).toBe(true);
    expect(out.stdout.endsWith("\nb: Ok\n")).toBe(true);
    expect(out.error).toBe(out.stdout.slice(0, -1));
    expect(out.results.map((r) => r.successful)).toEqual([false, true]);
  });

  it('reports a clean run with no error', () => {
    const out = validateRulesFiles(createFalcoEngine(), [{ name: 'a', content: RULE('Y') }], { json: true, verbose: false, plugins: [] });
    expect(out.error).toBeNull();
    expect(out.stdout).toBe('{"falco_load_results":[{"errors":[],"name":"a","successful":true,"warnings":[]}]}\n');
  });
});

describe('--list', () => {
  it('groups fields by class and wraps descriptions at column 30', () => {
    const out = formatFieldsList(new Map([['syscall', syscallFields() as unknown as FieldRegistry<unknown>]]), { source: '', verbose: false, namesOnly: false });
    expect(out.startsWith('-------------------------------\nField Class:                  evt\nDescription:                  These fields can be used for all event types \nEvent Sources:                syscall \n\n')).toBe(true);
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(121);
  });
});

describe('falco_logger timestamps', () => {
  it.each([
    [Date.UTC(2023, 0, 24, 17, 55, 3), 'Tue Jan 24 17:55:03 2023', '2023-01-24T17:55:03+0000'],
    [Date.UTC(2023, 1, 5, 9, 3, 7), 'Sun Feb  5 09:03:07 2023', '2023-02-05T09:03:07+0000'],
  ])('%s', (ms, asc, iso) => {
    expect(asctime(new Date(ms))).toBe(asc);
    expect(isoStamp(new Date(ms))).toBe(iso);
  });
});
