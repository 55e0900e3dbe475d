// The field registry of the `syscall` event source.
import type { FalcoSyscallEvent } from '../event';
import { CONTAINER_FIELDS, K8S_FIELDS } from './container';
import { EVT_FIELDS } from './evt';
import { FD_FIELDS } from './fd';
import { PROC_FIELDS, USER_FIELDS } from './proc';
import { FieldRegistry } from './types';

let registry: FieldRegistry<FalcoSyscallEvent> | null = null;

export function syscallFields(): FieldRegistry<FalcoSyscallEvent> {
  registry ??= new FieldRegistry('syscall', [...EVT_FIELDS, ...PROC_FIELDS, ...USER_FIELDS, ...FD_FIELDS, ...CONTAINER_FIELDS, ...K8S_FIELDS]);
  return registry;
}
