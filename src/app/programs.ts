// Every program the lab's executables can name, gathered into one registry.

import { CommandRegistry } from '../commands/registry';
import { coreCommands } from '../commands/core-set';
import { daemons } from '../commands/daemon';
import { ssh } from '../commands/ssh';
import { ash, bash, dash } from '../commands/shell/bash';

export function programRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  for (const c of [...coreCommands, ...daemons, ssh, bash, dash, ash]) r.add(c);
  return r;
}
