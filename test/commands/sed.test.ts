import { describe, expect, it } from 'vitest';
import { coreCommands } from '../../src/commands/core-set';
import { miniWorld } from '../helpers/mini-world';
import { captureEvents, inodeAt } from './world-helpers';

const INPUT = 'alpha 1\nbeta 2\ngamma 3\ndelta 4\n';

describe('sed scripts', () => {
  it.each([
    [['sed', 's/a/A/'], 'Alpha 1\nbetA 2\ngAmma 3\ndeltA 4\n'],
    [['sed', 's/a/A/g'], 'AlphA 1\nbetA 2\ngAmmA 3\ndeltA 4\n'],
    [['sed', 's/a/A/2'], 'alphA 1\nbeta 2\ngammA 3\ndelta 4\n'],
    [['sed', '-n', '2p'], 'beta 2\n'],
    [['sed', '-n', '$p'], 'delta 4\n'],
    [['sed', '2,3d'], 'alpha 1\ndelta 4\n'],
    [['sed', '/beta/,/gamma/d'], 'alpha 1\ndelta 4\n'],
    [['sed', '-n', '/^g/p'], 'gamma 3\n'],
    [['sed', '/a 1/!d'], 'alpha 1\n'],
    [['sed', '-E', 's/([a-z]+) ([0-9])/\\2:\\1/'], '1:alpha\n2:beta\n3:gamma\n4:delta\n'],
    [['sed', 's/\\([a-z]*\\) \\([0-9]\\)/\\2-\\1/'], '1-alpha\n2-beta\n3-gamma\n4-delta\n'],
    [['sed', 's/.*/[&]/'], '[alpha 1]\n[beta 2]\n[gamma 3]\n[delta 4]\n'],
    [['sed', 's|a|/|g;3q'], '/lph/ 1\nbet/ 2\ng/mm/ 3\n'],
    [['sed', '-e', '1d', '-e', 's/ //'], 'beta2\ngamma3\ndelta4\n'],
    [['sed', '2i\\inserted'], 'alpha 1\ninserted\nbeta 2\ngamma 3\ndelta 4\n'],
    [['sed', '2a appended'], 'alpha 1\nbeta 2\nappended\ngamma 3\ndelta 4\n'],
    [['sed', '2,3c\\changed'], 'alpha 1\nchanged\ndelta 4\n'],
    [['sed', '-n', '='], '1\n2\n3\n4\n'],
    [['sed', 'y/abc/xyz/'], 'xlphx 1\nyetx 2\ngxmmx 3\ndeltx 4\n'],
    [['sed', '1!G;h;$!d'], 'delta 4\ngamma 3\nbeta 2\nalpha 1\n'],
    [['sed', '$!N;s/\\n/ + /'], 'alpha 1 + beta 2\ngamma 3 + delta 4\n'],
    [['sed', '-n', '2{p;p}'], 'beta 2\nbeta 2\n'],
    [['sed', 's/\\w\\+/\\u&/'], 'Alpha 1\nBeta 2\nGamma 3\nDelta 4\n'],
    [['sed', '0,/a/s//X/'], 'Xlpha 1\nbeta 2\ngamma 3\ndelta 4\n'],
    [['sed', '1~2d'], 'beta 2\ndelta 4\n'],
    [['sed', '2,+1d'], 'alpha 1\ndelta 4\n'],
    [['sed', ':a;s/a//;ta'], 'lph 1\nbet 2\ngmm 3\ndelt 4\n'],
    [['sed', 's/A/x/I'], 'xlpha 1\nbetx 2\ngxmma 3\ndeltx 4\n'],
  ])('%j', async (argv, out) => {
    const w = miniWorld(coreCommands);
    expect(await w.run(argv, { stdin: INPUT })).toEqual({ status: 0, stdout: out, stderr: '' });
  });

  it('keeps a missing final newline', async () => {
    const w = miniWorld(coreCommands);
    expect((await w.run(['sed', 's/a/b/'], { stdin: 'a\na' })).stdout).toBe('b\nb');
    expect((await w.run(['sed', 'p'], { stdin: 'a' })).stdout).toBe('a\na');
  });

  it('q with an exit code stops and exits with it', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['sed', '2q5'], { stdin: INPUT })).toEqual({ status: 5, stdout: 'alpha 1\nbeta 2\n', stderr: '' });
  });
});

describe('sed errors', () => {
  it.each([
    ['s/a/b', "sed: -e expression #1, char 5: unterminated `s' command\n"],
    ['s/a/b/x', "sed: -e expression #1, char 7: unknown option to `s'\n"],
    ['k', 'sed: -e expression #1, char 1: unknown command: `k\'\n'],
    ['/abc', 'sed: -e expression #1, char 4: unterminated address regex\n'],
    ['s/\\(a\\)/\\2/', "sed: -e expression #1, char 11: invalid reference \\2 on `s' command's RHS\n"],
    ['2{p', "sed: -e expression #1, char 3: unmatched `{'\n"],
    ['}', "sed: -e expression #1, char 1: unexpected `}'\n"],
    ['y/ab/c/', "sed: -e expression #1, char 7: strings for `y' command are different lengths\n"],
    ['p x', 'sed: -e expression #1, char 3: extra characters after command\n'],
    ['1', 'sed: -e expression #1, char 1: missing command\n'],
    ['b nolabel', "sed: can't find label for jump to `nolabel'\n"],
  ])('%j → %j', async (script, err) => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['sed', script], { stdin: 'a\n' })).toEqual({ status: 1, stdout: '', stderr: err });
  });

  it('a missing input file is reported, the rest processed, exit 2', async () => {
    const w = miniWorld(coreCommands);
    expect(await w.run(['sed', 's/k/K/', 'nofile', '/etc/hostname'])).toEqual({
      status: 2,
      stdout: 'Kube-worker-1\n',
      stderr: "sed: can't read nofile: No such file or directory\n",
    });
  });
});

describe('sed -i', () => {
  it('writes a temp file beside the original and renames it over (new inode, same mode)', async () => {
    const w = miniWorld(coreCommands);
    w.put('/etc/falco/falco.yaml', { data: 'json_output: false\n', mode: 0o644 });
    const before = inodeAt(w, '/etc/falco/falco.yaml')!.ino;
    const { result, events } = await captureEvents(w, () => w.run(['sed', '-i', 's/false/true/', '/etc/falco/falco.yaml'], { uid: 0 }));
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(w.read('/etc/falco/falco.yaml')).toBe('json_output: true\n');
    const after = inodeAt(w, '/etc/falco/falco.yaml')!;
    expect(after.ino).not.toBe(before);
    expect(after.mode).toBe(0o644);
    const opens = events.filter((e) => e.type === 'openat').map((e) => [String(e.args.name).replace(/sed\w{6}$/, 'sedXXXXXX'), e.args.flags]);
    expect(opens).toContainEqual(['/etc/falco/sedXXXXXX', 'O_RDWR|O_CREAT|O_EXCL']);
    expect(events.some((e) => e.type === 'renameat' && e.args.newpath === '/etc/falco/falco.yaml')).toBe(true);
  });

  it('fails with exit 4 when the directory is not writable', async () => {
    const w = miniWorld(coreCommands);
    w.put('/etc/falco/falco.yaml', { data: 'x\n' });
    const r = await w.run(['sed', '-i', 's/x/y/', '/etc/falco/falco.yaml']);
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/^sed: couldn't open temporary file \/etc\/falco\/sed[A-Za-z0-9]{6}: Permission denied\n$/);
  });

  it('-i.bak keeps a backup', async () => {
    const w = miniWorld(coreCommands);
    w.put('/tmp/f', { data: 'x\n', uid: 1000, gid: 1000 });
    expect((await w.run(['sed', '-i.bak', 's/x/y/', '/tmp/f'])).status).toBe(0);
    expect([w.read('/tmp/f'), w.read('/tmp/f.bak')]).toEqual(['y\n', 'x\n']);
  });
});
