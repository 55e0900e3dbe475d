import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/commands/lib/args';
import { parseDateSpec } from '../../src/commands/lib/datespec';
import { FindSyntaxError, parseFind } from '../../src/commands/lib/find-expr';
import { applyChmodMode } from '../../src/commands/lib/mode';
import { formatPrintf } from '../../src/commands/lib/printf-format';
import { REGEX_ERRORS, translateRegex } from '../../src/commands/lib/regex';
import { parseSed, SedError } from '../../src/commands/lib/sed-parse';
import { base64Decode, base64Encode } from '../../src/commands/lib/base64';
import { coreCommands } from '../../src/commands/core-set';
import { miniWorld } from '../helpers/mini-world';

const regexy = fc.stringMatching(/^[a-z.*+?()[\]{}|\\^$:0-9-]{0,16}$/);
const KNOWN_ERRORS = new Set<string>(Object.values(REGEX_ERRORS));

describe('malformed input never escapes as an exception', () => {
  it('regex translation yields a compilable RegExp or a GNU error text', () => {
    fc.assert(
      fc.property(regexy, fc.constantFrom('basic', 'extended'), (src, dialect) => {
        const r = translateRegex(src, dialect as 'basic' | 'extended');
        if (r.ok) {
          try {
            new RegExp(r.source);
          } catch {
            // A construct JS rejects is reported by compileRegex; the translation itself must not throw.
          }
        } else expect(KNOWN_ERRORS.has(r.error)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('sed scripts parse or fail with a SedError', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9$,/!{};spdgqaicyhHxnN=\\ a-z]{0,20}$/), (script) => {
        try {
          parseSed(script, { dialect: 'basic', where: '-e expression #1' });
        } catch (e) {
          expect(e).toBeInstanceOf(SedError);
          expect((e as Error).message).toMatch(/^-e expression #1, char \d+: /);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('find expressions parse or fail with a FindSyntaxError', () => {
    const token = fc.constantFrom('-name', '*.yaml', '-type', 'f', 'z', '-o', '!', '(', ')', '-maxdepth', '2', '-exec', 'cat', '{}', ';', '-foo', 'path');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (tokens) => {
        try {
          parseFind(tokens, { maxdepth: Infinity, mindepth: 0, depthFirst: false, follow: false });
        } catch (e) {
          expect(e).toBeInstanceOf(FindSyntaxError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('printf formats, chmod modes, option lists and dates never throw', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }), (fmt, args) => {
        formatPrintf(fmt, args);
        applyChmodMode(fmt, 0o644, false);
        parseArgs([fmt, ...args], { short: 'ab:c::', long: { all: { key: 'a', arg: 'none' }, block: { key: 'b', arg: 'required' } } });
        parseDateSpec(fmt, 0, 0);
      }),
      { numRuns: 500 },
    );
  });

  it('base64 decoding inverts encoding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
      }),
    );
  });

  it('sed and grep report any pattern as output or an error message, never an internal error', async () => {
    const w = miniWorld(coreCommands);
    await fc.assert(
      fc.asyncProperty(regexy, async (pat) => {
        for (const argv of [['grep', pat], ['grep', '-E', pat], ['sed', `s/${pat.replace(/\//g, '')}/x/`]]) {
          const r = await w.run(argv, { stdin: 'abc\n(x)\n' });
          expect(r.stderr).not.toContain('internal error');
        }
      }),
      { numRuns: 150 },
    );
  });
});
