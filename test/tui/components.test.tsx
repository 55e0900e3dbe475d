// TaskPanel, StatusBar and TerminalPane rendered to strings, in English and Chinese.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { ProgressSource } from '../../src/scenarios/progress';
import StatusBar from '../../src/tui/StatusBar';
import TaskPanel from '../../src/tui/TaskPanel';
import TerminalPane, { type TerminalPaneProps } from '../../src/tui/TerminalPane';
import { resultsPassing, sampleScenario } from '../scenarios/sample-scenario';
import { plain } from './helpers';

const fresh: ProgressSource = { scenario: sampleScenario, lastResults: null, hintsRevealed: {} };
const afterFirst: ProgressSource = {
  scenario: sampleScenario,
  lastResults: resultsPassing('ro-field', 'grows'),
  hintsRevealed: { 'keep-writing': 1 },
};

describe('TaskPanel', () => {
  it('marks the first task current before any check, with its text', () => {
    const { lastFrame } = render(<TaskPanel session={fresh} lang="en" width={60} />);
    expect(plain(lastFrame())).toBe(
      [
        'Tasks · 0/3 done',
        '▸ 1. Read-only root filesystem',
        '  Set readOnlyRootFilesystem on the container.',
        '· 2. Keep the app working',
        '· 3. Prove it',
      ].join('\n'),
    );
  });

  it('shows done tasks, the failing check and revealed hints of the current task', () => {
    const { lastFrame } = render(<TaskPanel session={afterFirst} lang="en" width={60} />);
    expect(plain(lastFrame())).toBe(
      [
        'Tasks · 1/3 done',
        '✓ 1. Read-only root filesystem',
        '▸ 2. Keep the app working',
        '  Mount an emptyDir at /var/config.',
        '  ✗ Pod hash is not running.',
        '  Hint 1/1: volumes: emptyDir: {}',
        '· 3. Prove it',
      ].join('\n'),
    );
  });

  it('speaks Chinese', () => {
    const { lastFrame } = render(<TaskPanel session={afterFirst} lang="zh" width={60} />);
    expect(plain(lastFrame())).toBe(
      [
        '任务 · 已完成 1/3',
        '✓ 1. 只读根文件系统',
        '▸ 2. 保持应用正常',
        '  在 /var/config 挂载 emptyDir。',
        '  ✗ Pod hash 没有运行。',
        '  提示 1/1：volumes: emptyDir: {}',
        '· 3. 验证',
      ].join('\n'),
    );
  });

  it('says so when every task is done', () => {
    const all = { ...fresh, lastResults: resultsPassing('ro-field', 'running', 'grows', 'touch-fails') };
    const { lastFrame } = render(<TaskPanel session={all} lang="en" width={60} />);
    expect(plain(lastFrame())).toContain('✓ 3. Prove it\nEvery task is done. F5 to check again.');
  });

  it('cuts content to the given height', () => {
    const { lastFrame } = render(<TaskPanel session={fresh} lang="en" width={60} height={2} />);
    expect(plain(lastFrame())).toBe('Tasks · 0/3 done\n▸ 1. Read-only root filesystem');
  });
});

describe('StatusBar', () => {
  it.each<[string, Parameters<typeof StatusBar>[0], string]>([
    ['working, English', { title: 'Immutable container', elapsedMs: 65_000, mode: 'working', lang: 'en', width: 100 }, 'Immutable container │ 01:05 │ F2 hint  F5 check  F9 solution  Ctrl-D quit'],
    ['working, Chinese', { title: '不可变容器', elapsedMs: 5_000, mode: 'working', lang: 'zh', width: 100 }, '不可变容器 │ 00:05 │ F2 提示  F5 检查  F9 答案  Ctrl-D 退出'],
    ['checking', { title: 'T', elapsedMs: 0, mode: 'checking', lang: 'en', width: 100 }, 'T │ 00:00 │ Checking… │ F2 hint  F5 check  F9 solution  Ctrl-D quit'],
    ['a command running', { title: 'T', elapsedMs: 0, mode: 'working', busy: true, lang: 'en', width: 100 }, 'T │ 00:00 │ running │ F2 hint  F5 check  F9 solution  Ctrl-D quit'],
    ['passed', { title: 'T', elapsedMs: 3_725_000, mode: 'passed', lang: 'en', width: 100 }, 'T │ 1:02:05 │ ✓ passed │ F5 check again  F9 solution  Ctrl-D quit'],
    ['briefing', { title: 'T', elapsedMs: 0, mode: 'briefing', lang: 'zh', width: 100 }, 'T │ 00:00 │ 按 Enter 开始。'],
    ['confirming the solution', { title: 'T', elapsedMs: 0, mode: 'confirmingSolution', lang: 'en', width: 100 }, 'Show the reference solution? Try a hint first (F2). [y/N]'],
  ])('%s', (_name, props, expected) => {
    const { lastFrame } = render(<StatusBar {...props} />);
    expect(plain(lastFrame())).toBe(expected);
  });

  it('truncates to the width instead of wrapping', () => {
    const { lastFrame } = render(<StatusBar title="Immutable container" elapsedMs={0} mode="working" lang="en" width={30} />);
    expect(plain(lastFrame()).split('\n')).toHaveLength(1);
  });
});

describe('TerminalPane', () => {
  const base: TerminalPaneProps = {
    lines: ['controlplane $ echo hi', 'hi'],
    partial: '',
    prompt: 'controlplane $ ',
    buffer: 'kubectl get po',
    cursor: 14,
    busy: false,
    width: 40,
    height: 4,
    lang: 'en',
  };

  it('shows output, then the prompt and the line being edited', () => {
    const { lastFrame } = render(<TerminalPane {...base} />);
    expect(plain(lastFrame())).toBe(['controlplane $ echo hi', 'hi', 'controlplane $ kubectl get po', ''].join('\n'));
  });

  it('shows no prompt while a command runs', () => {
    const { lastFrame } = render(<TerminalPane {...base} busy buffer="" cursor={0} />);
    expect(plain(lastFrame()).split('\n')[2]).toBe('');
  });

  it('scrolled back, shows older rows and how many are below', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i}`);
    const { lastFrame } = render(<TerminalPane {...base} lines={lines} buffer="" cursor={0} scrollOffset={3} />);
    expect(plain(lastFrame())).toBe(['line 5', 'line 6', 'line 7', '↓ 3 more lines below (PageDown)'].join('\n'));
  });

  it('keeps CJK output within the width', () => {
    const { lastFrame } = render(<TerminalPane {...base} lines={['文件'.repeat(15)]} buffer="" cursor={0} width={20} />);
    expect(plain(lastFrame()).split('\n').slice(0, 3)).toEqual(['文件文件文件文件文件', '文件文件文件文件文件', '文件文件文件文件文件']);
  });
});
