// The scenario picker: progress marks, moving with ↑/↓ (and j/k), Enter to choose, the sandbox, q to quit.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import ScenarioPicker, { listWindow, type PickerScenario } from '../../src/tui/ScenarioPicker';
import type { Lang } from '../../src/tui/i18n';
import { sampleScenario } from '../scenarios/sample-scenario';
import { KEYS, plain, tick, type } from './helpers';

const text = (en: string, zh: string) => ({ en, zh });

const scenarios: PickerScenario[] = [
  { ...pick(sampleScenario), status: 'passed' },
  {
    id: 'falco-shell',
    title: text('Shell in a container', '容器中的 Shell'),
    summary: text('Write a Falco rule that spots a shell.', '编写检测 Shell 的 Falco 规则。'),
    difficulty: 'medium',
    estimatedMinutes: 20,
    status: 'started',
  },
  {
    id: 'audit-secrets',
    title: text('Audit secrets', '审计 Secret'),
    summary: text('Log access to secrets at Metadata level.', '以 Metadata 级别记录 Secret 访问。'),
    difficulty: 'hard',
    estimatedMinutes: 30,
    status: 'new',
  },
];

function pick(s: typeof sampleScenario) {
  return { id: s.id, title: s.title, summary: s.summary, difficulty: s.difficulty, estimatedMinutes: s.estimatedMinutes };
}

function setup(opts: { lang?: Lang; rows?: number; list?: PickerScenario[]; initialId?: string | null; message?: string } = {}) {
  const onChoose = vi.fn();
  const onQuit = vi.fn();
  const app = render(
    <ScenarioPicker
      scenarios={opts.list ?? scenarios}
      sandboxStatus="new"
      lang={opts.lang ?? 'en'}
      columns={100}
      rows={opts.rows ?? 24}
      onChoose={onChoose}
      onQuit={onQuit}
      initialId={opts.initialId}
      message={opts.message}
    />,
  );
  return { ...app, onChoose, onQuit, frame: () => plain(app.lastFrame()) };
}

describe('ScenarioPicker', () => {
  it('lists every scenario with its progress, then the sandbox', async () => {
    const s = setup();
    await tick(20);
    const frame = s.frame();
    expect(frame).toContain('cks-lab · Monitoring, Logging and Runtime Security');
    expect(frame).toContain('1/3 passed');
    expect(frame).toContain('› ✓ passed   Immutable container   easy · about 15 min    immutable-hash');
    expect(frame).toContain('  ▸ started  Shell in a container  medium · about 20 min  falco-shell');
    expect(frame).toContain('  · new      Audit secrets         hard · about 30 min    audit-secrets');
    // The sandbox has no tasks, so no progress mark.
    expect(frame).toContain('\n             Sandbox\n');
    expect(frame).toContain('Make the hash pod immutable.');
    expect(frame).toContain('↑/↓ choose  Enter start  q quit');
  });

  it('moves with ↑/↓ and j/k, showing the chosen scenario\'s summary, and starts it on Enter', async () => {
    const s = setup();
    await type(s.stdin, KEYS.down, KEYS.down, 'k');
    expect(s.frame()).toContain('› ▸ started  Shell in a container');
    expect(s.frame()).toContain('Write a Falco rule that spots a shell.');
    await type(s.stdin, KEYS.enter);
    expect(s.onChoose).toHaveBeenCalledWith('falco-shell');
  });

  it('chooses the sandbox as null, and stops at the end of the list', async () => {
    const s = setup();
    await type(s.stdin, KEYS.down, KEYS.down, KEYS.down, KEYS.down, 'j');
    expect(s.frame()).toContain('The two-node cluster with no tasks: try anything.');
    await type(s.stdin, KEYS.enter);
    expect(s.onChoose).toHaveBeenCalledWith(null);
  });

  it('takes keys that arrive in one chunk in order (↓↓⏎ typed ahead starts the third entry)', async () => {
    const s = setup();
    await tick(20);
    s.stdin.write(KEYS.down + KEYS.down + KEYS.enter);
    await tick(60);
    expect(s.onChoose).toHaveBeenCalledWith('audit-secrets');
  });

  it('starts on the scenario the learner just left', async () => {
    const s = setup({ initialId: 'audit-secrets' });
    await tick(20);
    expect(s.frame()).toContain('› · new      Audit secrets');
  });

  it.each([['q'], [KEYS.ctrlD], [KEYS.ctrlC], [KEYS.escape]])('quits on %j', async (key) => {
    const s = setup();
    await type(s.stdin, key);
    await tick(60);
    expect(s.onQuit).toHaveBeenCalled();
    expect(s.onChoose).not.toHaveBeenCalled();
  });

  it('shows why a lab would not open', async () => {
    const s = setup({ message: "the state in /x belongs to scenario 'y'" });
    await tick(20);
    expect(s.frame()).toContain("the state in /x belongs to scenario 'y'\n↑/↓ choose");
  });

  it('speaks Chinese, with CJK titles aligned by display width', async () => {
    const s = setup({ lang: 'zh' });
    await tick(20);
    const frame = s.frame();
    expect(frame).toContain('已通过 1/3');
    expect(frame).toContain('› ✓ 已通过  不可变容器      简单 · 约 15 分钟  immutable-hash');
    expect(frame).toContain('  · 未开始  审计 Secret     困难 · 约 30 分钟  audit-secrets');
    expect(frame).toContain('  ▸ 进行中  容器中的 Shell  中等 · 约 20 分钟  falco-shell');
    expect(frame).toContain('↑/↓ 选择  Enter 开始  q 退出');
  });

  it('offers the sandbox when no scenario is installed', async () => {
    const s = setup({ list: [] });
    await tick(20);
    expect(s.frame()).toContain('No scenarios installed; the sandbox is still open.');
    await type(s.stdin, KEYS.enter);
    expect(s.onChoose).toHaveBeenCalledWith(null);
  });

  it('scrolls a long list to keep the chosen row visible', async () => {
    const many: PickerScenario[] = Array.from({ length: 30 }, (_, i) => ({ ...scenarios[2]!, id: `s-${i}`, title: text(`Scenario ${i}`, `场景 ${i}`) }));
    const s = setup({ list: many, rows: 24 });
    await tick(20);
    expect(s.frame()).not.toContain('Scenario 20');
    await type(s.stdin, ...Array.from({ length: 20 }, () => KEYS.down));
    expect(s.frame()).toContain('› · new  Scenario 20');
    expect(s.frame()).not.toContain('Scenario 0 ');
  });
});

describe('listWindow', () => {
  it.each([
    [5, 0, 10, { start: 0, end: 5 }],
    [30, 0, 10, { start: 0, end: 10 }],
    [30, 15, 10, { start: 10, end: 20 }],
    [30, 29, 10, { start: 20, end: 30 }],
  ])('%i rows, row %i selected, %i visible', (count, selected, height, expected) => {
    expect(listWindow(count, selected, height)).toEqual(expected);
  });
});
