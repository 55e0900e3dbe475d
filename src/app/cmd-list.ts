// `cks-lab list`: the scenarios, with the learner's progress from their state folders.

import { loadCatalogue } from './catalogue';
import { readJson, stateDirFor } from './persist';
import { SESSION_FILE, type SessionFile } from './open-lab';
import { parseCommandArgs, type CliIo } from './cli';
import type { Lang } from './lang';

export async function runListCommand(args: string[], io: CliIo, lang: Lang): Promise<number> {
  const { values } = parseCommandArgs(args, { json: { type: 'boolean' } });
  const cat = loadCatalogue();
  for (const p of cat.problems) io.stderr(`${p}\n`);
  const rows = cat.entries.map(({ scenario }) => {
    const session = readJson<SessionFile>(stateDirFor(undefined, scenario.id), SESSION_FILE);
    const status = session?.passed ? 'passed' : session ? 'started' : 'new';
    return { id: scenario.id, title: scenario.title[lang], difficulty: scenario.difficulty, estimatedMinutes: scenario.estimatedMinutes, status };
  });
  if (values.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const word: Record<string, string> = lang === 'zh' ? { passed: '已通过', started: '进行中', new: '未开始' } : { passed: 'passed', started: 'started', new: 'new' };
  const idw = Math.max(2, ...rows.map((r) => r.id.length));
  for (const r of rows) io.stdout(`${r.id.padEnd(idw)}  ${word[r.status]!.padEnd(8)}  ${r.difficulty.padEnd(6)}  ~${r.estimatedMinutes} min  ${r.title}\n`);
  return 0;
}
