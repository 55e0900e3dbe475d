// `cks-lab sh`: the headless shell over a saved lab.

import { stateDirFor } from './persist';
import { openLab, saveLab, LabOpenError } from './open-lab';
import { runHeadless } from './headless';
import { parseCommandArgs, type CliIo } from './cli';
import { headlessEditor } from './editor';

export async function runShCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(args, {
    scenario: { type: 'string' },
    state: { type: 'string' },
    seed: { type: 'string' },
    echo: { type: 'boolean' },
  });
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !Number.isInteger(seed)) {
    io.stderr(`cks-lab sh: --seed must be an integer (got ${JSON.stringify(values.seed)})\n`);
    return 2;
  }
  const dir = stateDirFor(values.state, values.scenario);
  let opened;
  try {
    const openEditor = headlessEditor();
    opened = await openLab(dir, {
      ...(values.scenario ? { scenario: values.scenario } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(openEditor ? { hooks: { openEditor } } : {}),
    });
  } catch (e) {
    if (e instanceof LabOpenError) {
      io.stderr(`cks-lab sh: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const input = io.readStdin();
  const lines = input.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const status = await runHeadless(opened.lab, lines, { echo: !!values.echo, write: io.stdout });
  saveLab(dir, opened);
  return status;
}
