// The engine's rule index (per-type slots, value index, generated matchers) decides exactly like trying every rule in order.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CompiledRule } from '../../src/falco/compiler/compile-rules';
import type { Slot } from '../../src/falco/compiler/slot';
import { compileSlot } from '../../src/falco/compiler/slot';
import { createFalcoEngine } from '../../src/falco/engine';
import type { FalcoSyscallEvent } from '../../src/falco/event';
import { syscallFields } from '../../src/falco/fields/syscall';
import type { FieldRegistry } from '../../src/falco/fields/types';
import { fileFd, openEvent, proc } from './helpers/events';
import { syscallEvent } from './helpers/random-events';
import { compiledSyscallRules, referenceMatch } from './helpers/reference-eval';

const asset = (name: string): string => readFileSync(new URL(`../../assets/falco/${name}`, import.meta.url), 'utf8');
const FILES = [
  { name: '/etc/falco/falco_rules.yaml', content: asset('falco_rules.yaml') },
  { name: '/etc/falco/rules.d/application_rules.yaml', content: asset('rules.available/application_rules.yaml') },
];
const RULES = compiledSyscallRules(FILES);

function shippedEngine() {
  const eng = createFalcoEngine();
  for (const f of FILES) expect(eng.loadRulesFile(f.name, f.content).errors).toEqual([]);
  return eng;
}

/** Slots built directly, generated or as closures, the way the engine builds them per type and direction. */
function slotMatcher(generate: boolean): (e: FalcoSyscallEvent) => string | null {
  const fields = syscallFields() as unknown as FieldRegistry<unknown>;
  const slots = new Map<string, Slot<CompiledRule>>();
  return (e) => {
    const key = `${e.evt.type}${e.evt.dir}`;
    let slot = slots.get(key);
    if (!slot) {
      const admitted = RULES.filter((r) => r.enabled && r.evtTypes.negated !== r.evtTypes.names.has(e.evt.type)).map((r) => ({ rule: r, expr: r.expr }));
      slot = compileSlot(admitted, { type: e.evt.type, dir: e.evt.dir }, fields, { generate });
      slots.set(key, slot);
    }
    const i = slot.match(e);
    return i < 0 ? null : slot.rules[i].name;
  };
}

describe('rule index', () => {
  it('matches the first rule in load order whose whole condition holds, for random events', () => {
    const eng = shippedEngine();
    const generated = slotMatcher(true);
    const closures = slotMatcher(false);
    const fired = new Set<string>();
    fc.assert(
      fc.property(syscallEvent, (e) => {
        const want = referenceMatch(RULES, e);
        if (want) fired.add(want);
        expect(eng.process(e)?.rule ?? null).toBe(want);
        expect(generated(e)).toBe(want);
        expect(closures(e)).toBe(want);
      }),
      { numRuns: 4000 },
    );
    // The events are built to reach many rules, not only their common negative case.
    expect(fired.size).toBeGreaterThan(20);
  });

  it('honours -D/-T/-t selections made after events were indexed', () => {
    const eng = shippedEngine();
    const events = fc.sample(syscallEvent, { numRuns: 1500, seed: 7 });
    for (const e of events) eng.process(e);
    eng.selectRules({ disableTags: ['container'] });
    const kept = RULES.filter((r) => !r.tags.includes('container'));
    for (const e of events) expect(eng.process(e)?.rule ?? null).toBe(referenceMatch(kept, e));
  });

  it('sees edits to an event object between calls (cached field values never go stale)', () => {
    const eng = shippedEngine();
    const e = openEvent('/tmp/x', 'O_RDONLY', { proc: proc({ name: 'python3', args: ['steal.py'] }) });
    expect(eng.process(e)).toBeNull();
    e.fd = fileFd('/etc/shadow');
    expect(eng.process(e)?.rule).toBe('Read sensitive file untrusted');
    e.evt.args = { ...e.evt.args, flags: 'O_WRONLY|O_CREAT' };
    expect(eng.process(e)?.rule).toBe(referenceMatch(RULES, e));
    e.fd.name = '/tmp/y';
    expect(eng.process(e)).toBeNull();
    const shell = fc.sample(syscallEvent, { numRuns: 300, seed: 11 }).filter((x) => x.proc !== null);
    for (const x of shell) {
      eng.process(x);
      x.proc?.args.push('-e');
      if (x.fd) x.fd.sip = '169.254.169.254';
      expect(eng.process(x)?.rule ?? null).toBe(referenceMatch(RULES, x));
    }
  });

  it.each([
    ['nearly every event has a new path (the value index gives up)', 1, 12000],
    ['paths recur a few times but exceed the index memory (it starts over)', 5, 22000],
  ])('stays exact when %s', (_, repeat, count) => {
    const eng = shippedEngine();
    for (let n = 0; n < count; n++) {
      const i = Math.floor(n / repeat);
      const dir = ['/etc', '/tmp', '/root', '/usr/bin', '/home/alice'][i % 5];
      const e = openEvent(`${dir}/f${i}`, i % 3 ? 'O_WRONLY|O_CREAT' : 'O_RDONLY', { proc: proc({ name: i % 7 ? `tool${i % 50}` : 'bash' }) });
      expect(eng.process(e)?.rule ?? null).toBe(referenceMatch(RULES, e));
    }
  });

  it('stays exact for events of unusual types and directions beyond the index limits', () => {
    const eng = createFalcoEngine();
    const file = '- rule: any type\n  desc: d\n  condition: proc.name = zzz\n  output: o %evt.type\n  priority: INFO\n  warn_evttypes: false\n';
    expect(eng.loadRulesFile('/r.yaml', file).errors).toEqual([]);
    for (let i = 0; i < 1100; i++) {
      const e = openEvent('/tmp/x', 'O_RDONLY', { type: `type${i}`, proc: proc({ name: i % 2 ? 'zzz' : 'a' }) });
      expect(eng.process(e)?.rule ?? null).toBe(i % 2 ? 'any type' : null);
    }
    const odd = openEvent('/tmp/x', 'O_RDONLY', { proc: proc({ name: 'zzz' }) });
    (odd.evt as { dir: string }).dir = '?';
    expect(eng.process(odd)?.rule).toBe('any type');
  });
});
