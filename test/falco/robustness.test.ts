// Malformed rules files and configs produce results, never exceptions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadFalcoConfig } from '../../src/falco/config/falco-config';
import { createFalcoEngine } from '../../src/falco/engine';
import { compileOutputFormat } from '../../src/falco/output/format';
import { syscallFields } from '../../src/falco/fields/syscall';

const yamlish = fc.array(
  fc.constantFrom('- ', 'rule: ', 'macro: ', 'list: ', 'condition: ', 'items: ', 'output: ', 'priority: ', 'desc: ', 'append: true', 'enabled: false',
    'exceptions:', 'fields: ', 'values: ', '[', ']', '{', '}', ', ', '\n', '  ', 'x', 'evt.type = open', 'proc.name in (a, b)', '"', "'", ':', 'INFO', '%proc.name', '~', '#', '---\n'),
  { maxLength: 40 },
).map((parts) => parts.join(''));

describe('never throws', () => {
  it('on arbitrary rules text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        const r = createFalcoEngine().loadRulesFile('/r.yaml', text);
        expect(typeof r.asString(true)).toBe('string');
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary falco.yaml text and -o options', () => {
    fc.assert(
      fc.property(yamlish, fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }), (text, opts) => {
        const r = loadFalcoConfig('/etc/falco/falco.yaml', text, opts);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });

  it('on arbitrary output formats', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('%', 'proc.name', 'evt.arg', '.', '[', ']', '1', ' ', 'x', 'fd.net', 'container.info') }), (fmt) => {
        expect(typeof compileOutputFormat(fmt, syscallFields()).ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });
});
