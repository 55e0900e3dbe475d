// The line editor where bash's own behaviour decides: a Tab that extends an ambiguous word rings and
// the next one lists (as `cat /etc/falco/falco_r<Tab><Tab>` does), and a line entered with echo off
// (a password) stays out of history.
import { describe, expect, it } from 'vitest';
import { createLineEditor, reduceLineEditor, type EditorKey, type LineEditorState } from '../../src/tui/line-editor';

const typed = (text: string, history: string[] = []): LineEditorState =>
  reduceLineEditor(createLineEditor(history), { type: 'insert', text });
const apply = (s: LineEditorState, ...keys: EditorKey[]) => keys.reduce(reduceLineEditor, s);

describe('Tab on an ambiguous word', () => {
  const rules = { type: 'completion', start: 4, candidates: ['/etc/falco/falco_rules.yaml', '/etc/falco/falco_rules.local.yaml'] } as const;

  it('extends the shared prefix and rings; the next Tab lists the candidates', () => {
    const first = apply(typed('cat /etc/falco/falco_r'), { type: 'tab' }, rules);
    expect(first.buffer).toBe('cat /etc/falco/falco_rules.');
    expect(first.effect).toEqual({ type: 'bell' });
    const second = apply(first, { type: 'tab' }, rules);
    expect(second.effect).toEqual({ type: 'list-candidates', candidates: ['/etc/falco/falco_rules.local.yaml', '/etc/falco/falco_rules.yaml'] });
    expect(second.buffer).toBe('cat /etc/falco/falco_rules.');
  });

  it('starts over after the learner types something in between', () => {
    const first = apply(typed('cat /etc/falco/falco_r'), { type: 'tab' }, rules);
    const next = apply(first, { type: 'insert', text: 'y' }, { type: 'backspace' }, { type: 'tab' }, rules);
    expect(next.effect).toEqual({ type: 'bell' });
  });
});

describe('submit', () => {
  it('remembers an entered line', () => {
    expect(apply(typed('ls -l', ['pwd']), { type: 'submit' }).history).toEqual(['pwd', 'ls -l']);
  });

  it('keeps a line entered with echo off out of history, and ↑ then shows the earlier one', () => {
    const s = apply(typed('hunter2', ['su -']), { type: 'submit', remember: false });
    expect(s.effect).toEqual({ type: 'submit', line: 'hunter2' });
    expect(s.history).toEqual(['su -']);
    expect(apply(s, { type: 'history-prev' }).buffer).toBe('su -');
  });
});
