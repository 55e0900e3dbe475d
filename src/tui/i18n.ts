// Every string the TUI itself shows, in English and Chinese; scenario text comes from the scenario file.
import type { Difficulty, Lang } from '../scenarios/schema';

export type { Lang };

const en = {
  tasks: 'Tasks',
  tasksDone: '{done}/{total} done',
  keys: 'F2 hint  F5 check  F9 solution  Ctrl-D quit',
  keysPassed: 'F5 check again  F9 solution  Ctrl-D quit',
  checking: 'Checking…',
  passed: '✓ passed',
  busy: 'running',
  briefingStart: 'Press Enter to start.',
  aboutMinutes: 'about {n} min',
  'difficulty.easy': 'easy',
  'difficulty.medium': 'medium',
  'difficulty.hard': 'hard',
  confirmSolution: 'Show the reference solution? Try a hint first (F2). [y/N]',
  solutionHeading: '── Solution ──',
  hintHeading: 'Hint {n}/{total} for "{task}":',
  hintShort: 'Hint {n}/{total}: {text}',
  noMoreHints: 'No more hints for "{task}". F9 shows the solution.',
  allTasksDone: 'Every task is done. F5 to check again.',
  checkHeading: '── Check {n}: {passed}/{total} passed ──',
  checkPassedLine: '✓ {description}',
  checkFailedLine: '✗ {description}: {reason}',
  passedBanner: '✓ All checks passed in {time}. Well done!',
  passedWithSolution: '(The solution was shown before this pass.)',
  gradeError: 'The checker failed: {error}. This is a bug in cks-lab, not your work.',
  tooSmall: 'Terminal too small: {cols}×{rows}. cks-lab needs at least {minCols}×{minRows}; please resize.',
  scrolledUp: '↓ {n} more lines below (PageDown)',
  help: 'Keys: F2 hint · F5 check · F9 solution · PageUp/PageDown scroll · Ctrl-C cancel line · Ctrl-D quit at an empty prompt · Tab complete · ↑/↓ history · Ctrl-A/E/U/K/W/Y edit',
  pickerTitle: 'cks-lab · Monitoring, Logging and Runtime Security',
  pickerProgress: '{passed}/{total} passed',
  pickerKeys: '↑/↓ choose  Enter start  q quit',
  pickerEmpty: 'No scenarios installed; the sandbox is still open.',
  pickerProblems: 'Some scenario files could not be loaded ({n}); `cks-lab list` says why.',
  'status.new': 'new',
  'status.started': 'started',
  'status.passed': 'passed',
  sandboxTitle: 'Sandbox',
  sandboxSummary: 'The two-node cluster with no tasks: try anything.',
  sandboxResume: 'What you did there last time is still there.',
  sandboxKeys: 'F1 help  PageUp/PageDown scroll  Ctrl-D quit',
  sandboxHelp: 'Keys: PageUp/PageDown scroll · Ctrl-C cancel line · Ctrl-D quit at an empty prompt · Tab complete · ↑/↓ history · Ctrl-A/E/U/K/W/Y edit',
  opening: 'Starting the lab for “{title}”…',
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  tasks: '任务',
  tasksDone: '已完成 {done}/{total}',
  keys: 'F2 提示  F5 检查  F9 答案  Ctrl-D 退出',
  keysPassed: 'F5 重新检查  F9 答案  Ctrl-D 退出',
  checking: '正在检查…',
  passed: '✓ 已通过',
  busy: '运行中',
  briefingStart: '按 Enter 开始。',
  aboutMinutes: '约 {n} 分钟',
  'difficulty.easy': '简单',
  'difficulty.medium': '中等',
  'difficulty.hard': '困难',
  confirmSolution: '显示参考答案？建议先看提示（F2）。[y/N]',
  solutionHeading: '── 参考答案 ──',
  hintHeading: '「{task}」的提示 {n}/{total}：',
  hintShort: '提示 {n}/{total}：{text}',
  noMoreHints: '「{task}」没有更多提示了。按 F9 查看答案。',
  allTasksDone: '所有任务均已完成。按 F5 重新检查。',
  checkHeading: '── 第 {n} 次检查：通过 {passed}/{total} ──',
  checkPassedLine: '✓ {description}',
  checkFailedLine: '✗ {description}：{reason}',
  passedBanner: '✓ 全部检查通过，用时 {time}。做得好！',
  passedWithSolution: '（通过前已查看过参考答案。）',
  gradeError: '检查程序出错：{error}。这是 cks-lab 的缺陷，与你的操作无关。',
  tooSmall: '终端太小：{cols}×{rows}。cks-lab 至少需要 {minCols}×{minRows}，请调整窗口大小。',
  scrolledUp: '↓ 下方还有 {n} 行（PageDown）',
  help: '按键：F2 提示 · F5 检查 · F9 答案 · PageUp/PageDown 滚动 · Ctrl-C 取消当前行 · 空行按 Ctrl-D 退出 · Tab 补全 · ↑/↓ 历史 · Ctrl-A/E/U/K/W/Y 编辑',
  pickerTitle: 'cks-lab · 监控、日志与运行时安全',
  pickerProgress: '已通过 {passed}/{total}',
  pickerKeys: '↑/↓ 选择  Enter 开始  q 退出',
  pickerEmpty: '没有安装任何场景；沙盒仍可使用。',
  pickerProblems: '有场景文件无法加载（{n} 个）；运行 `cks-lab list` 查看原因。',
  'status.new': '未开始',
  'status.started': '进行中',
  'status.passed': '已通过',
  sandboxTitle: '沙盒',
  sandboxSummary: '没有任务的双节点集群：随意练习。',
  sandboxResume: '上次在沙盒中所做的一切都还保留着。',
  sandboxKeys: 'F1 帮助  PageUp/PageDown 滚动  Ctrl-D 退出',
  sandboxHelp: '按键：PageUp/PageDown 滚动 · Ctrl-C 取消当前行 · 空行按 Ctrl-D 退出 · Tab 补全 · ↑/↓ 历史 · Ctrl-A/E/U/K/W/Y 编辑',
  opening: '正在为「{title}」启动实验环境…',
};

export const messages: Record<Lang, Record<MessageKey, string>> = { en, zh };

/** A UI string with `{name}` placeholders filled in. */
export function t(lang: Lang, key: MessageKey, params: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function difficultyLabel(lang: Lang, difficulty: Difficulty): string {
  return t(lang, `difficulty.${difficulty}`);
}

/** mm:ss, or h:mm:ss from an hour on. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}
