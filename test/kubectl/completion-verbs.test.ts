// Tab completion for edit, patch, label and annotate: resource types, their flags and --type values.
import { describe, expect, it } from 'vitest';
import { kubectlCompletion } from '../../src/shell/completion-kubectl';

function complete(args: string[], word: string) {
  return kubectlCompletion(args, { wordStart: 0, wordRaw: word, start: 0, raw: word });
}

describe('kubectl completion of the write verbs', () => {
  it.each([
    [['patch'], 'po', ['pods', 'poddisruptionbudgets', 'podtemplates', 'po'].sort()],
    [['label'], 'deplo', ['deploy', 'deployments']],
    [['patch', 'pod', 'x', '--type'], 'm', ['merge']],
    [['patch', 'pod', 'x'], '--patch', ['--patch', '--patch-file']],
    [['label', 'pod', 'x'], '--over', ['--overwrite']],
    [['annotate', 'pod', 'x'], '--li', ['--list']],
    [['edit', 'pod', 'x'], '--output-', ['--output-patch']],
  ])('%j %j', (args, word, want) => {
    expect(complete(args, word)).toEqual({ start: 0, candidates: want });
  });

  it('completes file names after --patch-file', () => {
    expect(complete(['patch', 'pod', 'x', '--patch-file'], 'p')).toBe('default');
  });
});
