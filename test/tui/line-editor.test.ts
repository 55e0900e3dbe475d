// The line editor reducer: readline editing keys, kill ring, history with draft, completion, effects.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createLineEditor,
  reduceLineEditor,
  type EditorKey,
  type LineEditorState,
} from '../../src/tui/line-editor';

/** `"kubectl g|et"`: the text with `|` where the cursor is. */
function at(spec: string, history: string[] = []): LineEditorState {
  const cursor = spec.indexOf('|');
  return { ...createLineEditor(history), buffer: spec.replace('|', ''), cursor };
}

function show(s: LineEditorState): string {
  return s.buffer.slice(0, s.cursor) + '|' + s.buffer.slice(s.cursor);
}

function press(s: LineEditorState, ...keys: (EditorKey | EditorKey['type'] | string)[]): LineEditorState {
  return keys.reduce<LineEditorState>((acc, k) => {
    const key: EditorKey =
      typeof k !== 'string' ? k : isKeyType(k) ? ({ type: k } as EditorKey) : { type: 'insert', text: k };
    return reduceLineEditor(acc, key);
  }, s);
}

const KEY_TYPES = new Set([
  'left', 'right', 'word-left', 'word-right', 'home', 'end', 'backspace', 'delete', 'delete-or-eof',
  'kill-to-start', 'kill-to-end', 'kill-word-back', 'yank', 'yank-pop', 'history-prev', 'history-next',
  'cancel', 'submit', 'clear-screen', 'tab',
]);
function isKeyType(k: string): k is EditorKey['type'] {
  return KEY_TYPES.has(k);
}

describe('editing keys', () => {
  it.each<[string, string, EditorKey['type'][] | string[], string]>([
    ['insert at the cursor', 'kubectl g|', ['et'], 'kubectl get|'],
    ['insert in the middle', 'kub|ctl', ['e'], 'kube|ctl'],
    ['left', 'ab|', ['left'], 'a|b'],
    ['left stops at the start', '|ab', ['left'], '|ab'],
    ['right stops at the end', 'ab|', ['right'], 'ab|'],
    ['home (Ctrl-A)', 'kubectl get po|', ['home'], '|kubectl get po'],
    ['end (Ctrl-E)', '|kubectl', ['end'], 'kubectl|'],
    ['backspace', 'ab|c', ['backspace'], 'a|c'],
    ['backspace at the start does nothing', '|ab', ['backspace'], '|ab'],
    ['delete', 'a|bc', ['delete'], 'a|c'],
    ['delete at the end does nothing', 'ab|', ['delete'], 'ab|'],
    ['Ctrl-D deletes under the cursor', 'a|bc', ['delete-or-eof'], 'a|c'],
    ['Ctrl-U kills to the start', 'kubectl get| po', ['kill-to-start'], '| po'],
    ['Ctrl-K kills to the end', 'kubectl get| po', ['kill-to-end'], 'kubectl get|'],
    ['Ctrl-W kills the previous word', 'kubectl get po|', ['kill-word-back'], 'kubectl get |'],
    ['Ctrl-W skips trailing spaces', 'kubectl get   |', ['kill-word-back'], 'kubectl |'],
    ['Ctrl-W treats -o=yaml as one word', 'k get po -o=yaml|', ['kill-word-back'], 'k get po |'],
    ['Alt-B moves to the word start', 'cat /etc/falco|', ['word-left'], 'cat /etc/|falco'],
    ['Alt-F moves past the next word', 'cat| /etc/falco', ['word-right'], 'cat /etc|/falco'],
    ['Ctrl-U then Ctrl-Y restores', 'abc def|', ['kill-to-start', 'yank'], 'abc def|'],
    ['consecutive Ctrl-W kills yank back as one', 'a b c|', ['kill-word-back', 'kill-word-back', 'yank'], 'a b c|'],
    ['yank inserts at the cursor', 'one two|', ['kill-word-back', 'home', 'yank'], 'two|one '],
    ['yank-pop cycles to the older kill', 'aa bb|', ['kill-word-back', 'end', 'backspace', 'kill-word-back', 'yank', 'yank-pop'], 'bb|'],
    ['CJK characters move as one', '日本|', ['left', 'backspace'], '|本'],
    ['astral characters move as one code point', 'a😀|', ['left'], 'a|😀'],
    ['backspace removes a whole astral character', 'a😀|', ['backspace'], 'a|'],
  ])('%s', (_name, start, keys, expected) => {
    expect(show(press(at(start), ...keys))).toBe(expected);
  });

  it('paste keeps line breaks (normalised) and drops other control characters', () => {
    const s = press(at('|'), { type: 'insert', text: "cat <<EOF\r\nx\x07y\rEOF" });
    expect(s.buffer).toBe('cat <<EOF\nxy\nEOF');
  });

  it('yank with an empty kill ring rings the bell', () => {
    expect(press(at('a|'), 'yank').effect).toEqual({ type: 'bell' });
  });

  it('yank-pop not right after a yank rings the bell', () => {
    expect(press(at('a b|'), 'kill-word-back', 'yank-pop').effect).toEqual({ type: 'bell' });
  });

  it('a movement between kills starts a new kill-ring entry', () => {
    const s = press(at('aa bb|'), 'kill-word-back', 'left', 'kill-word-back');
    expect(s.killRing).toEqual(['bb', 'aa']);
  });
});

describe('line effects', () => {
  it('Enter submits the line, clears it and records history', () => {
    const s = press(at('kubectl get po|'), 'submit');
    expect(s.effect).toEqual({ type: 'submit', line: 'kubectl get po' });
    expect(show(s)).toBe('|');
    expect(s.history).toEqual(['kubectl get po']);
  });

  it('blank lines and immediate repeats are not added to history', () => {
    const s = press(at('ls|'), 'submit', 'ls', 'submit', '  ', 'submit');
    expect(s.history).toEqual(['ls']);
    expect(s.effect).toEqual({ type: 'submit', line: '  ' });
  });

  it('Ctrl-C cancels the line without submitting it', () => {
    const s = press(at('rm -rf /|'), 'cancel');
    expect(s.effect).toEqual({ type: 'cancel', line: 'rm -rf /' });
    expect(s.buffer).toBe('');
    expect(s.history).toEqual([]);
  });

  it('Ctrl-D on an empty line is end of input', () => {
    expect(press(at('|'), 'delete-or-eof').effect).toEqual({ type: 'eof' });
  });

  it('Ctrl-L asks for a clear screen and keeps the line', () => {
    const s = press(at('ab|'), 'clear-screen');
    expect(s.effect).toEqual({ type: 'clear-screen' });
    expect(show(s)).toBe('ab|');
  });

  it('the effect lasts for one key only', () => {
    expect(press(at('ls|'), 'submit', 'x').effect).toBeNull();
  });
});

describe('history', () => {
  const history = ['ssh kube-worker-1', 'sudo journalctl -fu falco'];

  it('↑ recalls the newest entry first, then older ones, and stops at the oldest', () => {
    const s1 = press(at('|', history), 'history-prev');
    expect(show(s1)).toBe('sudo journalctl -fu falco|');
    const s2 = press(s1, 'history-prev');
    expect(show(s2)).toBe('ssh kube-worker-1|');
    const s3 = press(s2, 'history-prev');
    expect(show(s3)).toBe('ssh kube-worker-1|');
    expect(s3.effect).toEqual({ type: 'bell' });
  });

  it('↓ past the newest entry brings back the draft being typed', () => {
    const s = press(at('kubectl lo|', history), 'history-prev', 'history-prev', 'history-next', 'history-next');
    expect(show(s)).toBe('kubectl lo|');
    expect(s.historyIndex).toBeNull();
  });

  it('↓ without browsing rings the bell', () => {
    expect(press(at('x|', history), 'history-next').effect).toEqual({ type: 'bell' });
  });

  it('submitting a recalled entry appends it again only if it is not the newest', () => {
    const s = press(at('|', history), 'history-prev', 'history-prev', 'submit');
    expect(s.history).toEqual([...history, 'ssh kube-worker-1']);
    expect(s.historyIndex).toBeNull();
  });

  it('history is capped at 1000 entries', () => {
    const long = Array.from({ length: 1000 }, (_, i) => `echo ${i}`);
    const s = press(at('|', long), 'new', 'submit');
    expect(s.history).toHaveLength(1000);
    expect(s.history[0]).toBe('echo 1');
    expect(s.history[999]).toBe('new');
  });
});

describe('completion', () => {
  const answer = (start: number, ...candidates: string[]): EditorKey => ({ type: 'completion', start, candidates });

  it('Tab asks the shell for completions of the line at the cursor', () => {
    expect(press(at('kubectl ge|'), 'tab').effect).toEqual({ type: 'complete', line: 'kubectl ge', cursor: 10 });
  });

  it.each<[string, string, EditorKey, string]>([
    ['a single candidate completes the word and adds a space', 'kubectl ge|', answer(8, 'get'), 'kubectl get |'],
    ['a directory candidate adds no space', 'cat /etc/fa|', answer(4, '/etc/falco/'), 'cat /etc/falco/|'],
    ['several candidates extend the shared prefix', 'kubectl d|', answer(8, 'describe', 'delete'), 'kubectl de|'],
    ['completion keeps the text after the cursor', 'ls /etc/fa| -l', answer(3, '/etc/falco/'), 'ls /etc/falco/| -l'],
  ])('%s', (_name, start, key, expected) => {
    expect(show(press(at(start), 'tab', key))).toBe(expected);
  });

  it('the first ambiguous Tab rings, the second lists the candidates', () => {
    const first = press(at('kubectl de|'), 'tab', answer(8, 'describe', 'delete'));
    expect(first.effect).toEqual({ type: 'bell' });
    const second = press(first, 'tab', answer(8, 'describe', 'delete'));
    expect(second.effect).toEqual({ type: 'list-candidates', candidates: ['delete', 'describe'] });
    expect(show(second)).toBe('kubectl de|');
  });

  it('no candidates rings the bell', () => {
    expect(press(at('xyz|'), 'tab', answer(0)).effect).toEqual({ type: 'bell' });
  });
});

describe('invariants under random keys', () => {
  const keyArb: fc.Arbitrary<EditorKey> = fc.oneof(
    fc.string({ maxLength: 4 }).map((text) => ({ type: 'insert', text }) as EditorKey),
    fc.constantFrom(...[...KEY_TYPES].map((type) => ({ type }) as EditorKey)),
    fc.record({
      type: fc.constant('completion' as const),
      start: fc.integer({ min: -3, max: 30 }),
      candidates: fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
    }),
  );

  it('the cursor always stays inside the buffer on a code point boundary', () => {
    fc.assert(
      fc.property(fc.array(keyArb, { maxLength: 40 }), fc.array(fc.string(), { maxLength: 3 }), (keys, history) => {
        let s = createLineEditor(history);
        for (const k of keys) {
          s = reduceLineEditor(s, k);
          if (s.cursor < 0 || s.cursor > s.buffer.length) return false;
          const code = s.buffer.charCodeAt(s.cursor);
          const prev = s.buffer.charCodeAt(s.cursor - 1);
          if (code >= 0xdc00 && code <= 0xdfff && prev >= 0xd800 && prev <= 0xdbff) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});
