// The always-visible bottom line: where am I (scenario, time, state) and what can I do next (keys).
import { Box, Text } from 'ink';
import { formatElapsed, t, type Lang } from './i18n';
import { defaultTheme, type Theme } from './theme';

export type StatusMode = 'briefing' | 'working' | 'checking' | 'confirmingSolution' | 'passed';

export interface StatusBarProps {
  /** The scenario title in the learner's language. */
  title: string;
  elapsedMs: number;
  mode: StatusMode;
  /** A command is running in the terminal. */
  busy?: boolean;
  lang: Lang;
  width: number;
  theme?: Theme;
}

export default function StatusBar({ title, elapsedMs, mode, busy = false, lang, width, theme = defaultTheme }: StatusBarProps) {
  if (mode === 'confirmingSolution') {
    return (
      <Box width={width}>
        <Text color={theme.warning} bold wrap="truncate">
          {t(lang, 'confirmSolution')}
        </Text>
      </Box>
    );
  }
  const state =
    mode === 'checking' ? t(lang, 'checking') : mode === 'passed' ? t(lang, 'passed') : busy ? t(lang, 'busy') : '';
  const stateColor = mode === 'passed' ? theme.success : mode === 'checking' ? theme.warning : theme.muted;
  const keys = mode === 'briefing' ? t(lang, 'briefingStart') : t(lang, mode === 'passed' ? 'keysPassed' : 'keys');
  return (
    <Box width={width}>
      <Text wrap="truncate">
        <Text bold color={theme.accent}>
          {title}
        </Text>
        {' │ '}
        {formatElapsed(elapsedMs)}
        {state ? (
          <>
            {' │ '}
            <Text color={stateColor}>{state}</Text>
          </>
        ) : null}
        {' │ '}
        {keys}
      </Text>
    </Box>
  );
}
