// The opening screen of `cks-lab`: every scenario with the learner's progress, and the sandbox;
// ↑/↓ to choose, Enter to go in, q to quit.
import { Box, Text } from 'ink';
import { useRef, useState } from 'react';
import { localize, type Difficulty, type Localized } from '../scenarios/schema';
import { displayWidth } from './display-width';
import { difficultyLabel, t, type Lang } from './i18n';
import type { KeyPress } from './keys';
import { defaultTheme, type Theme } from './theme';
import { useKeypress } from './use-keypress';
import { useScreenSize } from './use-screen-size';

export type ScenarioStatus = 'new' | 'started' | 'passed';

export interface PickerScenario {
  id: string;
  title: Localized;
  summary: Localized;
  difficulty: Difficulty;
  estimatedMinutes: number;
  status: ScenarioStatus;
}

export interface ScenarioPickerProps {
  scenarios: readonly PickerScenario[];
  /** Whether the sandbox has a saved world. */
  sandboxStatus: 'new' | 'started';
  lang: Lang;
  /** Screen size; defaults to the output terminal's, following resizes. */
  columns?: number;
  rows?: number;
  /** A scenario id, or null for the sandbox. */
  onChoose: (id: string | null) => void;
  onQuit: () => void;
  /** Start with this entry selected (the scenario the learner just left). */
  initialId?: string | null;
  /** A problem to show above the keys (a lab that would not open). */
  message?: string;
  theme?: Theme;
}

export const STATUS_MARKS: Record<ScenarioStatus, string> = { passed: '✓', started: '▸', new: '·' };

/** One row per scenario plus the sandbox, last. */
interface Row {
  id: string | null;
  title: string;
  meta: string;
  summary: string;
  status: ScenarioStatus;
}

function rowsOf(props: ScenarioPickerProps): Row[] {
  const { lang } = props;
  const rows: Row[] = props.scenarios.map((s) => ({
    id: s.id,
    title: localize(s.title, lang),
    meta: `${difficultyLabel(lang, s.difficulty)} · ${t(lang, 'aboutMinutes', { n: s.estimatedMinutes })}`,
    summary: localize(s.summary, lang),
    status: s.status,
  }));
  rows.push({ id: null, title: t(lang, 'sandboxTitle'), meta: '', summary: t(lang, 'sandboxSummary'), status: props.sandboxStatus });
  return rows;
}

/** The slice of `count` rows to show so that `selected` stays visible, scrolling as little as possible. */
export function listWindow(count: number, selected: number, height: number): { start: number; end: number } {
  const h = Math.max(1, height);
  if (count <= h) return { start: 0, end: count };
  const start = Math.min(Math.max(0, selected - Math.floor(h / 2)), count - h);
  return { start, end: start + h };
}

/** Pad to a display width (CJK characters take two columns). */
function padTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

export default function ScenarioPicker(props: ScenarioPickerProps) {
  const { lang, theme = defaultTheme } = props;
  const screen = useScreenSize();
  const columns = props.columns ?? screen.columns;
  const screenRows = props.rows ?? screen.rows;
  const rows = rowsOf(props);
  const initial = props.initialId === undefined ? 0 : Math.max(0, rows.findIndex((r) => r.id === props.initialId));
  const [selected, setSelectedState] = useState(initial);
  // Several keys can arrive in one chunk (typed ahead, or a terminal sending "↓↓⏎" at once) before
  // React renders again: the ref is the selection as of the previous key, not of the last render.
  const selectedRef = useRef(initial);
  const setSelected = (next: number | ((i: number) => number)): void => {
    selectedRef.current = typeof next === 'function' ? next(selectedRef.current) : next;
    setSelectedState(selectedRef.current);
  };

  useKeypress((press: KeyPress) => {
    if (press.kind === 'text') {
      if (press.paste) return;
      if (press.text === 'q' || press.text === 'Q') props.onQuit();
      else if (press.text === 'j') setSelected((i) => Math.min(rows.length - 1, i + 1));
      else if (press.text === 'k') setSelected((i) => Math.max(0, i - 1));
      return;
    }
    if (press.ctrl && (press.name === 'c' || press.name === 'd')) props.onQuit();
    else if (press.ctrl || press.meta) return;
    else if (press.name === 'up') setSelected((i) => Math.max(0, i - 1));
    else if (press.name === 'down') setSelected((i) => Math.min(rows.length - 1, i + 1));
    else if (press.name === 'home' || press.name === 'pageup') setSelected(0);
    else if (press.name === 'end' || press.name === 'pagedown') setSelected(rows.length - 1);
    else if (press.name === 'return') props.onChoose(rows[selectedRef.current]!.id);
    else if (press.name === 'escape') props.onQuit();
  });

  const passed = props.scenarios.filter((s) => s.status === 'passed').length;
  const current = rows[selected]!;
  // Title, blank, list, blank, summary (up to 3 rows), blank, message, keys; Ink needs one spare row.
  const listHeight = Math.max(3, screenRows - 1 - 9);
  const window = listWindow(rows.length, selected, listHeight);
  const titleWidth = Math.min(40, Math.max(...rows.map((r) => displayWidth(r.title))));
  const statusWords = rows.map((r) => t(lang, `status.${r.status}`));
  const statusWidth = Math.max(...statusWords.map(displayWidth));

  return (
    <Box flexDirection="column" width={columns} height={Math.max(1, screenRows - 1)} overflow="hidden">
      <Box flexShrink={0} justifyContent="space-between" width={columns}>
        <Text bold color={theme.accent} wrap="truncate">
          {t(lang, 'pickerTitle')}
        </Text>
        {props.scenarios.length > 0 ? (
          <Text>{t(lang, 'pickerProgress', { passed, total: props.scenarios.length })}</Text>
        ) : null}
      </Box>
      <Text> </Text>
      {props.scenarios.length === 0 ? <Text dimColor={theme.dimMuted}>{t(lang, 'pickerEmpty')}</Text> : null}
      {rows.slice(window.start, window.end).map((row, k) => {
        const i = window.start + k;
        const chosen = i === selected;
        const color = row.status === 'passed' ? theme.success : row.status === 'started' ? theme.accent : undefined;
        const status = `${STATUS_MARKS[row.status]} ${padTo(statusWords[i]!, statusWidth)}`;
        return (
          <Box key={row.id ?? '\0sandbox'} flexShrink={0} width={columns}>
            <Text wrap="truncate" inverse={chosen} bold={chosen}>
              {chosen ? '› ' : '  '}
              <Text color={color}>{status}</Text>
              {'  '}
              {padTo(row.title, titleWidth)}
              {row.meta ? `  ${row.meta}` : ''}
              {row.id !== null ? <Text dimColor={theme.dimMuted}>{`  ${row.id}`}</Text> : null}
            </Text>
          </Box>
        );
      })}
      <Text> </Text>
      <Box flexShrink={0} height={3} overflow="hidden" width={columns}>
        <Text wrap="wrap">{current.summary}</Text>
      </Box>
      <Box flexGrow={1} />
      {props.message ? (
        <Text color={theme.failure} wrap="truncate">
          {props.message}
        </Text>
      ) : null}
      <Text dimColor={theme.dimMuted} wrap="truncate">
        {t(lang, 'pickerKeys')}
      </Text>
    </Box>
  );
}
