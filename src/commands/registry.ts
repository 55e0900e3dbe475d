// The program registry: every program the simulator implements, by the name an executable names.

import type { Command } from './types';
import type { ProgramRegistry } from '../world/kernel/kernel';

export class CommandRegistry implements ProgramRegistry {
  private readonly map = new Map<string, Command>();
  constructor(commands: Command[] = []) {
    for (const c of commands) this.add(c);
  }
  add(c: Command, ...aliases: string[]): this {
    this.map.set(c.name, c);
    for (const a of aliases) this.map.set(a, c);
    return this;
  }
  get(name: string): Command | undefined {
    return this.map.get(name);
  }
  names(): string[] {
    return [...this.map.keys()].sort();
  }
}
