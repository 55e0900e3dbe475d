// `falco -L` / `-l <rule>`: the rule/description table Falco prints with printf("%-50s %s").
import type { RuleSummary } from '../engine';

/** Falco's wrap_text: words joined by spaces, a new line (indented) when a line would pass the width. */
export function wrapText(text: string, indent = 51, lineLen = 110): string {
  let out = '';
  let len = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (len + word.length + 1 > lineLen - indent) {
      out += `\n${' '.repeat(indent)}`;
      len = 0;
    }
    out += `${word} `;
    len += word.length + 1;
  }
  return out;
}

const row = (a: string, b: string): string => `${a.padEnd(50)} ${b}\n`;

/** The whole listing; with `only`, just that rule (an unknown name lists nothing). */
export function formatRulesList(rules: RuleSummary[], only?: string): string {
  let out = row('Rule', 'Description') + row('----', '-----------');
  for (const r of rules) {
    if (only !== undefined && r.name !== only) continue;
    out += row(r.name, `${wrapText(r.desc)}\n`);
  }
  return out;
}
