// Scenario loader: valid files load with defaults; malformed ones give positioned errors, never throw.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument, stringify } from 'yaml';
import { formatLoadErrors, loadScenario, type LoadError } from '../../src/scenarios/load';

const fixture = readFileSync(
  fileURLToPath(new URL('./fixtures/falco-write-below-etc.yaml', import.meta.url)),
  'utf8',
);

function errorsOf(text: string): LoadError[] {
  const r = loadScenario(text);
  if (r.ok) throw new Error('expected the scenario to be rejected');
  return r.errors;
}

/** The fixture with one edit applied through yaml's document model (keeps the rest of the file). */
function edited(edit: (doc: ReturnType<typeof parseDocument>) => void): string {
  const doc = parseDocument(fixture);
  edit(doc);
  return doc.toString();
}

describe('loadScenario on a valid file', () => {
  it('loads the fixture and applies defaults', () => {
    const r = loadScenario(fixture);
    if (!r.ok) throw new Error(formatLoadErrors('fixture', r.errors));
    const s = r.scenario;
    expect(s.id).toBe('falco-write-below-etc');
    expect(s.tasks.map((t) => t.id)).toEqual(['find-rule', 'change-output']);
    expect(s.setup[1]).toMatchObject({ type: 'write-file', owner: 'root:root', mode: '0644' });
    const alert = s.checks.find((c) => c.id === 'new-output-logged');
    expect(alert).toMatchObject({ type: 'falco-alert', sinceSetup: true, channel: 'any' });
    const journal = s.checks.find((c) => c.id === 'alert-seen');
    expect(journal).toMatchObject({ type: 'journal-contains', sinceSetup: true });
  });

  it('accepts a scenario with no setup and no hints', () => {
    const text = edited((d) => {
      d.delete('setup');
      d.deleteIn(['tasks', 0, 'hints']);
    });
    const r = loadScenario(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.setup).toEqual([]);
      expect(r.scenario.tasks[0]!.hints).toEqual([]);
    }
  });

  it('allows a few YAML anchors for repeated text', () => {
    const text = edited((d) => {
      d.setIn(['checks', 0, 'failMessage'], d.createNode({ en: 'same', zh: '相同' }));
    }).replace('failMessage:\n      en: same', 'failMessage: &msg\n      en: same');
    expect(text).toContain('&msg');
    expect(loadScenario(text).ok).toBe(true);
  });
});

describe('loadScenario on malformed files', () => {
  it.each<[string, (d: ReturnType<typeof parseDocument>) => void, Partial<LoadError>]>([
    ['wrong apiVersion', (d) => d.set('apiVersion', 'cks-lab/v2'), { path: 'apiVersion', line: 1, col: 13, message: 'unsupported apiVersion "cks-lab/v2"; this cks-lab reads cks-lab/v1' }],
    ['wrong kind', (d) => d.set('kind', 'Pod'), { path: 'kind', line: 2, message: 'kind must be "Scenario"' }],
    ['unknown top-level field', (d) => d.set('author', 'me'), { path: 'author', message: 'unknown field "author"' }],
    ['missing zh title', (d) => d.deleteIn(['title', 'zh']), { path: 'title.zh', line: 5, col: 3, message: 'missing required field "zh"' }],
    ['empty English summary', (d) => d.setIn(['summary', 'en'], '  '), { path: 'summary.en', message: 'English text must not be empty' }],
    ['unknown check type', (d) => d.setIn(['checks', 0, 'type'], 'file-smells'), { path: 'checks[0].type', line: 66, col: 11 }],
    ['missing check type', (d) => d.deleteIn(['checks', 0, 'type']), { path: 'checks[0].type' }],
    ['bad regex', (d) => d.setIn(['checks', 0, 'pattern'], 'File (below'), { path: 'checks[0].pattern', line: 69, message: 'invalid regular expression: /File (below/: Unterminated group' }],
    ['unknown node', (d) => d.setIn(['checks', 0, 'node'], 'worker'), { path: 'checks[0].node', message: 'unknown node "worker"; expected one of: kube-control-plane, kube-worker-1' }],
    ['dangling check reference', (d) => d.setIn(['tasks', 1, 'checks', 1], 'nope'), { path: 'tasks[1].checks[1]', message: 'task "change-output" refers to check "nope", which is not defined under checks' }],
    ['duplicate task id', (d) => d.setIn(['tasks', 1, 'id'], 'find-rule'), { path: 'tasks[1].id', message: 'duplicate task id "find-rule"' }],
    ['unknown setup step', (d) => d.setIn(['setup', 2, 'type'], 'sleep'), { path: 'setup[2].type', message: 'setup step type must be one of: kubectl-apply, run, write-file, wait' }],
    ['numeric file mode', (d) => d.setIn(['setup', 1, 'mode'], 644), { path: 'setup[1].mode', message: 'mode must be a quoted octal string such as "0644"' }],
    ['zero wait', (d) => d.setIn(['setup', 2, 'seconds'], 0), { path: 'setup[2].seconds', message: 'seconds must be greater than 0' }],
    ['broken inline manifest', (d) => d.setIn(['setup', 0, 'manifest'], 'kind: Pod\n  metadata: [x\n'), { path: 'setup[0].manifest' }],
    ['task without checks', (d) => d.setIn(['tasks', 0, 'checks'], d.createNode([])), { path: 'tasks[0].checks' }],
    ['bad id', (d) => d.set('id', 'Falco_Lab'), { path: 'id' }],
    ['fractional minutes', (d) => d.set('estimatedMinutes', 2.5), { path: 'estimatedMinutes' }],
  ])('%s', (_name, edit, expected) => {
    const errors = errorsOf(edited(edit));
    expect(errors[0]).toMatchObject(expected);
  });

  it('reports a check that no task uses', () => {
    const errors = errorsOf(edited((d) => d.setIn(['tasks', 0, 'checks'], d.createNode(['rule-output']))));
    expect(errors).toContainEqual(
      expect.objectContaining({ path: 'checks[0].id', message: 'check "alert-seen" is not used by any task' }),
    );
  });

  it('points an unknown key at the key itself', () => {
    const text = fixture.replace('    unit: falco\n', '    unit: falco\n    since: 5m\n');
    const errors = errorsOf(text);
    expect(errors).toEqual([{ path: 'checks[0].since', line: 69, col: 5, message: 'unknown field "since"' }]);
  });

  it.each<[string, string, Partial<LoadError>]>([
    ['empty file', '', { path: '', message: 'a scenario file must be a YAML mapping (apiVersion, kind, id, …)' }],
    ['a list', '- a\n- b\n', { path: '', line: 1, col: 1 }],
    ['a scalar', 'hello\n', { path: '' }],
    ['bad indentation', 'apiVersion: cks-lab/v1\n kind: Scenario\n', { path: '', line: 1, col: 13 }],
    ['duplicate key', 'id: a\nid: b\n', { line: 2, col: 1, message: expect.stringContaining('duplicate key') as unknown as string }],
    ['two documents', 'id: a\n---\nid: b\n', { line: 2 }],
    ['unclosed flow', 'title: {en: x\n', { path: '' }],
    ['custom tag', 'id: !!js/function "x"\n', { message: expect.stringContaining('tags are not allowed') as unknown as string }],
  ])('rejects %s', (_name, text, expected) => {
    expect(errorsOf(text)[0]).toMatchObject(expected);
  });

  it('refuses a billion-laughs alias bomb', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      'g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
      '',
    ].join('\n');
    expect(errorsOf(bomb)).toEqual([
      { path: '', line: 1, col: 1, message: 'too many alias expansions (a YAML bomb?); scenario files may use only a few anchors' },
    ]);
  });

  it('refuses an oversized file', () => {
    const errors = errorsOf(`# ${'x'.repeat(600 * 1024)}\n`);
    expect(errors[0]!.message).toMatch(/too large/);
  });

  it('survives deeply nested flow collections', () => {
    const deep = `id: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    expect(loadScenario(deep).ok).toBe(false);
  });

  it('formats errors as file:line:col', () => {
    const errors = errorsOf(edited((d) => d.set('kind', 'Pod')));
    expect(formatLoadErrors('lab.yaml', errors)).toBe('lab.yaml:2:7: kind: kind must be "Scenario"');
  });
});

describe('loadScenario under random input', () => {
  const isWellFormed = (e: LoadError) =>
    Number.isInteger(e.line) && e.line >= 1 && Number.isInteger(e.col) && e.col >= 1 && e.message.length > 0;

  it('never throws on arbitrary text and always positions its errors', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = loadScenario(text);
        return r.ok || (r.errors.length > 0 && r.errors.every(isWellFormed));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary YAML values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const r = loadScenario(stringify(value));
        return !r.ok && r.errors.every(isWellFormed);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects the fixture with any single field replaced by a wrong-typed value', () => {
    const original = parseDocument(fixture).toJS() as Record<string, unknown>;
    const paths = leafPaths(original);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.oneof(fc.constant(null), fc.constant(-1), fc.dictionary(fc.string(), fc.string(), { minKeys: 1 })),
        (path, value) => {
          const doc = parseDocument(fixture);
          doc.setIn(path, doc.createNode(value));
          const r = loadScenario(doc.toString());
          if (r.ok) return false;
          return r.errors.every(isWellFormed);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('line of the first error lies within the file', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: fixture.length - 1 }), fc.string({ maxLength: 5 }), (at, junk) => {
        const text = fixture.slice(0, at) + junk + fixture.slice(at);
        const r = loadScenario(text);
        if (r.ok) return true;
        const lines = text.split('\n').length;
        return r.errors.every((e) => isWellFormed(e) && e.line <= lines + 1);
      }),
      { numRuns: 200 },
    );
  });
});

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  }
  return [prefix];
}
