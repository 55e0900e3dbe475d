// The task list: ✓ done / ▸ current / · pending, with the current task's text, failed checks and hints.
import { Box, Text } from 'ink';
import { taskProgress, type ProgressSource, type TaskProgress } from '../scenarios/progress';
import { localize } from '../scenarios/schema';
import { t, type Lang } from './i18n';
import { defaultTheme, type Theme } from './theme';
import WrappedText from './WrappedText';

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

/** A column between the panel's text and its border. */
const PADDING_RIGHT = 1;
/** The current task's text sits under its title's words. */
const BODY_INDENT = 2;

export default function TaskPanel({ session, lang, width, height, theme = defaultTheme }: TaskPanelProps) {
  const progress = taskProgress(session);
  const done = progress.filter((p) => p.status === 'done').length;
  const inner = Math.max(1, width - PADDING_RIGHT);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden" paddingRight={PADDING_RIGHT}>
      {/* flexShrink 0 everywhere: when the panel is too short, cut the bottom instead of squeezing rows. */}
      <Box flexShrink={0}>
        <Text bold color={theme.accent} wrap="truncate">
          {t(lang, 'tasks')} · {t(lang, 'tasksDone', { done, total: progress.length })}
        </Text>
      </Box>
      {progress.map((p, i) => (
        <TaskEntry key={p.task.id} entry={p} index={i + 1} session={session} lang={lang} theme={theme} width={inner} />
      ))}
      {done === progress.length ? <WrappedText text={t(lang, 'allTasksDone')} width={inner} color={theme.success} /> : null}
    </Box>
  );
}

interface TaskEntryProps {
  entry: TaskProgress;
  index: number;
  session: ProgressSource;
  lang: Lang;
  theme: Theme;
  width: number;
}

function TaskEntry({ entry, index, session, lang, theme, width }: TaskEntryProps) {
  const color =
    entry.status === 'done' ? theme.success : entry.status === 'current' ? theme.accent : theme.muted;
  const title = `${TASK_MARKS[entry.status]} ${index}. ${localize(entry.task.title, lang)}`;
  const body = Math.max(1, width - BODY_INDENT);
  return (
    <Box flexDirection="column" flexShrink={0}>
      <WrappedText
        text={title}
        width={width}
        color={color}
        bold={entry.status === 'current'}
        dimColor={entry.status === 'pending' && theme.dimMuted}
      />
      {entry.status === 'current' ? (
        <Box flexDirection="column" paddingLeft={BODY_INDENT} flexShrink={0}>
          <WrappedText text={localize(entry.task.text, lang).replace(/\n+$/, '')} width={body} />
          {entry.results
            .filter((r) => !r.passed)
            .map((r) => {
              const check = session.scenario.checks.find((c) => c.id === r.id);
              const reason = check ? localize(check.failMessage, lang) : r.id;
              return <WrappedText key={r.id} text={`✗ ${reason}`} width={body} color={theme.failure} />;
            })}
          {entry.hints.map((hint, i) => (
            <WrappedText
              key={i}
              text={t(lang, 'hintShort', { n: i + 1, total: entry.task.hints.length, text: localize(hint, lang) })}
              width={body}
              color={theme.warning}
            />
          ))}
        </Box>
      ) : null}
    </Box>
  );
}
