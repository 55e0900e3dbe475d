// The lab screen: task panel (left when wide, on top otherwise), terminal, status bar; routes keys
// to the line editor or the scenario session and prints the session's notes into the terminal.
import { Box } from 'ink';
import { useEffect, useRef } from 'react';
import { currentTaskId } from '../scenarios/progress';
import { localize } from '../scenarios/schema';
import BriefingView from './BriefingView';
import { t, type Lang } from './i18n';
import { bindingFor } from './keymap';
import type { KeyPress } from './keys';
import { checkNote, hintNote, noMoreHintsNote, solutionNote } from './session-notes';
import StatusBar, { type StatusMode } from './StatusBar';
import TaskPanel from './TaskPanel';
import TerminalPane, { paneWindow, type TerminalPaneProps } from './TerminalPane';
import { defaultTheme } from './theme';
import type { SessionActorRef, SessionView } from './types';
import { useActorSnapshot } from './use-actor';
import { useKeypress } from './use-keypress';
import { paneState, tooSmallNotice, useLabTerminal, type LabTerminalOptions } from './use-lab-terminal';
import { useTicker } from './use-ticker';

export { MIN_COLUMNS, MIN_ROWS } from './use-lab-terminal';
/** From this width the task panel sits beside the terminal. */
export const SIDE_LAYOUT_COLUMNS = 120;

export interface AppProps extends LabTerminalOptions {
  /** The scenario session (an actor of sessionMachine, started). */
  actor: SessionActorRef;
  /** TICK interval sent to the session (ms); 0 turns the ticker off (tests drive time themselves). */
  tickMs?: number;
}

export default function App(props: AppProps) {
  const { actor, lang, theme = defaultTheme } = props;
  const { columns, rows, term, quit } = useLabTerminal(props, (c, r) => computeLayout(c, r).terminal.width);
  const snapshot = useActorSnapshot(actor);
  useTicker(actor, props.tickMs ?? 1000);
  useSessionNotes(snapshot, lang, term.print);

  const layout = computeLayout(columns, rows);
  const mode = statusMode(snapshot);
  const paneProps: TerminalPaneProps = {
    ...paneState(term),
    width: layout.terminal.width,
    height: layout.terminal.height,
    lang,
    theme,
    focused: mode !== 'confirmingSolution',
  };

  useKeypress((press) => {
    const snap = actor.getSnapshot();
    if (snap.matches('briefing')) {
      if (isKey(press, 'return')) actor.send({ type: 'START' });
      else if (isKey(press, 'd', 'ctrl')) quit();
      return;
    }
    if (snap.matches('confirmingSolution')) {
      if (press.kind === 'text' && /^[yY]$/.test(press.text)) actor.send({ type: 'CONFIRM' });
      else if (press.kind === 'text' ? /^[nN]$/.test(press.text) : ['escape', 'return', 'c'].includes(press.name)) {
        actor.send({ type: 'CANCEL' });
      }
      return;
    }
    const binding = bindingFor(press);
    if (!binding) return;
    if (binding.to === 'editor') {
      term.press(binding.key);
      return;
    }
    const page = Math.max(1, layout.terminal.height - 2);
    switch (binding.action) {
      case 'hint':
        if (snap.can({ type: 'REQUEST_HINT' })) actor.send({ type: 'REQUEST_HINT' });
        else term.print(noMoreHintsNote(snap.context, currentTaskId(snap.context), lang));
        break;
      case 'check':
        if (snap.can({ type: 'CHECK' })) actor.send({ type: 'CHECK' });
        break;
      case 'solution':
        if (snap.context.solutionRevealed) term.print(solutionNote(snap.context.scenario, lang));
        else actor.send({ type: 'REQUEST_SOLUTION' });
        break;
      case 'help':
        term.print([t(lang, 'help')]);
        break;
      case 'scroll-up':
        term.scroll(page, paneWindow({ ...paneProps, scrollOffset: 0 }).maxOffset + 1);
        break;
      case 'scroll-down':
        term.scroll(-page);
        break;
      case 'escape':
        break;
    }
  });

  const tooSmall = tooSmallNotice(columns, rows, lang, theme);
  if (tooSmall) return tooSmall;

  const title = localize(snapshot.context.scenario.title, lang);
  const status = (
    <StatusBar
      title={title}
      elapsedMs={snapshot.context.elapsedMs}
      mode={mode}
      busy={term.busy}
      lang={lang}
      width={columns}
      theme={theme}
    />
  );

  if (mode === 'briefing') {
    return (
      <Box flexDirection="column" width={columns} height={layout.height}>
        <BriefingView scenario={snapshot.context.scenario} lang={lang} width={columns} height={layout.height - 1} theme={theme} />
        {status}
      </Box>
    );
  }

  const panel = (
    <TaskPanel
      session={snapshot.context}
      lang={lang}
      width={layout.panel.width}
      height={layout.panel.height}
      theme={theme}
    />
  );
  return (
    <Box flexDirection="column" width={columns} height={layout.height}>
      {layout.side ? (
        <Box flexDirection="row" height={layout.terminal.height}>
          <Box borderStyle="single" borderTop={false} borderBottom={false} borderLeft={false}>
            {panel}
          </Box>
          <Box marginLeft={1}>
            <TerminalPane {...paneProps} />
          </Box>
        </Box>
      ) : (
        <>
          <Box borderStyle="single" borderTop={false} borderLeft={false} borderRight={false}>
            {panel}
          </Box>
          <TerminalPane {...paneProps} />
        </>
      )}
      {status}
    </Box>
  );
}

interface Layout {
  side: boolean;
  /** Rows the app draws: one less than the screen, because Ink clears the whole terminal on every
   *  frame once a frame is as tall as the screen (ink.js, lastOutputHeight >= rows). */
  height: number;
  panel: { width: number; height: number };
  terminal: { width: number; height: number };
}

export function computeLayout(columns: number, rows: number): Layout {
  const height = Math.max(1, rows - 1);
  const usable = height - 1; // the status bar
  if (columns >= SIDE_LAYOUT_COLUMNS) {
    const panelWidth = Math.min(48, Math.floor(columns / 3));
    // The panel's right border takes a column, the gap before the terminal another.
    return {
      side: true,
      height,
      panel: { width: panelWidth, height: usable },
      terminal: { width: columns - panelWidth - 2, height: usable },
    };
  }
  const panelHeight = Math.min(10, Math.floor(usable / 3));
  return {
    side: false,
    height,
    panel: { width: columns, height: panelHeight },
    terminal: { width: columns, height: usable - panelHeight - 1 },
  };
}

function statusMode(snapshot: SessionView): StatusMode {
  for (const mode of ['briefing', 'checking', 'confirmingSolution', 'passed'] as const) {
    if (snapshot.matches(mode)) return mode;
  }
  return 'working';
}

function isKey(press: KeyPress, name: string, modifier?: 'ctrl'): boolean {
  if (press.kind !== 'key' || press.name !== name) return false;
  return modifier === 'ctrl' ? press.ctrl : !press.ctrl && !press.meta;
}

/** Print hints, the solution and check results into the terminal as the session reveals them. */
function useSessionNotes(snapshot: SessionView, lang: Lang, print: (lines: readonly string[]) => void): void {
  const previous = useRef(snapshot);
  useEffect(() => {
    const before = previous.current;
    previous.current = snapshot;
    if (before === snapshot) return;
    const now = snapshot.context;
    const was = before.context;
    if (now.hintCount > was.hintCount) {
      const taskId = Object.keys(now.hintsRevealed).find(
        (id) => (now.hintsRevealed[id] ?? 0) > (was.hintsRevealed[id] ?? 0),
      );
      if (taskId) print(hintNote(now, taskId, lang));
    }
    if (now.solutionRevealed && !was.solutionRevealed) print(solutionNote(now.scenario, lang));
    if (now.gradedAttempt !== was.gradedAttempt) print(checkNote(now, lang));
  }, [snapshot, lang, print]);
}
