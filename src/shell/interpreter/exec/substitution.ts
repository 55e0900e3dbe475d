// Command substitution: run a list in a subshell with stdout captured; trailing newlines removed.
import { CaptureOutput } from '../../../core/stream';
import type { CommandList } from '../../syntax/ast';
import type { Shell } from '../runtime';
import { executeList, subshellStatus } from './list';

export async function commandSubstitution(sh: Shell, body: CommandList): Promise<string> {
  const out = new CaptureOutput();
  const fds = new Map(sh.fds);
  fds.set(1, { output: out });
  const sub = sh.subshell(fds);
  const status = await subshellStatus(() => executeList(sub, body));
  sh.substitutionStatus = status;
  return out.text.replace(/\n+$/, '');
}
