// The scenario's opening screen: what it is about, how hard and how long, the briefing, how to start.
import { Box, Text } from 'ink';
import { localize, type Scenario } from '../scenarios/schema';
import { difficultyLabel, t, type Lang } from './i18n';
import { defaultTheme, type Theme } from './theme';
import WrappedText from './WrappedText';

export interface BriefingViewProps {
  scenario: Scenario;
  lang: Lang;
  width: number;
  height: number;
  theme?: Theme;
}

export default function BriefingView({ scenario, lang, width, height, theme = defaultTheme }: BriefingViewProps) {
  const meta = `${difficultyLabel(lang, scenario.difficulty)} · ${t(lang, 'aboutMinutes', { n: scenario.estimatedMinutes })}`;
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      <WrappedText text={localize(scenario.title, lang)} width={width} bold color={theme.accent} />
      <WrappedText text={meta} width={width} dimColor={theme.dimMuted} />
      <Text> </Text>
      <WrappedText text={localize(scenario.summary, lang).replace(/\n+$/, '')} width={width} />
      <Text> </Text>
      <WrappedText text={localize(scenario.briefing, lang).replace(/\n+$/, '')} width={width} />
      <Text> </Text>
      <WrappedText text={t(lang, 'briefingStart')} width={width} bold />
    </Box>
  );
}
