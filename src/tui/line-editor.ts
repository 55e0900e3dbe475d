// The terminal's input line as a pure reducer: readline keys, history with the draft kept, a kill ring.

/** Keys the editor understands; src/tui/keymap.ts maps terminal key presses onto these. */
export type EditorKey =
  | { type: 'insert'; text: string }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'word-left' }
  | { type: 'word-right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'backspace' }
  | { type: 'delete' }
  /** Ctrl-D: delete under the cursor, or end of input on an empty line. */
  | { type: 'delete-or-eof' }
  | { type: 'kill-to-start' }
  | { type: 'kill-to-end' }
  /** Ctrl-W: back to the previous whitespace (unix-word-rubout). */
  | { type: 'kill-word-back' }
  | { type: 'yank' }
  /** Alt-Y right after a yank: replace it with the previous kill. */
  | { type: 'yank-pop' }
  | { type: 'history-prev' }
  | { type: 'history-next' }
  | { type: 'cancel' }
  /** Enter; `remember: false` keeps the line out of history (a password typed with echo off). */
  | { type: 'submit'; remember?: boolean }
  | { type: 'clear-screen' }
  | { type: 'tab' }
  /** The shell's answer to a `complete` effect: candidates for the text in [start, cursor). */
  | { type: 'completion'; start: number; candidates: readonly string[] };

/** What the caller must do after a key; the reducer itself stays pure. */
export type EditorEffect =
  | { type: 'submit'; line: string }
  | { type: 'cancel'; line: string }
  | { type: 'eof' }
  | { type: 'clear-screen' }
  | { type: 'complete'; line: string; cursor: number }
  | { type: 'list-candidates'; candidates: readonly string[] }
  | { type: 'bell' };

type LastAction = 'kill' | 'yank' | 'completion-stuck' | null;

export interface LineEditorState {
  readonly buffer: string;
  /** UTF-16 index into buffer, always on a code point boundary. */
  readonly cursor: number;
  /** Oldest first. */
  readonly history: readonly string[];
  /** Which history entry is shown while browsing with ↑/↓; null while editing the draft. */
  readonly historyIndex: number | null;
  /** The line being typed before ↑ was first pressed; ↓ past the newest entry brings it back. */
  readonly draft: string;
  /** Most recent kill last. */
  readonly killRing: readonly string[];
  readonly lastAction: LastAction;
  /** The span of the last yank and which ring entry it came from, for yank-pop. */
  readonly yank: { start: number; end: number; ringIndex: number } | null;
  /** Set by the key just applied; null when there is nothing for the caller to do. */
  readonly effect: EditorEffect | null;
}

export const MAX_HISTORY = 1000;
const MAX_KILL_RING = 30;

export function createLineEditor(history: readonly string[] = []): LineEditorState {
  return {
    buffer: '',
    cursor: 0,
    history: history.slice(-MAX_HISTORY),
    historyIndex: null,
    draft: '',
    killRing: [],
    lastAction: null,
    yank: null,
    effect: null,
  };
}

export function reduceLineEditor(state: LineEditorState, key: EditorKey): LineEditorState {
  const s: LineEditorState = { ...state, effect: null };
  const { buffer, cursor } = s;
  switch (key.type) {
    case 'insert': {
      const text = cleanInsert(key.text);
      if (text === '') return plain(s);
      return plain(edit(s, cursor, cursor, text));
    }
    case 'left':
      return plain({ ...s, cursor: prevBoundary(buffer, cursor) });
    case 'right':
      return plain({ ...s, cursor: nextBoundary(buffer, cursor) });
    case 'word-left':
      return plain({ ...s, cursor: wordStartBefore(buffer, cursor) });
    case 'word-right':
      return plain({ ...s, cursor: wordEndAfter(buffer, cursor) });
    case 'home':
      return plain({ ...s, cursor: 0 });
    case 'end':
      return plain({ ...s, cursor: buffer.length });
    case 'backspace':
      if (cursor === 0) return plain({ ...s, effect: { type: 'bell' } });
      return plain(edit(s, prevBoundary(buffer, cursor), cursor, ''));
    case 'delete':
      if (cursor === buffer.length) return plain(s);
      return plain(edit(s, cursor, nextBoundary(buffer, cursor), ''));
    case 'delete-or-eof':
      if (buffer === '') return plain({ ...s, effect: { type: 'eof' } });
      if (cursor === buffer.length) return plain(s);
      return plain(edit(s, cursor, nextBoundary(buffer, cursor), ''));
    case 'kill-to-start':
      return kill(s, 0, cursor, 'prepend');
    case 'kill-to-end':
      return kill(s, cursor, buffer.length, 'append');
    case 'kill-word-back':
      return kill(s, spaceWordStartBefore(buffer, cursor), cursor, 'prepend');
    case 'yank': {
      const text = s.killRing[s.killRing.length - 1];
      if (text === undefined) return plain({ ...s, effect: { type: 'bell' } });
      const next = edit(s, cursor, cursor, text);
      return {
        ...next,
        lastAction: 'yank',
        yank: { start: cursor, end: cursor + text.length, ringIndex: s.killRing.length - 1 },
      };
    }
    case 'yank-pop': {
      if (s.lastAction !== 'yank' || !s.yank || s.killRing.length === 0) {
        return plain({ ...s, effect: { type: 'bell' } });
      }
      const ringIndex = (s.yank.ringIndex - 1 + s.killRing.length) % s.killRing.length;
      const text = s.killRing[ringIndex]!;
      const next = edit(s, s.yank.start, s.yank.end, text);
      return { ...next, lastAction: 'yank', yank: { start: s.yank.start, end: s.yank.start + text.length, ringIndex } };
    }
    case 'history-prev': {
      if (s.history.length === 0 || s.historyIndex === 0) return plain({ ...s, effect: { type: 'bell' } });
      const index = s.historyIndex === null ? s.history.length - 1 : s.historyIndex - 1;
      const draft = s.historyIndex === null ? buffer : s.draft;
      const line = s.history[index]!;
      return plain({ ...s, historyIndex: index, draft, buffer: line, cursor: line.length });
    }
    case 'history-next': {
      if (s.historyIndex === null) return plain({ ...s, effect: { type: 'bell' } });
      if (s.historyIndex < s.history.length - 1) {
        const line = s.history[s.historyIndex + 1]!;
        return plain({ ...s, historyIndex: s.historyIndex + 1, buffer: line, cursor: line.length });
      }
      return plain({ ...s, historyIndex: null, buffer: s.draft, cursor: s.draft.length, draft: '' });
    }
    case 'cancel':
      return plain({ ...fresh(s), effect: { type: 'cancel', line: buffer } });
    case 'submit': {
      const last = s.history[s.history.length - 1];
      const remember = key.remember !== false && buffer.trim() !== '' && buffer !== last;
      const history = remember ? [...s.history, buffer].slice(-MAX_HISTORY) : s.history;
      return plain({ ...fresh(s), history, effect: { type: 'submit', line: buffer } });
    }
    case 'clear-screen':
      return plain({ ...s, effect: { type: 'clear-screen' } });
    case 'tab':
      // lastAction is kept so the completion that answers this Tab knows whether it is the second one.
      return { ...s, effect: { type: 'complete', line: buffer, cursor } };
    case 'completion':
      return complete(s, key.start, key.candidates);
  }
}

/** Readline-style prefix completion: one candidate completes the word, several extend the shared prefix. */
function complete(s: LineEditorState, rawStart: number, candidates: readonly string[]): LineEditorState {
  const start = Math.max(0, Math.min(rawStart, s.cursor));
  const word = s.buffer.slice(start, s.cursor);
  const unique = [...new Set(candidates)];
  if (unique.length === 0) return plain({ ...s, effect: { type: 'bell' } });
  if (unique.length === 1) {
    const only = unique[0]!;
    const suffix = only.endsWith('/') || only.endsWith('=') ? '' : ' ';
    return plain(edit(s, start, s.cursor, only + suffix));
  }
  const prefix = commonPrefix(unique);
  if (prefix.length > word.length && prefix.startsWith(word)) {
    // Still ambiguous, as bash rings here: the next Tab lists the candidates.
    return { ...edit(s, start, s.cursor, prefix), lastAction: 'completion-stuck', yank: null, effect: { type: 'bell' } };
  }
  if (s.lastAction === 'completion-stuck') {
    return plain({ ...s, effect: { type: 'list-candidates', candidates: [...unique].sort() } });
  }
  return { ...s, lastAction: 'completion-stuck', yank: null, effect: { type: 'bell' } };
}

function kill(s: LineEditorState, from: number, to: number, join: 'prepend' | 'append'): LineEditorState {
  if (from === to) return { ...s, lastAction: s.lastAction === 'kill' ? 'kill' : null, yank: null };
  const killed = s.buffer.slice(from, to);
  let ring = [...s.killRing];
  if (s.lastAction === 'kill' && ring.length > 0) {
    // Consecutive kills build one entry, as in readline, so Ctrl-W Ctrl-W then Ctrl-Y restores both words.
    const top = ring.pop()!;
    ring.push(join === 'prepend' ? killed + top : top + killed);
  } else {
    ring.push(killed);
  }
  ring = ring.slice(-MAX_KILL_RING);
  const next = edit(s, from, to, '');
  return { ...next, killRing: ring, lastAction: 'kill', yank: null };
}

function edit(s: LineEditorState, from: number, to: number, text: string): LineEditorState {
  return { ...s, buffer: s.buffer.slice(0, from) + text + s.buffer.slice(to), cursor: from + text.length };
}

function plain(s: LineEditorState): LineEditorState {
  return { ...s, lastAction: null, yank: null };
}

function fresh(s: LineEditorState): LineEditorState {
  return { ...s, buffer: '', cursor: 0, historyIndex: null, draft: '' };
}

/** Pasted line breaks stay (a heredoc is one submission); other control characters would corrupt the line. */
function cleanInsert(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

export function prevBoundary(text: string, i: number): number {
  if (i <= 0) return 0;
  return i >= 2 && isLowSurrogate(text.charCodeAt(i - 1)) ? i - 2 : i - 1;
}

export function nextBoundary(text: string, i: number): number {
  if (i >= text.length) return text.length;
  return isLowSurrogate(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
}

const isWordChar = (ch: string) => /[\p{L}\p{N}_]/u.test(ch);
const isSpace = (ch: string) => /\s/.test(ch);

function wordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && !isWordChar(text[j - 1]!)) j--;
  while (j > 0 && isWordChar(text[j - 1]!)) j--;
  return j;
}

function wordEndAfter(text: string, i: number): number {
  let j = i;
  while (j < text.length && !isWordChar(text[j]!)) j++;
  while (j < text.length && isWordChar(text[j]!)) j++;
  return j;
}

function spaceWordStartBefore(text: string, i: number): number {
  let j = i;
  while (j > 0 && isSpace(text[j - 1]!)) j--;
  while (j > 0 && !isSpace(text[j - 1]!)) j--;
  return j;
}

function commonPrefix(words: readonly string[]): string {
  let prefix = words[0] ?? '';
  for (const w of words) {
    while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  }
  return prefix;
}
