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
import { wrapText } from './word-wrap';

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

/** Rows for the chosen entry's summary. */
const SUMMARY_ROWS = 3;

/** One row per scenario plus the sandbox, last. */
interface Row {
  id: string | null;
  title: string;
  meta: string;
  summary: string;
  /** null for the sandbox: it has no tasks to pass, so no progress to show. */
  status: ScenarioStatus | null;
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
  const sandboxSummary = t(lang, 'sandboxSummary') + (props.sandboxStatus === 'started' ? ` ${t(lang, 'sandboxResume')}` : '');
  rows.push({ id: null, title: t(lang, 'sandboxTitle'), meta: '', summary: sandboxSummary, status: null });
  return rows;
}

/** Column widths of the list (display columns). */
export interface PickerColumns {
  status: number;
  title: number;
  meta: number;
  /** 0: no id column. */
  id: number;
}

const GAP = 2;
const CURSOR = 2;
const MIN_TITLE = 12;

/** Every column as wide as its widest cell; when the screen is narrower the ids go first, then titles end in …. */
export function pickerColumns(
  rows: readonly { id: string | null; title: string; meta: string }[],
  statusWords: readonly string[],
  columns: number,
): PickerColumns {
  const widest = (xs: readonly string[]) => Math.max(0, ...xs.map(displayWidth));
  // The mark, a space and the word.
  const status = statusWords.length > 0 ? 2 + widest(statusWords) : 0;
  const meta = widest(rows.map((r) => r.meta));
  const id = widest(rows.map((r) => r.id ?? ''));
  const title = widest(rows.map((r) => r.title));
  const fixed = CURSOR + status + GAP + GAP + meta;
  if (fixed + title + GAP + id <= columns) return { status, title, meta, id };
  return { status, title: Math.max(MIN_TITLE, Math.min(title, columns - fixed)), meta, id: 0 };
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

/** Cut to a display width, marking the cut with …, then pad. */
function fitTo(text: string, width: number): string {
  if (displayWidth(text) <= width) return padTo(text, width);
  let out = '';
  for (const ch of text) {
    if (displayWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return padTo(`${out.trimEnd()}…`, width);
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
  const statusWords = rows.map((r) => (r.status === null ? '' : t(lang, `status.${r.status}`)));
  const cols = pickerColumns(rows, statusWords.filter((w) => w !== ''), columns);

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
        const status = row.status === null ? '' : `${STATUS_MARKS[row.status]} ${statusWords[i]!}`;
        const gap = ' '.repeat(GAP);
        const showId = cols.id > 0 && row.id !== null;
        const fields = `${fitTo(row.title, cols.title)}${gap}${showId ? padTo(row.meta, cols.meta) : row.meta}`;
        return (
          <Box key={row.id ?? '\0sandbox'} flexShrink={0} width={columns}>
            <Text wrap="truncate" inverse={chosen} bold={chosen}>
              {chosen ? '› ' : '  '}
              <Text color={color}>{padTo(status, cols.status)}</Text>
              {gap}
              {showId ? fields : fields.trimEnd()}
              {showId ? <Text dimColor={theme.dimMuted}>{`${gap}${row.id}`}</Text> : null}
            </Text>
          </Box>
        );
      })}
      <Text> </Text>
      <Box flexShrink={0} height={SUMMARY_ROWS} overflow="hidden" width={columns} flexDirection="column">
        {wrapText(current.summary, columns)
          .slice(0, SUMMARY_ROWS)
          .map((text, i) => (
            <Text key={i} wrap="truncate">
              {text === '' ? ' ' : text}
            </Text>
          ))}
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
