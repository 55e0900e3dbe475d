// The task list: ✓ done / ▸ current / · pending, with the current task's text, failed checks and hints.
import { Box, Text } from 'ink';
import { taskProgress, type ProgressSource, type TaskProgress } from '../scenarios/progress';
import { localize } from '../scenarios/schema';
import { t, type Lang } from './i18n';
import { defaultTheme, type Theme } from './theme';

export interface TaskPanelProps {
  /** The session context (or any scenario + latest results + revealed hints). */
  session: ProgressSource;
  lang: Lang;
  width: number;
  /** Rows available; content beyond is cut (the terminal keeps the full hint and check text). */
  height?: number;
  theme?: Theme;
}

export const TASK_MARKS = { done: '✓', current: '▸', pending: '·' } as const;

export default function TaskPanel({ session, lang, width, height, theme = defaultTheme }: TaskPanelProps) {
  const progress = taskProgress(session);
  const done = progress.filter((p) => p.status === 'done').length;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingRight={1}>
      {/* flexShrink 0 everywhere: when the panel is too short, cut the bottom instead of squeezing rows. */}
      <Box flexShrink={0}>
        <Text bold color={theme.accent} wrap="truncate">
          {t(lang, 'tasks')} · {t(lang, 'tasksDone', { done, total: progress.length })}
        </Text>
      </Box>
      {progress.map((p, i) => (
        <TaskEntry key={p.task.id} entry={p} index={i + 1} session={session} lang={lang} theme={theme} />
      ))}
      {done === progress.length ? (
        <Box flexShrink={0}>
          <Text color={theme.success}>{t(lang, 'allTasksDone')}</Text>
        </Box>
      ) : null}
    </Box>
  );
}

interface TaskEntryProps {
  entry: TaskProgress;
  index: number;
  session: ProgressSource;
  lang: Lang;
  theme: Theme;
}

function TaskEntry({ entry, index, session, lang, theme }: TaskEntryProps) {
  const color =
    entry.status === 'done' ? theme.success : entry.status === 'current' ? theme.accent : theme.muted;
  const title = `${TASK_MARKS[entry.status]} ${index}. ${localize(entry.task.title, lang)}`;
  return (
    <Box flexDirection="column" flexShrink={0}>
      <Text color={color} bold={entry.status === 'current'} dimColor={entry.status === 'pending' && theme.dimMuted}>
        {title}
      </Text>
      {entry.status === 'current' ? (
        <Box flexDirection="column" paddingLeft={2} flexShrink={0}>
          <Text>{localize(entry.task.text, lang)}</Text>
          {entry.results
            .filter((r) => !r.passed)
            .map((r) => {
              const check = session.scenario.checks.find((c) => c.id === r.id);
              return (
                <Text key={r.id} color={theme.failure}>
                  ✗ {check ? localize(check.failMessage, lang) : r.id}
                </Text>
              );
            })}
          {entry.hints.map((hint, i) => (
            <Text key={i} color={theme.warning}>
              {t(lang, 'hintShort', { n: i + 1, total: entry.task.hints.length, text: localize(hint, lang) })}
            </Text>
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
