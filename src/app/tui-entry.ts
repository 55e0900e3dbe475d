// The TUI front door (`cks-lab`, `cks-lab start <id>`); loads Ink lazily so headless runs stay light.

import type { CliIo } from './cli';
import type { Lang } from './lang';

export async function runTui(args: string[], io: CliIo, lang: Lang): Promise<number> {
  const { startTui } = await import('./tui-app');
  return startTui(args, io, lang);
}
