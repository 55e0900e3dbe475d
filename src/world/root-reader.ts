// Reading a node's configuration files as a root daemon does at start-up: a missing or unreadable
// file is null, a missing directory lists nothing; nothing is emitted as a syscall event.

import type { Kernel } from './kernel/kernel';

export interface RootReader {
  read(path: string): string | null;
  list(dir: string): string[];
}

export function rootReader(kernel: Kernel, nodeName: string): RootReader {
  const vfs = kernel.vfsFor(nodeName, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: null });
  return {
    read(path) {
      try {
        return vfs.readFile(path);
      } catch {
        return null;
      }
    },
    list(dir) {
      try {
        return vfs.readdir(dir);
      } catch {
        return [];
      }
    },
  };
}
