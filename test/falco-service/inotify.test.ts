// inotify as Falco 0.33.1's watch_config_files uses it: which file operations queue events on the
// watched inodes, and that each one signals the owner.
import { describe, expect, it } from 'vitest';
import { inotifyInit, SIGIO, type InotifyEvent, type InotifyMask, type InotifyWatchState } from '../../src/world/falco/inotify';
import { asRoot, falcoWorld, NODE } from './falco-world';

const RULES = '/etc/falco/falco_rules.local.yaml';
const FOLDER = '/etc/falco/rules.d';

interface Watching {
  events: InotifyEvent[];
  /** What the watched file held when each event was queued. */
  contents: (string | null)[];
  watches: InotifyWatchState[];
  close(): void;
}

function watch(m: ReturnType<typeof falcoWorld>, specs: [string, InotifyMask[], boolean][], watches: InotifyWatchState[] = []): Watching {
  const events: InotifyEvent[] = [];
  const contents: (string | null)[] = [];
  const inotify = inotifyInit(m.kernel, NODE, {
    ownerPid: 424242,
    watches,
    onEvent: (e) => {
      events.push(e);
      contents.push(m.read(RULES));
    },
  });
  for (const [path, mask, oneshot] of specs) expect(typeof inotify.addWatch(path, mask, oneshot)).toBe('number');
  return { events, contents, watches, close: () => inotify.close() };
}

const rulesFileWatch: [string, InotifyMask[], boolean] = [RULES, ['IN_CLOSE_WRITE'], true];
const folderWatch: [string, InotifyMask[], boolean] = [FOLDER, ['IN_CREATE', 'IN_DELETE'], true];
const masks = (w: Watching): string[] => w.events.map((e) => (e.name ? `${e.mask} ${e.name}` : e.mask));

describe('inotify on a rules file (IN_CLOSE_WRITE | IN_ONESHOT)', () => {
  it.each([
    ['an append through a redirection', `echo '# x' >> ${RULES}`],
    ['tee -a', `echo '# x' | tee -a ${RULES} > /dev/null`],
    ['cat > (truncate and write)', `printf '# new\\n' > ${RULES}`],
    ['touch of the existing file', `touch ${RULES}`],
    ['cp over it (same inode)', `cp /etc/hostname /tmp/h && cp /tmp/h ${RULES}`],
  ])('%s queues IN_CLOSE_WRITE when the file is closed, then IN_IGNORED', async (_, line) => {
    const m = falcoWorld();
    const w = watch(m, [rulesFileWatch]);
    await asRoot(m, line);
    expect(masks(w)).toEqual(['IN_CLOSE_WRITE', 'IN_IGNORED']);
    // Queued at close(2): the data is already in the file.
    expect(w.contents[0]).toBe(m.read(RULES));
    expect(w.watches).toEqual([]);
  });

  it.each([
    ['sed -i (a new file renamed over it)', `sed -i 's/^#/# /' ${RULES}`],
    ['mv over it', `echo '# x' > /tmp/n && mv /tmp/n ${RULES}`],
    ['rm', `rm ${RULES}`],
  ])('%s frees the watched inode: only IN_IGNORED', async (_, line) => {
    const m = falcoWorld();
    const w = watch(m, [rulesFileWatch]);
    await asRoot(m, line);
    expect(masks(w)).toEqual(['IN_IGNORED']);
  });

  it("vim's rename-and-write is seen when the backup (the old inode) is deleted", async () => {
    const m = falcoWorld();
    const w = watch(m, [rulesFileWatch]);
    await asRoot(m, `mv ${RULES} ${RULES}~ && printf '# edited\\n' > ${RULES}`);
    expect(w.events).toEqual([]);
    await asRoot(m, `rm ${RULES}~`);
    expect(masks(w)).toEqual(['IN_IGNORED']);
    expect(w.contents[0]).toBe('# edited\n');
  });

  it('reading, a write elsewhere and a same-named file in a container queue nothing', async () => {
    const m = falcoWorld();
    const w = watch(m, [rulesFileWatch]);
    await asRoot(m, `cat ${RULES} > /dev/null; echo x > /tmp/falco_rules.local.yaml; echo x >> /etc/other`);
    expect(w.events).toEqual([]);
  });

  it('a one-shot watch is gone after its first event', async () => {
    const m = falcoWorld();
    const w = watch(m, [rulesFileWatch]);
    await asRoot(m, `echo 1 >> ${RULES}`);
    await asRoot(m, `echo 2 >> ${RULES}`);
    expect(masks(w)).toEqual(['IN_CLOSE_WRITE', 'IN_IGNORED']);
  });

  it('a watch without IN_ONESHOT (the config file) fires on every close', async () => {
    const m = falcoWorld();
    const w = watch(m, [['/etc/falco/falco.yaml', ['IN_CLOSE_WRITE'], false]]);
    await asRoot(m, 'echo >> /etc/falco/falco.yaml; echo >> /etc/falco/falco.yaml');
    expect(masks(w)).toEqual(['IN_CLOSE_WRITE', 'IN_CLOSE_WRITE']);
  });
});

describe('inotify on a rules folder (IN_CREATE | IN_DELETE | IN_ONESHOT)', () => {
  it.each([
    ['a new file', `echo '[]' > ${FOLDER}/a.yaml`, ['IN_CREATE a.yaml', 'IN_IGNORED']],
    ['touch of a new file', `touch ${FOLDER}/b.yaml`, ['IN_CREATE b.yaml', 'IN_IGNORED']],
    ['a subdirectory', `mkdir ${FOLDER}/d`, ['IN_CREATE d', 'IN_IGNORED']],
    ['mv into it (IN_MOVED_TO is not in the mask)', `echo '[]' > /tmp/c.yaml && mv /tmp/c.yaml ${FOLDER}/c.yaml`, []],
    ['a write to a file already there', `echo x >> ${FOLDER}/old.yaml`, []],
    ['rm of a file there', `rm ${FOLDER}/old.yaml`, ['IN_DELETE old.yaml', 'IN_IGNORED']],
  ])('%s', async (_, line, expected) => {
    const m = falcoWorld();
    m.put(`${FOLDER}/old.yaml`, { data: '[]\n' });
    const w = watch(m, [folderWatch]);
    await asRoot(m, line);
    expect(masks(w)).toEqual(expected);
  });
});

describe('inotify instances', () => {
  it('send SIGIO to their owner for every queued event', async () => {
    const m = falcoWorld();
    const signals: number[] = [];
    const original = m.kernel.signal.bind(m.kernel);
    m.kernel.signal = (node, pid, sig) => {
      if (pid === 424242) signals.push(sig);
      return original(node, pid, sig);
    };
    watch(m, [rulesFileWatch]);
    await asRoot(m, `echo >> ${RULES}`);
    expect(signals).toEqual([SIGIO, SIGIO]);
  });

  it('go on watching the same inodes from a saved watch list, and stop when closed', async () => {
    const m = falcoWorld();
    const first = watch(m, [rulesFileWatch, folderWatch]);
    const saved = structuredClone(first.watches);
    first.close();
    expect(first.watches).toEqual([]);
    const again = watch(m, [], saved);
    await asRoot(m, `touch ${FOLDER}/new.yaml`);
    expect(masks(again)).toEqual(['IN_CREATE new.yaml', 'IN_IGNORED']);
    again.close();
    await asRoot(m, `echo >> ${RULES}`);
    expect(again.events).toHaveLength(2);
  });

  it('report a missing path as the errno', () => {
    const m = falcoWorld();
    const inotify = inotifyInit(m.kernel, NODE, { ownerPid: 1 });
    expect(inotify.addWatch('/etc/falco/nope.yaml', ['IN_CLOSE_WRITE'], true)).toBe('ENOENT');
  });
});
