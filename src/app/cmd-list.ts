// `cks-lab list`: the scenarios, with the learner's progress from their state folders.

import { loadCatalogue } from './catalogue';
import { readJson, stateDirFor } from './persist';
import { SESSION_FILE, type SessionFile } from './open-lab';
import { parseCommandArgs, type CliIo } from './cli';
import type { Lang } from './lang';
import { displayWidth } from '../tui/display-width';
import { difficultyLabel, t } from '../tui/i18n';

export async function runListCommand(args: string[], io: CliIo, lang: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const cat = loadCatalogue();
  for (const p of cat.problems) io.stderr(`${p}\n`);
  const rows = cat.entries.map(({ scenario }) => {
    const session = readJson<SessionFile>(stateDirFor(undefined, scenario.id), SESSION_FILE);
    const status: 'passed' | 'started' | 'new' = session?.passed ? 'passed' : session ? 'started' : 'new';
    return { id: scenario.id, title: scenario.title[lang], difficulty: scenario.difficulty, estimatedMinutes: scenario.estimatedMinutes, status };
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  // The JSON above keeps the English words for scripts; the table speaks the learner's language.
  const cells = rows.map((r) => [
    r.id,
    t(lang, `status.${r.status}`),
    difficultyLabel(lang, r.difficulty),
    lang === 'zh' ? t(lang, 'aboutMinutes', { n: r.estimatedMinutes }) : `~${r.estimatedMinutes} min`,
    r.title,
  ]);
  const widths = [0, 1, 2, 3].map((c) => Math.max(c === 1 ? 8 : c === 2 ? 6 : 2, ...cells.map((row) => displayWidth(row[c]!))));
  for (const row of cells) {
    io.stdout(`${row.map((cell, c) => (c < widths.length ? cell + ' '.repeat(widths[c]! - displayWidth(cell)) : cell)).join('  ')}\n`);
  }
  return 0;
}
