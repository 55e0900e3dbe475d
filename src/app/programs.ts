// Every program the lab's executables can name, gathered into one registry.

import { CommandRegistry } from '../commands/registry';
import { coreCommands } from '../commands/core-set';
import { extraCommands } from '../commands/extra-set';
import { daemons } from '../commands/daemon';
import { ssh } from '../commands/ssh';
import { ash, bash, dash } from '../commands/shell/bash';
import { appletTable, createBusybox } from '../commands/busybox';
import { falcoPrograms } from '../commands/falco';
import { kubeCommands } from '../commands/kubectl';
import { etcdCommand, kubeApiserverCommand, kubeControllerManagerCommand, kubeletCommand, kubeSchedulerCommand, pauseCommand } from '../kube/programs';

export function programRegistry(): CommandRegistry {
  const r = new CommandRegistry();
  for (const c of [...coreCommands, ...extraCommands, ...daemons, ...falcoPrograms, ...kubeCommands, ssh, bash, dash, ash]) r.add(c);
  // Kubernetes' own processes (the kubelet replaces the plain daemon of the same name).
  for (const c of [kubeletCommand, kubeApiserverCommand, etcdCommand, kubeSchedulerCommand, kubeControllerManagerCommand, pauseCommand]) r.add(c);
  // busybox's applets are every program the lab implements, with its own ash as sh.
  r.add(createBusybox(appletTable([...coreCommands, ...extraCommands], { sh: ash, ash })));
  // Multi-call binaries named by the executable: Ubuntu's pidof is a link to killall5.
  const pidof = r.get('pidof');
  if (pidof) r.add(pidof, 'killall5');
  return r;
}
