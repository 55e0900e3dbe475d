// Dispatch one command node: simple command, function definition, or compound command.
import type { Command } from '../../syntax/ast';
import type { Shell } from '../runtime';
import { executeCompound } from './compound';
import { executeSimple } from './simple';

export async function executeCommand(sh: Shell, cmd: Command): Promise<number> {
  switch (cmd.type) {
    case 'Simple':
      return executeSimple(sh, cmd);
    case 'Function':
      sh.state.functions[cmd.name] = { body: cmd.body, text: cmd.text };
      return 0;
    default:
      return executeCompound(sh, cmd);
  }
}
