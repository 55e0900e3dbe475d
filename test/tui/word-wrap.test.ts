// Word wrapping of prose for the task panel, briefing and picker: rows never wider than asked, breaks at
// spaces (none left at a row's start), paths kept whole, list items continued under their text, CJK
// broken between characters but not before closing punctuation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/tui/display-width';
import { hangingIndent, wrapText } from '../../src/tui/word-wrap';

describe('wrapText', () => {
  it.each<[string, string, number, string[]]>([
    ['short text stays on one row', 'find the rule', 40, ['find the rule']],
    ['breaks at the last space that fits, with no space starting the next row', 'aaa bbb ccc ddd', 8, ['aaa bbb', 'ccc ddd']],
    [
      'keeps a path whole by moving it to the next row',
      'Write it on a line of its own in `/home/vagrant/shell-container-id.txt` on kube-worker-1.',
      40,
      ['Write it on a line of its own in', '`/home/vagrant/shell-container-id.txt`', 'on kube-worker-1.'],
    ],
    ['cuts a word longer than a whole row where the row ends', 'see abcdefghijklmnopqrstuvwxyz here', 10, ['see', 'abcdefghij', 'klmnopqrst', 'uvwxyz', 'here']],
    ['cuts a path longer than a whole row after a slash', 'in `/home/vagrant/shell-container-id.txt` on', 37, ['in `/home/vagrant/', 'shell-container-id.txt` on']],
    ['cuts a long name after a hyphen', 'abc-defgh-ijklmno', 10, ['abc-defgh-', 'ijklmno']],
    ['moves a long path to the next row when no part of it fits after the text', 'some text /abcdefghij/klm', 12, ['some text', '/abcdefghij/', 'klm']],
    ['continues a numbered task title under its text', '· 3. Send alerts to a file instead of stdout', 39, ['· 3. Send alerts to a file instead of', '     stdout']],
    ['continues a bullet under its text', '- one two three four', 10, ['- one two', '  three', '  four']],
    ['keeps paragraphs and blank lines', 'one\n\ntwo', 10, ['one', '', 'two']],
    ['keeps a paragraph\'s indentation and continues under it', '    code line here', 12, ['    code', '    line', '    here']],
    ['drops trailing spaces', 'end   ', 10, ['end']],
    ['breaks Chinese between characters', '找到标记写入的规则', 8, ['找到标记', '写入的规', '则']],
    ['never starts a row with closing punctuation', '找到标记。写入', 8, ['找到标', '记。写入']],
    ['mixes Chinese and ASCII words', '在 kube-worker-1 上执行', 16, ['在 kube-worker-1', '上执行']],
  ])('%s', (_name, text, width, rows) => {
    expect(wrapText(text, width)).toEqual(rows);
  });

  it('takes an explicit hanging indent', () => {
    expect(wrapText('Hint 1/2: look at the journal of falco', 20, { hang: 2 })).toEqual(['Hint 1/2: look at', '  the journal of', '  falco']);
  });

  it.each([
    ['· 3. Title', 5],
    ['▸ 1. Title', 5],
    ['- item', 2],
    ['12) item', 4],
    ['  indented', 2],
    ['Plain text', 0],
    ['1.5 GB free', 0],
  ])('hanging indent of %j is %i', (text, hang) => {
    expect(hangingIndent(text)).toBe(hang);
  });

  const prose = fc
    .array(
      fc.oneof(
        fc.stringMatching(/^[a-z/._-]{1,30}$/),
        fc.constantFrom('的', '规则', '。', '（ID）', '`/etc/falco`', '·', '3.'),
      ),
      { maxLength: 40 },
    )
    .chain((words) => fc.tuple(fc.constant(words), fc.array(fc.constantFrom(' ', '  ', ''), { minLength: words.length, maxLength: words.length })))
    .map(([words, seps]) => words.map((w, i) => w + seps[i]).join(''));

  it('never makes a row wider than the width, and loses no visible character', () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 4, max: 80 }), (text, width) => {
        const rows = wrapText(text, width);
        for (const row of rows) expect(displayWidth(row)).toBeLessThanOrEqual(width);
        expect(rows.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      }),
    );
  });

  it('starts no continuation row with a space beyond its hanging indent', () => {
    fc.assert(
      fc.property(prose, fc.integer({ min: 4, max: 80 }), (text, width) => {
        const rows = wrapText(text, width, { hang: 0 });
        for (const row of rows.slice(1)) expect(row.startsWith(' ')).toBe(false);
      }),
    );
  });
});
