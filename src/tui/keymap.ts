// Which key does what: lab actions on function keys, readline bindings for the input line.
import type { KeyPress } from './keys';
import type { EditorKey } from './line-editor';

/** Lab actions; every one also has a typed command for screen-reader users (the app's job). */
export type LabAction = 'hint' | 'check' | 'solution' | 'help' | 'scroll-up' | 'scroll-down' | 'escape';

export type Binding = { to: 'editor'; key: EditorKey } | { to: 'lab'; action: LabAction } | null;

const editor = (key: EditorKey): Binding => ({ to: 'editor', key });
const lab = (action: LabAction): Binding => ({ to: 'lab', action });

const CTRL: Record<string, EditorKey> = {
  a: { type: 'home' },
  e: { type: 'end' },
  b: { type: 'left' },
  f: { type: 'right' },
  u: { type: 'kill-to-start' },
  k: { type: 'kill-to-end' },
  w: { type: 'kill-word-back' },
  y: { type: 'yank' },
  p: { type: 'history-prev' },
  n: { type: 'history-next' },
  c: { type: 'cancel' },
  d: { type: 'delete-or-eof' },
  l: { type: 'clear-screen' },
  h: { type: 'backspace' },
};

const META: Record<string, EditorKey> = {
  b: { type: 'word-left' },
  f: { type: 'word-right' },
  y: { type: 'yank-pop' },
  backspace: { type: 'kill-word-back' },
  left: { type: 'word-left' },
  right: { type: 'word-right' },
  // Alt-Enter puts a line break in the buffer, for typing a heredoc as one submission.
  return: { type: 'insert', text: '\n' },
};

const PLAIN: Record<string, Binding> = {
  return: editor({ type: 'submit' }),
  tab: editor({ type: 'tab' }),
  backspace: editor({ type: 'backspace' }),
  delete: editor({ type: 'delete' }),
  left: editor({ type: 'left' }),
  right: editor({ type: 'right' }),
  home: editor({ type: 'home' }),
  end: editor({ type: 'end' }),
  up: editor({ type: 'history-prev' }),
  down: editor({ type: 'history-next' }),
  pageup: lab('scroll-up'),
  pagedown: lab('scroll-down'),
  escape: lab('escape'),
  f1: lab('help'),
  f2: lab('hint'),
  f5: lab('check'),
  f9: lab('solution'),
};

export function bindingFor(press: KeyPress): Binding {
  if (press.kind === 'text') return editor({ type: 'insert', text: press.text });
  if (press.ctrl && (press.name === 'left' || press.name === 'right')) {
    return editor({ type: press.name === 'left' ? 'word-left' : 'word-right' });
  }
  if (press.ctrl) {
    const k = CTRL[press.name];
    return k ? editor(k) : null;
  }
  if (press.meta) {
    const k = META[press.name];
    return k ? editor(k) : null;
  }
  return PLAIN[press.name] ?? null;
}
