// Arbitrary input never throws out of the falco command line parser or the replay reader.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFalcoArgs } from '../../src/commands/falco/options';
import { readReplayLine } from '../../src/falco/app/replay-event';
import { createFalcoEngine } from '../../src/falco/engine';

const FIELD_NAMES = ['evt.type', 'evt.time', 'evt.arg.flags', 'fd.name', 'fd.sip', 'proc.name', 'proc.args', 'proc.cmdline', 'proc.aname[2]', 'user.name', 'container.id', 'container.image', 'k8s.ns.name', 'x.y'];

describe('robustness', () => {
  it('parseFalcoArgs returns a result for any argv', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('-c', '-o', '--list', '-M', '-pc', '--option=', '-r', '-V', '--', '-'))), (argv) => {
        const r = parseFalcoArgs(argv);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('readReplayLine returns a result for any text and any flat field map', () => {
    fc.assert(
      fc.property(fc.string(), (line) => {
        expect(typeof readReplayLine(line, 1, null).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue()), (obj) => {
        expect(typeof readReplayLine(JSON.stringify(obj), 1, { s: 1, ns: 0 }).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('the engine matches any replayed event without throwing', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile('r.yaml', '- rule: R\n  desc: d\n  condition: evt.type in (openat, execve) and (fd.name startswith /etc or proc.aname[2] = sh or user.name = root or fd.sip = 10.0.0.1)\n  output: "%proc.cmdline %fd.name %user.name %container.info %proc.aname[2] %fd.sip"\n  priority: INFO\n');
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...FIELD_NAMES), fc.jsonValue()), fc.constantFrom('openat', 'execve'), (obj, type) => {
        const r = readReplayLine(JSON.stringify({ ...obj, 'evt.type': type }), 1, null);
        if (r.ok && r.value.source === 'syscall') eng.process(r.value.event);
      }),
      { numRuns: 300 },
    );
  });
});
