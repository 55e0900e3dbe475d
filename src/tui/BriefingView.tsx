// The scenario's opening screen: what it is about, how hard and how long, the briefing, how to start.
import { Box, Text } from 'ink';
import { localize, type Scenario } from '../scenarios/schema';
import { difficultyLabel, t, type Lang } from './i18n';
import { defaultTheme, type Theme } from './theme';

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
      <Text bold color={theme.accent}>
        {localize(scenario.title, lang)}
      </Text>
      <Text dimColor={theme.dimMuted}>{meta}</Text>
      <Text> </Text>
      <Text>{localize(scenario.summary, lang)}</Text>
      <Text> </Text>
      <Text>{localize(scenario.briefing, lang).replace(/\n+$/, '')}</Text>
      <Text> </Text>
      <Text bold>{t(lang, 'briefingStart')}</Text>
    </Box>
  );
}
