// `falco -L` lists rules in load order with descriptions wrapped at 110 columns.
import { describe, expect, it } from 'vitest';
import { formatRulesList } from '../../src/falco/output/rules-list';
import type { RuleSummary } from '../../src/falco/engine';

const rule = (name: string, desc: string): RuleSummary => ({ name, desc, priority: 4, source: 'syscall', tags: [], enabled: true, condition: '', output: '' });

describe('rules listing', () => {
  it('pads names to 50 columns, wraps descriptions and leaves a blank line after each rule', () => {
    const text = formatRulesList([
      rule('Write below etc', 'an attempt to write to any file below /etc'),
      rule('Read sensitive file untrusted', 'an attempt to read any sensitive file (e.g. files containing user/password/authentication information). Exceptions are made for known trusted programs.'),
    ]);
    expect(text).toBe(
      'Rule                                               Description\n' +
        '----                                               -----------\n' +
        'Write below etc                                    an attempt to write to any file below /etc \n\n' +
        'Read sensitive file untrusted                      an attempt to read any sensitive file (e.g. files \n' +
        '                                                   containing user/password/authentication information). \n' +
        '                                                   Exceptions are made for known trusted programs. \n\n',
    );
  });

  it('-l lists one rule', () => {
    expect(formatRulesList([rule('A', 'a'), rule('B', 'b')], 'B').split('\n')[2]).toBe(`B${' '.repeat(50)}b `);
  });
});
