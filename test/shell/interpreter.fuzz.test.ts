import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FakeHost, run } from './fake-host';

const TOKENS = [
  'echo', 'argv', 'true', 'false', 'cat', 'x', '$x', '"$@"', '${x:-d}', '${#x}', '$((1+x))', '$(echo a)', '`echo b`',
  'x=1', 'if', 'then', 'fi', 'for', 'in', 'do', 'done', 'while', 'case', 'esac', ')', '(', '{', '}', ';', ';;', '|', '&&',
  '||', '&', '>', '>>', '<', '2>&1', '/tmp/f', '<<EOF', 'EOF', '\n', '"', "'", '*', '[', ']', 'f()', 'return', 'break',
  'exit', 'set', '-e', '-u', 'read', 'shift', 'local', 'export', 'unset', 'eval', '\\', '!', '[[', ']]', '((', '))',
];

describe('interpreter robustness', () => {
  it('runs token soup without internal errors', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TOKENS), { maxLength: 25 }), async (toks) => {
        const host = new FakeHost();
        const timer = setTimeout(() => host.controller.abort(2), 100);
        try {
          const r = await run(toks.join(' '), { host, mode: 'script', argv0: 'fuzz' });
          expect(r.stderr).not.toContain('internal error');
          expect(Number.isInteger(r.status)).toBe(true);
        } finally {
          clearTimeout(timer);
        }
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
