// UI strings: both languages complete, with the same placeholders; elapsed time formatting.
import { describe, expect, it } from 'vitest';
import { formatElapsed, messages, t, type MessageKey } from '../../src/tui/i18n';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n', () => {
  const keys = Object.keys(messages.en) as MessageKey[];

  it.each(keys)('%s has Chinese text with the same placeholders', (key) => {
    expect(messages.zh[key].trim()).not.toBe('');
    expect(placeholders(messages.zh[key])).toEqual(placeholders(messages.en[key]));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('en', 'tasksDone', { done: 1, total: 3 })).toBe('1/3 done');
    expect(t('zh', 'tasksDone', { done: 1 })).toBe('已完成 1/{total}');
  });

  it.each<[number, string]>([
    [0, '00:00'],
    [999, '00:00'],
    [65_000, '01:05'],
    [3_599_000, '59:59'],
    [3_600_000, '1:00:00'],
    [-5, '00:00'],
  ])('formatElapsed(%i) is %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
