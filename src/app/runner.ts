// LabRunner and GradingHost over a running Lab (setup steps, grading probes on world copies).

import type { GradingHost, LabRunner } from '../grading/runner';
import { runAs } from '../world/kernel/run-as';
import type { Lab } from './lab';
import { resumeLab } from './lab';

export function labRunner(lab: Lab): LabRunner {
  return {
    world: lab.world,
    run: (node, user, command, stdin) => runAs(lab.kernel, node, user, command, stdin),
    advance: (seconds) => lab.scheduler.advanceBy(seconds * 1e9),
    readFile: (node, path, containerId) => {
      try {
        return lab.kernel.vfsFor(node, { euid: 0, egid: 0, groups: [0], cwd: '/', containerId: containerId ?? null }).readFile(path);
      } catch {
        return null;
      }
    },
  };
}

/** Probes run on a copy of the world, so grading never changes what the learner sees. */
export function gradingHost(lab: Lab): GradingHost {
  return {
    live: labRunner(lab),
    probe: async () => labRunner(await resumeLab(lab.snapshot(), null)),
  };
}
