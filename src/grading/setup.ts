// Applies a scenario's setup steps to a fresh lab through the same mechanisms a learner uses.

import type { Scenario, SetupStep } from '../scenarios/schema';
import type { LabRunner } from './runner';

export class SetupError extends Error {}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export async function applySetupSteps(lab: LabRunner, steps: readonly SetupStep[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const where = `setup step ${i + 1} (${step.type})`;
    switch (step.type) {
      case 'kubectl-apply': {
        const r = await lab.run('kube-control-plane', 'root', 'kubectl --kubeconfig /etc/kubernetes/admin.conf apply -f -', step.manifest);
        if (r.status !== 0) throw new SetupError(`${where}: ${r.stderr.trim() || `exit ${r.status}`}`);
        break;
      }
      case 'run': {
        const r = await lab.run(step.node, step.user, step.script);
        if (r.status !== 0) throw new SetupError(`${where}: ${r.stderr.trim() || `exit ${r.status}`}`);
        break;
      }
      case 'write-file': {
        const dir = step.path.replace(/\/[^/]*$/, '') || '/';
        const script = [
          `mkdir -p ${shellQuote(dir)}`,
          `cat > ${shellQuote(step.path)}`,
          `chmod ${step.mode} ${shellQuote(step.path)}`,
          `chown ${step.owner} ${shellQuote(step.path)}`,
        ].join(' && ');
        const r = await lab.run(step.node, 'root', script, step.content);
        if (r.status !== 0) throw new SetupError(`${where}: ${r.stderr.trim() || `exit ${r.status}`}`);
        break;
      }
      case 'wait':
        await lab.advance(step.seconds);
        break;
    }
  }
}

export async function applyScenarioSetup(lab: LabRunner, scenario: Scenario): Promise<void> {
  await applySetupSteps(lab, scenario.setup);
}
