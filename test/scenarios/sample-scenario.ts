// A small three-task scenario built in code, shared by the session machine and TUI tests.
import { scenarioSchema, type Scenario, type ScenarioInput } from '../../src/scenarios/schema';

const text = (en: string, zh: string) => ({ en, zh });

export const sampleScenarioInput: ScenarioInput = {
  apiVersion: 'cks-lab/v1',
  kind: 'Scenario',
  id: 'immutable-hash',
  title: text('Immutable container', '不可变容器'),
  summary: text('Make the hash pod immutable.', '让 hash Pod 变为不可变。'),
  domain: 'monitoring-logging-runtime-security',
  difficulty: 'easy',
  estimatedMinutes: 15,
  briefing: text('Pod `hash` writes to /var/config.', 'Pod `hash` 会写入 /var/config。'),
  tasks: [
    {
      id: 'read-only-root',
      title: text('Read-only root filesystem', '只读根文件系统'),
      text: text('Set readOnlyRootFilesystem on the container.', '为容器设置 readOnlyRootFilesystem。'),
      checks: ['ro-field'],
      hints: [text('Pods cannot be patched: delete and recreate.', 'Pod 无法修改：删除后重建。'), text('kubectl replace --force', 'kubectl replace --force')],
    },
    {
      id: 'keep-writing',
      title: text('Keep the app working', '保持应用正常'),
      text: text('Mount an emptyDir at /var/config.', '在 /var/config 挂载 emptyDir。'),
      checks: ['running', 'grows'],
      hints: [text('volumes: emptyDir: {}', 'volumes: emptyDir: {}')],
    },
    {
      id: 'prove-it',
      title: text('Prove it', '验证'),
      text: text('touch /x must fail.', 'touch /x 必须失败。'),
      checks: ['touch-fails'],
    },
  ],
  checks: [
    {
      id: 'ro-field',
      type: 'pod-field',
      name: 'hash',
      jsonpath: '{.spec.containers[0].securityContext.readOnlyRootFilesystem}',
      equals: 'true',
      description: text('Root filesystem is read-only', '根文件系统只读'),
      failMessage: text('readOnlyRootFilesystem is not true.', 'readOnlyRootFilesystem 不是 true。'),
    },
    {
      id: 'running',
      type: 'pod-running',
      name: 'hash',
      description: text('Pod hash is running', 'Pod hash 正在运行'),
      failMessage: text('Pod hash is not running.', 'Pod hash 没有运行。'),
    },
    {
      id: 'grows',
      type: 'file-grows',
      pod: 'hash',
      path: '/var/config/hash.txt',
      afterSeconds: 40,
      description: text('hash.txt keeps growing', 'hash.txt 持续增长'),
      failMessage: text('hash.txt does not grow.', 'hash.txt 没有增长。'),
    },
    {
      id: 'touch-fails',
      type: 'exec-fails',
      pod: 'hash',
      command: ['touch', '/x'],
      stderrPattern: 'Read-only file system',
      description: text('Writing the root fails', '写入根目录失败'),
      failMessage: text('touch /x succeeded.', 'touch /x 成功了。'),
    },
  ],
  solution: { en: 'Add securityContext and an emptyDir.', zh: '添加 securityContext 和 emptyDir。' },
};

export const sampleScenario: Scenario = scenarioSchema.parse(sampleScenarioInput);

/** Grading results where exactly the given check ids pass. */
export function resultsPassing(...ids: string[]) {
  return sampleScenario.checks.map((c) => ({
    id: c.id,
    passed: ids.includes(c.id),
    message: ids.includes(c.id) ? undefined : `${c.id} failed`,
  }));
}
