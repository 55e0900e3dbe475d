// Raw terminal input → key presses → bindings, for the sequences xterm, VTE and the Linux console send.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bindingFor } from '../../src/tui/keymap';
import { createKeyDecoder, decodeEscape, type KeyPress } from '../../src/tui/keys';

const k = (name: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean }> = {}): KeyPress => ({
  kind: 'key',
  name,
  ctrl: mods.ctrl ?? false,
  meta: mods.meta ?? false,
  shift: mods.shift ?? false,
});

describe('decodeEscape', () => {
  it.each<[string, string, KeyPress]>([
    ['up (CSI)', '\x1b[A', k('up')],
    ['left (SS3, application mode)', '\x1bOD', k('left')],
    ['home (xterm)', '\x1b[H', k('home')],
    ['home (rxvt)', '\x1b[7~', k('home')],
    ['end (vt)', '\x1b[4~', k('end')],
    ['delete', '\x1b[3~', k('delete')],
    ['page up', '\x1b[5~', k('pageup')],
    ['page down', '\x1b[6~', k('pagedown')],
    ['F1 (SS3)', '\x1bOP', k('f1')],
    ['F2 (SS3)', '\x1bOQ', k('f2')],
    ['F2 (Linux console)', '\x1b[[B', k('f2')],
    ['F5', '\x1b[15~', k('f5')],
    ['F9', '\x1b[20~', k('f9')],
    ['ctrl-right', '\x1b[1;5C', k('right', { ctrl: true })],
    ['alt-left', '\x1b[1;3D', k('left', { meta: true })],
    ['alt-left (ESC ESC form)', '\x1b\x1b[D', k('left', { meta: true })],
    ['shift-tab', '\x1b[Z', k('tab', { shift: true })],
    ['alt-b', '\x1bb', k('b', { meta: true })],
    ['alt-backspace', '\x1b\x7f', k('backspace', { meta: true })],
    ['alt-enter', '\x1b\r', k('return', { meta: true })],
    ['escape', '\x1b', k('escape')],
  ])('%s', (_name, seq, expected) => {
    expect(decodeEscape(seq)).toEqual(expected);
  });

  it('ignores unknown sequences', () => {
    expect(decodeEscape('\x1b[99~')).toBeNull();
    expect(decodeEscape('\x1b[?1;2c')).toBeNull();
  });
});

describe('createKeyDecoder', () => {
  it('splits fast-typed text at control characters', () => {
    expect(createKeyDecoder().push('ls -l\r\x03')).toEqual([
      { kind: 'text', text: 'ls -l', paste: false },
      k('return'),
      k('c', { ctrl: true }),
    ]);
  });

  it.each<[string, string, KeyPress]>([
    ['DEL is backspace', '\x7f', k('backspace')],
    ['BS is backspace', '\b', k('backspace')],
    ['tab', '\t', k('tab')],
    ['ctrl-a', '\x01', k('a', { ctrl: true })],
    ['ctrl-d', '\x04', k('d', { ctrl: true })],
  ])('%s', (_name, data, expected) => {
    expect(createKeyDecoder().push(data)).toEqual([expected]);
  });

  it('a bracketed paste is one text press, line breaks included, even across events', () => {
    const d = createKeyDecoder();
    expect(d.push('\x1b[200~')).toEqual([]);
    expect(d.push('cat <<EOF > p.yaml\rkind: Pod\r')).toEqual([]);
    expect(d.push('EOF\x1b[201~')).toEqual([{ kind: 'text', text: 'cat <<EOF > p.yaml\rkind: Pod\rEOF', paste: true }]);
    expect(d.push('x')).toEqual([{ kind: 'text', text: 'x', paste: false }]);
  });

  it('text around paste markers in one event is decoded on both sides', () => {
    expect(createKeyDecoder().push('a\x1b[200~b\rc\x1b[201~\r')).toEqual([
      { kind: 'text', text: 'a', paste: false },
      { kind: 'text', text: 'b\rc', paste: true },
      k('return'),
    ]);
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 12 }), { maxLength: 8 }), (events) => {
        const d = createKeyDecoder();
        for (const e of events) d.push(e);
        return true;
      }),
    );
  });
});

describe('bindingFor', () => {
  it.each<[string, KeyPress, unknown]>([
    ['text inserts', { kind: 'text', text: 'ls', paste: false }, { to: 'editor', key: { type: 'insert', text: 'ls' } }],
    ['Enter submits', k('return'), { to: 'editor', key: { type: 'submit' } }],
    ['Alt-Enter inserts a line break', k('return', { meta: true }), { to: 'editor', key: { type: 'insert', text: '\n' } }],
    ['Ctrl-A is home', k('a', { ctrl: true }), { to: 'editor', key: { type: 'home' } }],
    ['Ctrl-W kills a word', k('w', { ctrl: true }), { to: 'editor', key: { type: 'kill-word-back' } }],
    ['Ctrl-C cancels', k('c', { ctrl: true }), { to: 'editor', key: { type: 'cancel' } }],
    ['Ctrl-D deletes or ends input', k('d', { ctrl: true }), { to: 'editor', key: { type: 'delete-or-eof' } }],
    ['Ctrl-Right moves a word', k('right', { ctrl: true }), { to: 'editor', key: { type: 'word-right' } }],
    ['Alt-F moves a word', k('f', { meta: true }), { to: 'editor', key: { type: 'word-right' } }],
    ['Up is history', k('up'), { to: 'editor', key: { type: 'history-prev' } }],
    ['F2 is a hint', k('f2'), { to: 'lab', action: 'hint' }],
    ['F5 checks', k('f5'), { to: 'lab', action: 'check' }],
    ['F9 is the solution', k('f9'), { to: 'lab', action: 'solution' }],
    ['PageUp scrolls', k('pageup'), { to: 'lab', action: 'scroll-up' }],
    ['unbound Ctrl-G', k('g', { ctrl: true }), null],
    ['unbound F7', k('f7'), null],
  ])('%s', (_name, press, expected) => {
    expect(bindingFor(press)).toEqual(expected);
  });
});
