import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShell, type ParseOutcome } from '../../src/shell';

const SAMPLES = [
  'while true; do echo "attacker intrusion" >> /etc/threat; sleep 5; done',
  'if [ ! -d /var/config ]; then mkdir -p /var/config; fi; while true; do echo $RANDOM | md5sum | head -c 20 >> /var/config/hash.txt; sleep 20; done',
  "cat <<EOF > f\nhello ${USER:-x} $(date)\nEOF\nsudo tee -a f <<'EOF'\n- rule: x\nEOF",
  "kubectl get pod malicious -o jsonpath='{.spec.containers[0].args}'",
  'case "$1" in a|b) echo `pwd`;; *) f() { (( i++ )); [[ -n $x ]]; };; esac',
];

const TOKENS = ['if', 'then', 'fi', 'do', 'done', 'case', 'esac', 'in', '{', '}', '(', ')', '((', '))', '[[', ']]', '|', '&&', '||', ';', ';;', '&', '<<', '<<-', '<<<', '>', '2>&1', '"', "'", '`', '$(', '${', '$((', '\\', '\n', '#', '=', 'EOF', 'x', ' '];

function settle(r: ParseOutcome): void {
  const done = r.status === 'incomplete' ? r.atEof : r;
  expect(['ok', 'error']).toContain(done.status);
  if (done.status === 'error') expect(done.error.kind === 'unexpected-token' && done.error.token.startsWith('internal error')).toBe(false);
}

describe('parser robustness', () => {
  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        settle(parseShell(s, { aliases: { k: 'kubectl', l: 'ls | ' } }));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on shell-token soup', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (toks) => {
        settle(parseShell(toks.join('')));
        settle(parseShell(toks.join(' ')));
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on mutations of real command lines', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLES),
        fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.constantFrom(...TOKENS)), { maxLength: 6 }),
        (sample, edits) => {
          let s = sample;
          for (const [pos, kind, tok] of edits) {
            const at = pos % (s.length + 1);
            if (kind === 0) s = s.slice(0, at) + s.slice(at + 1);
            else if (kind === 1) s = s.slice(0, at) + tok + s.slice(at);
            else if (kind === 2) s = s.slice(0, at);
            else s = s.slice(at);
          }
          settle(parseShell(s));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('every prefix of a valid script is ok, an error, or incomplete', () => {
    for (const sample of SAMPLES) {
      for (let i = 0; i <= sample.length; i++) settle(parseShell(sample.slice(0, i)));
    }
  });
});
