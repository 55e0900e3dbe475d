// Every program the lab's executables can name, gathered into one registry.

import { CommandRegistry } from '../commands/registry';
import { coreCommands } from '../commands/core-set';
import { daemons } from '../commands/daemon';
import { ssh } from '../commands/ssh';

export function programRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  for (const c of [...coreCommands, ...daemons, ssh]) r.add(c);
  return r;
}
