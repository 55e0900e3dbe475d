// Prose in the task panel, the briefing and the picker, wrapped as frames: no stray space opening a
// continuation row, paths not cut in two, task titles continued under their text, the picker's columns
// lined up (long titles end in … when the screen is narrow) and CJK wrapped between characters.
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src/scenarios/schema';
import BriefingView from '../../src/tui/BriefingView';
import { displayWidth } from '../../src/tui/display-width';
import ScenarioPicker, { pickerColumns, type PickerScenario } from '../../src/tui/ScenarioPicker';
import TaskPanel from '../../src/tui/TaskPanel';
import { sampleScenarioInput } from '../scenarios/sample-scenario';
import { plain, tick } from './helpers';
import { renderSized } from './wide-screen';

const text = (en: string, zh: string) => ({ en, zh });

/** The sample scenario with the shipped scenarios' long texts. */
const wordy = scenarioSchema.parse({
  ...sampleScenarioInput,
  title: text("Falco: change a rule's output and log to a file", 'Falco：修改规则的输出并将警报写入文件'),
  briefing: text(
    'Falco 0.33.1 runs on kube-worker-1 as the systemd service `falco`, with its default rules in `/etc/falco/falco_rules.yaml`.\n\nSomeone started a pod named `malicious`.',
    'Falco 0.33.1 作为 systemd 服务 `falco` 运行在 kube-worker-1 上，默认规则位于 `/etc/falco/falco_rules.yaml`，配置文件为 `/etc/falco/falco.yaml`。',
  ),
  tasks: [
    {
      ...sampleScenarioInput.tasks[0]!,
      text: text(
        'Find the alert Falco raised for the shell you opened. Write the container id to the file `/home/vagrant/shell-container-id.txt` on kube-worker-1.',
        '找到 Falco 为您打开的 shell 生成的警报。将警报中的容器 ID（12 个十六进制字符）写入 kube-worker-1 上的文件 `/home/vagrant/shell-container-id.txt`。',
      ),
    },
    sampleScenarioInput.tasks[1]!,
    { ...sampleScenarioInput.tasks[2]!, title: text('Send alerts to a file instead of stdout', '将警报写入文件而不是标准输出') },
  ],
});

const frameOf = (node: React.ReactElement) => plain(render(node).lastFrame()).split('\n');

describe('TaskPanel wrapping (40 columns, as beside a 120-column terminal)', () => {
  const rows = frameOf(<TaskPanel session={{ scenario: wordy, lastResults: null, hintsRevealed: {} }} lang="en" width={40} />);

  it('continues the current task text without a leading space and cuts a long path only after a slash', () => {
    expect(rows).toEqual([
      'Tasks · 0/3 done',
      '▸ 1. Read-only root filesystem',
      '  Find the alert Falco raised for the',
      '  shell you opened. Write the container',
      // Too long for a row of its own: cut after a slash, where it still reads as a path.
      '  id to the file `/home/vagrant/',
      '  shell-container-id.txt` on',
      '  kube-worker-1.',
      '· 2. Keep the app working',
      '· 3. Send alerts to a file instead of',
      '     stdout',
    ]);
  });

  it('wraps Chinese between characters, within the width', () => {
    const zh = frameOf(<TaskPanel session={{ scenario: wordy, lastResults: null, hintsRevealed: {} }} lang="zh" width={40} />);
    for (const row of zh) expect(displayWidth(row)).toBeLessThanOrEqual(39);
    expect(zh[2]).toBe('  找到 Falco 为您打开的 shell 生成的警');
    expect(zh[3]).toMatch(/^ {2}报。/);
    for (const row of zh.slice(3)) expect(row).not.toMatch(/^ {2}[，。、：）]/);
  });
});

describe('BriefingView wrapping', () => {
  it('breaks at spaces, never opening a row with one', () => {
    const rows = frameOf(<BriefingView scenario={wordy} lang="en" width={60} height={20} />);
    expect(rows.slice(0, 9)).toEqual([
      "Falco: change a rule's output and log to a file",
      'easy · about 15 min',
      '',
      'Make the hash pod immutable.',
      '',
      'Falco 0.33.1 runs on kube-worker-1 as the systemd service',
      '`falco`, with its default rules in',
      '`/etc/falco/falco_rules.yaml`.',
      '',
    ]);
    expect(rows).toContain('Press Enter to start.');
  });
});

describe('ScenarioPicker columns', () => {
  const scenarios: PickerScenario[] = [
    { id: 'audit-log-policy', title: text('Turn on API server audit logging', '启用 API 服务器审计日志'), summary: text('Extend an audit policy for ConfigMaps, Secrets and Services, point kube-apiserver at it with a log file kept for 5 days, and find a ConfigMap entry.', '扩展审计策略。'), difficulty: 'hard', estimatedMinutes: 30, status: 'new' },
    { id: 'falco-write-below-etc', title: text("Falco: change a rule's output and log to a file", 'Falco：修改规则的输出并将警报写入文件'), summary: text('Find the rule.', '找到规则。'), difficulty: 'medium', estimatedMinutes: 25, status: 'started' },
    { id: 'immutable-hash', title: text('Make the hash container immutable', '让 hash 容器不可变'), summary: text('Immutable.', '不可变。'), difficulty: 'easy', estimatedMinutes: 15, status: 'passed' },
  ];

  async function picker(columns: number, lang: 'en' | 'zh' = 'en') {
    const app = render(
      <ScenarioPicker scenarios={scenarios} sandboxStatus="started" lang={lang} columns={columns} rows={24} onChoose={() => {}} onQuit={() => {}} />,
    );
    await tick(20);
    return plain(app.lastFrame()).split('\n');
  }

  it('lines up every row, the longest title included, and leaves the sandbox without a status', async () => {
    const r = await renderSized(
      <ScenarioPicker scenarios={scenarios} sandboxStatus="started" lang="en" columns={120} rows={24} onChoose={() => {}} onQuit={() => {}} />,
      120,
      24,
    );
    const listed = plain(r.stdout.last).split('\n').slice(2, 6).map((row) => row.trimEnd());
    r.instance.unmount();
    expect(listed).toEqual([
      '› · new      Turn on API server audit logging                 hard · about 30 min    audit-log-policy',
      "  ▸ started  Falco: change a rule's output and log to a file  medium · about 25 min  falco-write-below-etc",
      '  ✓ passed   Make the hash container immutable                easy · about 15 min    immutable-hash',
      '             Sandbox',
    ]);
  });

  it('leaves the ids out when they do not fit, keeping the other columns in line', async () => {
    const rows = await picker(100);
    expect(rows.slice(2, 6)).toEqual([
      '› · new      Turn on API server audit logging                 hard · about 30 min',
      "  ▸ started  Falco: change a rule's output and log to a file  medium · about 25 min",
      '  ✓ passed   Make the hash container immutable                easy · about 15 min',
      '             Sandbox',
    ]);
  });

  it('drops the id column, then shortens titles with …, when the screen is narrow', () => {
    const cols = pickerColumns(
      [{ id: 'falco-write-below-etc', title: "Falco: change a rule's output and log to a file", meta: 'medium · about 25 min' }],
      ['started'],
      80,
    );
    expect(cols).toEqual({ status: 9, title: 80 - 2 - 9 - 2 - 2 - 21, meta: 21, id: 0 });
  });

  it('shows a shortened title ending in … at 80 columns', async () => {
    const rows = await picker(80);
    expect(rows[3]).toBe("  ▸ started  Falco: change a rule's output and log to a…   medium · about 25 min");
    for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(80);
  });

  it('wraps the summary at word boundaries with no leading space', async () => {
    const rows = await picker(100);
    const at = rows.findIndex((r) => r.startsWith('Extend an audit policy'));
    expect(rows[at]).toBe('Extend an audit policy for ConfigMaps, Secrets and Services, point kube-apiserver at it with a log');
    expect(rows[at + 1]).toBe('file kept for 5 days, and find a ConfigMap entry.');
  });

  it('says the sandbox keeps what was done in it', async () => {
    const app = render(
      <ScenarioPicker scenarios={[]} sandboxStatus="started" lang="zh" columns={100} rows={24} onChoose={() => {}} onQuit={() => {}} />,
    );
    await tick(20);
    expect(plain(app.lastFrame())).toContain('没有任务的双节点集群：随意练习。 上次在沙盒中所做的一切都还保留着。');
  });

  it('speaks Chinese in the difficulty and the time', async () => {
    const rows = await picker(100, 'zh');
    expect(rows[2]).toContain('困难 · 约 30 分钟');
    expect(rows[3]).toContain('中等 · 约 25 分钟');
  });
});
