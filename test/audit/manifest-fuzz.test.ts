// Fuzzing the kube-apiserver manifest as a learner's editor can leave it: the shipped kubeadm file and the
// exercise-3 version, with lines deleted, duplicated, swapped, re-indented, sprinkled with stray
// characters, volumes dropped and flags rewritten, go through the kubelet's static-pod decode and Pod
// validation, its hostPath set-up, the apiserver's flag parsing, option validation and audit boot. Nothing
// may throw, and every failure must read as the kubelet's or the API server's own message. Mutated real
// policy files and flag lists go through the policy loader and the flag parser the same way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goAggregate, loadAuditPolicy, parseApiServerCommand, validateAuditConfig } from '../../src/audit';
import { decodeStaticPod } from '../../src/kube/kubelet/static-pods';
import { EXERCISE_POLICY } from '../helpers/audit-exercise';
import { controlPlane, POLICY_PATH, type PodDoc } from '../kube-audit/harness';
import { BASES, FLAG_TEXT, mutate, MUTATED_MANIFEST, MUTATED_POLICY, NOISE_POLICY, type Mutation } from '../kube-audit/manifest-mutations';
import { exercisePod } from '../kube-audit/world';
import { kubeLab } from '../kube/harness';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const NODE = 'kube-control-plane';

// ---------------------------------------------------------------- what a failure may say

/** The kubelet's `err=` for a manifest it cannot use (file.go "Could not process manifest file"). */
const KUBELET_DECODE = [/^\/etc\/kubernetes\/manifests\/kube-apiserver\.yaml: couldn't parse as pod\(.*\), please check config file$/s, /^invalid pod: \[.+\]$/s];
/** MountVolume.SetUp errors of a hostPath volume (or the other plugins a mutation can turn it into). */
const VOLUME_SETUP = [
  /^hostPath type check failed: .* is not (a directory|a file|a socket file|a character device|a block device)$/s,
  /^(failed to mkdir ".*": )?(mkdir|open|stat) .*: (not a directory|no such file or directory|is a directory|permission denied|read-only file system|file exists|too many levels of symbolic links|file name too long)$/s,
  /^(configmap|secret|persistentvolumeclaim) ".*" not found$/s,
];
/** cobra/pflag's one line before klog starts. */
const FLAG_ERROR = /^Error: (unknown flag: |unknown shorthand flag: |invalid argument ".*" for ".*" flag: |flag needs an argument: |bad flag syntax: |"kube-apiserver" does not take any arguments, got )/s;
/** Options.Validate(), one message or Go's aggregate of several. */
const OPTION_ERROR = /^\[?(invalid audit (log|webhook|batch|truncate) |--audit-log-max(age|backup|size) -?\d+ can't be a negative number|invalid group version)/;
/** AuditOptions.ApplyTo: the policy, the log file, the webhook kubeconfig. */
const BOOT_ERROR = /^(loading audit policy file: |ensureLogFile: |initializing audit webhook: )/;

const matchesOne = (patterns: RegExp[], text: string): boolean => patterns.some((p) => p.test(text));

type Outcome = 'invalid-manifest' | 'volume-failed' | 'not-apiserver' | 'flag-error' | 'help-or-version' | 'invalid-options' | 'boot-failed' | 'serving';

/** One start of the static pod from `text`, checking each failure's wording where it happens. */
function startFrom(text: string, policy = EXERCISE_POLICY): Outcome {
  const decoded = decodeStaticPod(MANIFEST, text, NODE, '2023-01-19T20:02:18Z');
  if (!decoded.pod) {
    expect(decoded.error, 'kubelet decode error').toSatisfy((e: string) => matchesOne(KUBELET_DECODE, e));
    return 'invalid-manifest';
  }
  const cp = controlPlane();
  cp.put(POLICY_PATH, policy);
  const out = cp.boot(decoded.pod as unknown as PodDoc);
  if (out.stage === 'volumes') {
    expect(out.error, 'volume set-up error').toSatisfy((e: string) => matchesOne(VOLUME_SETUP, e));
    return 'volume-failed';
  }
  if (out.stage === 'exec') return 'not-apiserver';
  // The kube-apiserver program parses its flags first (src/kube/programs.ts), then the boot hook again.
  const parsed = parseApiServerCommand(out.argv);
  if (parsed.kind === 'error') {
    expect(parsed.stderr).toMatch(FLAG_ERROR);
    expect(out.result).toEqual({ ok: false, error: parsed.stderr.replace(/^Error: /, '') });
    return 'flag-error';
  }
  if (parsed.kind !== 'ok') return 'help-or-version';
  const invalid = validateAuditConfig(parsed.audit);
  if (invalid.length > 0) {
    expect(goAggregate(invalid)).toMatch(OPTION_ERROR);
    expect(out.result).toEqual({ ok: false, error: goAggregate(invalid) });
    return 'invalid-options';
  }
  if (!out.result.ok) {
    expect(out.result.error).toMatch(BOOT_ERROR);
    return 'boot-failed';
  }
  return 'serving';
}

// ---------------------------------------------------------------- properties

describe('mutated kube-apiserver manifests', () => {
  it('the unmutated bases start: auditing off, and the exercise-3 configuration', () => {
    expect(BASES.map((b) => startFrom(b))).toEqual(['serving', 'serving']);
  });

  it.each([
    ['delete', { op: 'delete', at: 13 } as Mutation, 'invalid-manifest'],
    ['a tab', { op: 'indent', at: 20, by: 0, tab: true } as Mutation, 'invalid-manifest'],
    ['a misspelt flag', { op: 'flag', at: 0, text: '--audit-log-pat=/x', replace: false } as Mutation, 'flag-error'],
    ['a volume dropped but still mounted', { op: 'drop-volume', at: 6, mountToo: false } as Mutation, 'invalid-manifest'],
    ['a volume dropped with its mount', { op: 'drop-volume', at: 5, mountToo: true } as Mutation, 'boot-failed'],
  ])('the mutation helpers do what they say: %s', (_name, m, outcome) => {
    expect(startFrom(mutate(BASES[1]!, m))).toBe(outcome);
  });

  it('never throw; every failure is the kubelet’s or the API server’s message', () => {
    fc.assert(
      fc.property(MUTATED_MANIFEST, (text) => {
        startFrom(text);
      }),
      { numRuns: 150 },
    );
  });

  it('reach every stage of a start (a fixed sample, so the claim above covers what it says)', () => {
    const seen = new Set(fc.sample(MUTATED_MANIFEST, { numRuns: 150, seed: 4 }).map((text) => startFrom(text)));
    expect([...seen].sort()).toEqual(expect.arrayContaining(['boot-failed', 'flag-error', 'invalid-manifest', 'invalid-options', 'serving', 'volume-failed']));
  });

  it('with a mutated policy file: the boot loads it or fails with the loader’s message', () => {
    fc.assert(
      fc.property(MUTATED_POLICY, (policy) => {
        expect(['serving', 'boot-failed']).toContain(startFrom(BASES[1]!, policy));
      }),
      { numRuns: 40 },
    );
  });

  it('a YAML bomb is refused as a manifest that does not parse', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]},*${'abcdefghi'[i]}]`)].join('\n');
    const started = performance.now();
    const r = decodeStaticPod(MANIFEST, `${bomb}\n${BASES[0]}`, NODE, '2023-01-19T20:02:18Z');
    expect(r.pod).toBeNull();
    expect(r.error).toBe(`${MANIFEST}: couldn't parse as pod(yaml: document contains excessive aliasing), please check config file`);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('mutated real files through the policy loader and the flag parser', () => {
  it('the unmutated policies load without warnings', () => {
    for (const text of [EXERCISE_POLICY, NOISE_POLICY]) expect(loadAuditPolicy(text, POLICY_PATH)).toMatchObject({ ok: true, warnings: [] });
  });

  it('loadAuditPolicy on the exercise policy, mutated: a policy or `loading audit policy file: …: from file PATH`', () => {
    fc.assert(
      fc.property(MUTATED_POLICY, (text) => {
        const r = loadAuditPolicy(text, POLICY_PATH);
        if (!r.ok) expect(r.error).toMatch(new RegExp(`^loading audit policy file: .+: from file ${POLICY_PATH}$`, 's'));
      }),
      { numRuns: 200 },
    );
  });

  it('parseApiServerCommand on the shipped flag list with flags rewritten, dropped and duplicated', () => {
    const shipped = (exercisePod().spec.containers[0].command as string[]).slice();
    const edit = fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete', 'duplicate'), FLAG_TEXT), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(edit, (edits) => {
        const argv = shipped.slice();
        for (const [n, op, text] of edits) {
          const i = 1 + (n % (argv.length - 1 || 1));
          if (op === 'replace') argv[i] = text;
          else if (op === 'insert') argv.splice(i, 0, text);
          else if (op === 'delete' && argv.length > 1) argv.splice(i, 1);
          else argv.splice(i, 0, argv[i] ?? text);
        }
        const r = parseApiServerCommand(argv);
        if (r.kind === 'error') expect(r.stderr).toMatch(FLAG_ERROR);
        else if (r.kind === 'ok') {
          const invalid = validateAuditConfig(r.audit);
          if (invalid.length > 0) expect(goAggregate(invalid)).toMatch(OPTION_ERROR);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('mutated manifests in a running lab', () => {
  it('the kubelet and the API server survive a learner saving one broken edit after another', async () => {
    const lab = kubeLab();
    const root = lab.kernel.vfsFor(NODE, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
    root.mkdir('/etc/kubernetes/audit');
    root.mkdir('/etc/kubernetes/audit/rules');
    root.writeFile(POLICY_PATH, EXERCISE_POLICY);
    const node = lab.world.nodes[NODE]!;
    const seen = { refused: 0, volume: 0, exited: 0 };
    for (const text of fc.sample(MUTATED_MANIFEST, { numRuns: 15, seed: 3 })) {
      const since = lab.world.clock.now;
      const journalFrom = node.journal.length;
      root.writeFile(MANIFEST, text);
      lab.cluster.kubelets.get(NODE)!.rescanManifests();
      await lab.advance(25);
      // What `journalctl -u kubelet` shows since the edit.
      for (const e of node.journal.slice(journalFrom).filter((x) => x.unit === 'kubelet.service')) {
        const err = /"Could not process manifest file" err="((?:[^"\\]|\\.)*)"/.exec(e.message)?.[1];
        if (err !== undefined) {
          seen.refused++;
          expect(JSON.parse(`"${err}"`)).toSatisfy((x: string) => matchesOne(KUBELET_DECODE, x));
        }
        const setUp = / Error: MountVolume\.SetUp failed for volume "[^"]*" \(UniqueName: "[^"]*"\) pod "[^"]*" \(UID: "[^"]*"\) : (.*)$/s.exec(e.message)?.[1];
        if (setUp !== undefined) {
          seen.volume++;
          expect(setUp).toSatisfy((x: string) => matchesOne(VOLUME_SETUP, x));
        }
      }
      // What `crictl logs` shows for a kube-apiserver container of this edit that exited 1.
      for (const c of Object.values(node.containers).filter((x) => x.name === 'kube-apiserver' && x.createdAt >= since && x.state === 'exited' && x.exitCode === 1)) {
        seen.exited++;
        const last = (lab.read(NODE, c.logPath) ?? '').trim().split('\n').at(-1)!.replace(/^\S+ stderr F /, '');
        const failed = /run\.go:74\] "command failed" err="((?:[^"\\]|\\.)*)"$/.exec(last)?.[1];
        if (failed !== undefined) expect(JSON.parse(`"${failed}"`)).toSatisfy((x: string) => OPTION_ERROR.test(x) || BOOT_ERROR.test(x));
        else expect(last).toMatch(FLAG_ERROR);
      }
    }
    // The fixed sample reaches each place a failure shows, so the checks above are not vacuous.
    expect(seen.refused).toBeGreaterThan(0);
    expect(seen.volume).toBeGreaterThan(0);
    expect(seen.exited).toBeGreaterThan(0);
  });
});
