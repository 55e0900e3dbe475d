// Bad input never throws out of the engine: random and grammar-built conditions, the shipped rules
// files and falco.yaml mutated at random, each failure a load result or a message in Falco's wording.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/falco/condition/parser';
import { formatParseTree } from '../../src/falco/condition/tree';
import { loadFalcoConfig } from '../../src/falco/config/falco-config';
import { createFalcoEngine } from '../../src/falco/engine';
import { ERROR_CODES, loadResultsJson, type LoadResult } from '../../src/falco/rules/load-result';
import { parseRulesYaml } from '../../src/falco/rules/fast-yaml';
import { syscallEvent } from './helpers/random-events';

const asset = (name: string): string => readFileSync(new URL(`../../assets/falco/${name}`, import.meta.url), 'utf8');

/** Every message libsinsp 0.9.2's parser gives (reference §1.1), as the parser words them. */
const PARSER_MESSAGES = [
  /^filter input string is empty$/,
  /^unexpected token after '[^]*', expecting 'or', 'and'$/,
  /^expected blank or '\(' after '(and|or)'$/,
  /^exceeded max depth limit of \d+$/,
  /^expected a '\)' token$/,
  /^expected a '\]' token$/,
  /^expected a '\(' token, a field check, or an identifier$/,
  /^expected a valid field argument: a quoted string or a bare string$/,
  /^expected a number value$/,
  /^expected a string value$/,
  /^expected a list or an identifier$/,
  /^expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'intersects', 'in', 'pmatch'$/,
  /^invalid \\" escape in '-quoted string$/,
  /^invalid \\' escape in "-quoted string$/,
  /^unsupported string escape sequence: \\[^]$/,
];

/** Texts of JavaScript failures that must never reach a learner as a Falco message. */
const JS_LEAK = /TypeError|RangeError|ReferenceError|Maximum call stack|is not a function|Cannot read propert|\[object Object\]/;

function expectParserVerdict(cond: string): boolean {
  const r = parseCondition(cond, { maxDepth: 1000 });
  if (r.ok) {
    expect(typeof formatParseTree(r.expr)).toBe('string');
    return true;
  }
  expect(PARSER_MESSAGES.some((re) => re.test(r.message)), r.message).toBe(true);
  expect(r.pos.idx).toBeGreaterThanOrEqual(0);
  expect(r.pos.idx).toBeLessThanOrEqual(cond.length);
  return false;
}

/** A failed load is Falco's Invalid report: one error (the first stops the file), a known code, its wording. */
function expectLoadResult(r: LoadResult, name: string): void {
  const verbose = r.asString(true);
  const status = verbose.split('\n')[0];
  expect(JSON.parse(loadResultsJson([r])).falco_load_results[0].successful).toBe(r.successful);
  if (r.successful) {
    expect(status).toMatch(new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Ok(, with warnings)?$`));
    return;
  }
  expect(status).toBe(`${name}: Invalid`);
  expect(r.errors).toHaveLength(1);
  const e = r.errors[0]!;
  expect(Object.keys(ERROR_CODES)).toContain(e.code);
  expect(e.message).not.toBe('');
  expect(e.message).not.toMatch(JS_LEAK);
  expect(verbose).toContain(`\n1 Errors:\nIn rules content: (${name}:0:0)\n`);
  expect(verbose).toContain(`------\n${e.code} (${ERROR_CODES[e.code]}): ${e.message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Conditions

const STR_FIELDS = ['proc.name', 'proc.cmdline', 'proc.pname', 'fd.name', 'fd.nameraw', 'fd.directory', 'evt.type', 'evt.dir', 'user.name', 'container.id', 'container.image.repository', 'k8s.ns.name', 'fd.typechar'];
const ARG_FIELDS = ['proc.aname[2]', 'proc.aname', 'evt.arg[0]', 'evt.arg.flags', 'evt.arg[name]', 'proc.aname["1"]'];
const NUM_FIELDS = ['proc.pid', 'fd.num', 'user.uid', 'proc.tty', 'evt.rawres', 'user.loginuid', 'fd.sport'];
const ODD_FIELDS = ['foo.bar', 'proc.nobody', 'evt.arg', 'fd.name[3]', 'ka.verb', 'jevt.value[/stage]'];
const MACROS = ['spawned_process', 'container', 'open_write', 'never_true'];

const blank = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', ' \n ');
const bare = fc.stringMatching(/^[A-Za-z0-9_/.*:<>@+-][A-Za-z0-9_/.*:<>@+\-[\]]{0,11}$/);
/** libsinsp never closes a string on a quote right after a backslash, so `\\` cannot end one. */
const quoted = (q: string, parts: string[]): string => `${q}${parts.join('')}${parts[parts.length - 1] === '\\\\' ? 'x' : ''}${q}`;
const dq = fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9 _/.()=,'-]$/), fc.constantFrom('\\\\', '\\"', '\\n', '\\t', '\\/', '\\b')), { maxLength: 8 }).map((p) => quoted('"', p));
const sq = fc.array(fc.oneof(fc.stringMatching(/^[A-Za-z0-9 _/.()=,"-]$/), fc.constantFrom('\\\\', "\\'", '\\r', '\\f')), { maxLength: 8 }).map((p) => quoted("'", p));
const strValue = fc.oneof({ weight: 3, arbitrary: bare }, dq, sq);
const numValue = fc.oneof(fc.integer({ min: -99999, max: 99999 }).map(String), fc.constantFrom('0x1F', '0XfF', '1.5', '+3', '2e+3', '7.', '1E-2'));
const listValue = fc.oneof(
  fc.array(strValue, { maxLength: 4 }).chain((vs) => fc.tuple(blank, blank).map(([a, b]) => `(${a}${vs.join(`,${b}`)})`)),
  fc.constantFrom('shell_binaries', 'my_list', 'undefined_list'),
);
const field = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...STR_FIELDS) }, fc.constantFrom(...ARG_FIELDS), fc.constantFrom(...NUM_FIELDS), fc.constantFrom(...ODD_FIELDS));
const check = fc.oneof(
  field.map((f) => `${f} exists`),
  fc.tuple(field, fc.constantFrom('<=', '<', '>=', '>'), fc.constantFrom('', ' '), numValue).map(([f, op, b, v]) => `${f}${op}${b}${v}`),
  fc.tuple(field, fc.constantFrom('=', '==', '!='), fc.constantFrom('', ' '), strValue).map(([f, op, b, v]) => `${f} ${op}${b}${v}`),
  fc.tuple(field, fc.constantFrom('glob', 'contains', 'icontains', 'startswith', 'endswith', 'bcontains', 'bstartswith'), fc.oneof(strValue, fc.constantFrom('cafebabe', '0a'))).map(([f, op, v]) => `${f} ${op} ${v}`),
  fc.tuple(field, fc.constantFrom('in', 'intersects', 'pmatch'), fc.constantFrom('', ' '), listValue).map(([f, op, b, v]) => `${f} ${op}${b}${v}`),
  fc.constantFrom(...MACROS, 'undefined_macro'),
);
const { condition } = fc.letrec<{ condition: string; term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    check,
    fc.tuple(blank, tie('condition'), blank).map(([a, c, b]) => `(${a}${c}${b})`),
    tie('condition').map((c) => `not(${c})`),
    fc.tuple(blank, tie('term')).map(([b, t]) => `not${b}${t}`),
  ),
  condition: fc.oneof(
    { depthSize: 'small' },
    tie('term'),
    fc.tuple(tie('term'), fc.constantFrom('and', 'or'), blank, blank, tie('term')).map(([a, op, b1, b2, c]) => `${a}${b1}${op}${b2}${c}`),
  ),
}));

/** A rules file with the macros and lists the generated conditions may name, and one rule using `cond`. */
function ruleWith(cond: string): string {
  const indented = cond.split('\n').join('\n    ');
  return [
    '- list: shell_binaries',
    '  items: [bash, sh]',
    '- list: my_list',
    '  items: [a, "b c", shell_binaries]',
    '- macro: spawned_process',
    '  condition: evt.type in (execve, execveat) and evt.dir=<',
    '- macro: container',
    '  condition: container.id != host',
    '- macro: open_write',
    '  condition: evt.type in (open,openat,openat2) and evt.is_open_write=true and fd.typechar=\'f\' and fd.num>=0',
    '- macro: never_true',
    '  condition: evt.num=0',
    '- rule: Fuzzed',
    '  desc: a generated condition',
    '  condition: |-',
    `    ${indented}`,
    '  output: "%proc.name %fd.name %evt.arg[0] %proc.aname[2]"',
    '  priority: INFO',
    '',
  ].join('\n');
}

describe('the condition parser and compiler', () => {
  it('give a parse tree or a libsinsp message for any string', () => {
    const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'b.c', ' ', '(', ')', '[', ']', '"', "'", '\\', '=', '!', '<', 'not ', 'and', 'or', ',', 'in', 'exists', '\n', '0x', '1', 'glob '), maxLength: 30 }));
    fc.assert(
      fc.property(anyText, (text) => {
        expectParserVerdict(text);
      }),
      { numRuns: 1500 },
    );
  });

  it('parse every condition built from the 0.33 grammar', () => {
    fc.assert(
      fc.property(condition, (cond) => {
        const r = parseCondition(cond, { maxDepth: 1000 });
        expect(r.ok ? 'ok' : `${r.message} at ${r.pos.idx} in ${JSON.stringify(cond)}`).toBe('ok');
      }),
      { numRuns: 800 },
    );
  });

  it('compile any grammar-built condition to a rule or a load error, and the rule runs on any event', () => {
    fc.assert(
      fc.property(condition, fc.array(syscallEvent, { maxLength: 3 }), (cond, events) => {
        const eng = createFalcoEngine();
        const r = eng.loadRulesFile('/etc/falco/fuzz.yaml', ruleWith(cond));
        expectLoadResult(r, '/etc/falco/fuzz.yaml');
        if (!r.successful) expect(['LOAD_ERR_COMPILE_CONDITION', 'LOAD_ERR_VALIDATE', 'LOAD_ERR_YAML_PARSE']).toContain(r.errors[0]!.code);
        else for (const e of events) eng.process(e);
      }),
      { numRuns: 300 },
    );
  });

  it('give a verdict for grammar-built conditions with characters deleted, doubled or inserted', () => {
    const edit = fc.record({ at: fc.nat(), cut: fc.nat(3), insert: fc.constantFrom('', '(', ')', '"', "'", '\\', ' ', 'and ', 'not', '[', ']', ',', '=', '\n', '\u0000', 'é') });
    fc.assert(
      fc.property(condition, fc.array(edit, { minLength: 1, maxLength: 3 }), (cond, edits) => {
        let text = cond;
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at + e.cut);
        }
        expectParserVerdict(text);
        expectLoadResult(createFalcoEngine().loadRulesFile('/etc/falco/fuzz.yaml', ruleWith(text)), '/etc/falco/fuzz.yaml');
      }),
      { numRuns: 400 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Mutated real files

/** Snippets of YAML (and not quite YAML) to put where a value was. */
const yamlValue = fc.oneof(
  fc.constantFrom('[', ']', '{a: b}', '{', '&x 1', '*x', '*nowhere', '|', '>-', '|\n  a\n b', '~', 'null', '- x', '"unterminated', "'q''", '!!binary aGk=', '? k', '\t', 'a: b: c', '[a, [b, [c]]]', '""', "''", '@x', '`x`', '%TAG', '---', '...', 'yes', '0x1F', '1e400', '-', '#', 'a #b', '&a [*a]', '{a: [1, {b: 2}]}'),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);

type Mutation =
  | { kind: 'delete' | 'duplicate' | 'truncate'; at: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'indent'; at: number; delta: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'scalar'; at: number; value: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete' as const, 'duplicate' as const, 'truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), delta: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom(':', '- ', '"', "'", '[', '{', '\t', '\r\n', '\uFEFF', '&a ', '*a', '#', '\n  ')) }),
  fc.record({ kind: fc.constant('scalar' as const), at: fc.nat(), value: yamlValue }),
);

function mutate(text: string, ms: Mutation[]): string {
  let lines = text.split('\n');
  for (const m of ms) {
    const i = lines.length === 0 ? 0 : m.at % lines.length;
    switch (m.kind) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i] ?? '');
        break;
      case 'swap': {
        const j = lines.length === 0 ? 0 : m.other % lines.length;
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        break;
      }
      case 'indent': {
        const l = lines[i] ?? '';
        lines[i] = m.delta >= 0 ? ' '.repeat(m.delta) + l : l.replace(new RegExp(`^ {0,${-m.delta}}`), '');
        break;
      }
      case 'truncate': {
        const all = lines.join('\n');
        lines = all.slice(0, m.at % (all.length + 1)).split('\n');
        break;
      }
      case 'insert': {
        const all = lines.join('\n');
        const at = m.at % (all.length + 1);
        lines = (all.slice(0, at) + m.text + all.slice(at)).split('\n');
        break;
      }
      case 'scalar': {
        // The value after the line's first `key: ` (or `- `), as a different YAML value.
        const l = lines[i] ?? '';
        const k = /^(\s*(?:- )?[^:#]*:\s|\s*- )/.exec(l);
        lines[i] = k ? k[0] + m.value : l + m.value;
        break;
      }
    }
  }
  return lines.join('\n');
}

/** Loads a mutated rules file as the falco program does (plugins k8saudit and json loaded). */
function loadMutatedRules(name: string, base: string, runs: number, paths: { fast: number; library: number }): void {
  fc.assert(
    fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
      const text = mutate(base, ms);
      if (parseRulesYaml(text) === null) paths.library++;
      else paths.fast++;
      const eng = createFalcoEngine({ pluginSources: ['k8s_audit'] });
      const r = eng.loadRulesFile(name, text);
      expectLoadResult(r, name);
      if (r.successful) {
        expect(typeof eng.checkPluginRequirements([{ name: 'k8saudit', version: '0.4.0' }, { name: 'json', version: '0.6.0' }])).not.toBe('number');
        expect(Array.isArray(eng.rules())).toBe(true);
      }
    }),
    // Besides the random runs: one file each reader takes (a tab sends it to the library).
    { numRuns: runs, examples: [[[{ kind: 'insert', at: 0, text: '\t' }]], [[{ kind: 'duplicate', at: 0 }]]] },
  );
}

describe('the shipped files, mutated', () => {
  it('falco_rules.yaml (150 KB) loads or fails with a load result', () => {
    const paths = { fast: 0, library: 0 };
    loadMutatedRules('/etc/falco/falco_rules.yaml', asset('falco_rules.yaml'), 30, paths);
    // Both readers were exercised: the fast one and the library it falls back to.
    expect(paths.fast).toBeGreaterThan(0);
    expect(paths.library).toBeGreaterThan(0);
  }, 60_000);

  it.each(['k8s_audit_rules.yaml', 'rules.available/application_rules.yaml', 'falco_rules.local.yaml'])('%s loads or fails with a load result', (file) => {
    const paths = { fast: 0, library: 0 };
    loadMutatedRules(`/etc/falco/${file}`, asset(file), file === 'k8s_audit_rules.yaml' ? 100 : 120, paths);
    // (A file of comments only is the library's to read.)
    if (file !== 'falco_rules.local.yaml') expect(paths.fast).toBeGreaterThan(0);
    expect(paths.library).toBeGreaterThan(0);
  }, 60_000);

  it('falco.yaml reads, or fails with the message and status Falco prints', () => {
    const base = asset('falco.yaml');
    const override = fc.oneof(
      fc.constantFrom('json_output=true', 'priority=bogus', 'priority=', 'rules_file[0]=/x', 'rules_file[3]=/y', 'file_output.enabled=true', 'a.b.c=1', 'noequals', '=x', 'plugins[0].name=', 'outputs.rate=-1', 'log_level=loud', 'stdout_output=x', 'webserver.listen_port=http'),
      fc.tuple(fc.stringMatching(/^[a-z_.[\]0-9]{0,12}$/), fc.string({ maxLength: 6 })).map(([k, v]) => `${k}=${v}`),
    );
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.array(override, { maxLength: 2 }), (ms, overrides) => {
        const r = loadFalcoConfig('/etc/falco/falco.yaml', mutate(base, ms), overrides);
        if (r.ok) return;
        // (A value Falco quotes in its message, like a bad priority, may span lines.)
        expect(r.stderr).toMatch(/^(Cannot read config file \(\/etc\/falco\/falco\.yaml\): yaml-cpp: error at line \d+, column \d+: [^\n]+\nError: std::exception\n|Error: [^]+\n)$/);
        expect(r.stderr).not.toMatch(JS_LEAK);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// YAML bombs

/** Nine anchors, each a list of nine aliases to the one before: 9^9 scalars if expanded. */
function laughs(prefix: (i: number) => string, indent: string): string {
  const lines = [`${prefix(0)}&a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]`];
  for (let i = 1; i < 10; i++) lines.push(`${prefix(i)}&a${i} [${Array.from({ length: 9 }, () => `*a${i - 1}`).join(', ')}]`);
  return lines.join(`\n${indent}`);
}

const RULES_BOMBS: Array<[string, string, RegExp]> = [
  ['aliases in list items', laughs((i) => `- list: l${i}\n  items: `, ''), /^yaml-cpp: error at line \d+, column \d+: document contains excessive aliasing$/],
  [
    'aliases in exception values',
    `- rule: r\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  exceptions:\n    - name: e\n      fields: [proc.name]\n      values: ${laughs((i) => (i === 0 ? '' : `x${i}: `), '      ').replace(/\n {6}x\d+: /g, ', ')}\n`,
    /excessive aliasing|not defined|yaml-cpp: error at line/,
  ],
  ['an anchor holding an alias to itself', '- list: a\n  items: &a [x, *a]\n', /^yaml-cpp: error at line 2, column 17: document contains excessive aliasing$/],
  ['an alias to no anchor', '- list: a\n  items: [x, *nowhere]\n', /^yaml-cpp: error at line 2, column 14: the referenced anchor is not defined$/],
  ['flow nesting 100,000 deep', `- list: a\n  items: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /^yaml-cpp: error at line 2, column 507: bad file$/],
  ['flow mappings 100,000 deep', `- list: a\n  items: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`, /^yaml-cpp: error at line 2, column \d+: bad file$/],
  ['sequences of sequences on one line', `${'- '.repeat(50_000)}x\n`, /^yaml-cpp: error at line 1, column 999: bad file$/],
  ['block mappings 1,000 deep', `- list: a\n  items:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 4)}k${i}:`).join('\n')}\n`, /^yaml-cpp: error at line \d+, column \d+: bad file$/],
];

const CONFIG_BOMBS: Array<[string, string, RegExp]> = [
  ['aliases under rules_file', `${laughs((i) => `k${i}: `, '')}\nrules_file: *a9\nstdout_output:\n  enabled: true\n`, /yaml-cpp: error at line \d+, column \d+: document contains excessive aliasing\n/],
  ['aliases under a key Falco does not read', `stdout_output:\n  enabled: true\n${laughs((i) => `k${i}: `, '')}\n`, /yaml-cpp: error at line \d+, column \d+: document contains excessive aliasing\n/],
  ['aliases in a plugin init_config', `stdout_output: {enabled: true}\nbase: ${laughs((i) => (i === 0 ? '' : `\nk${i}: `), '').replace(/\n\nk/g, '\nk')}\nplugins:\n  - name: k8saudit\n    library_path: libk8saudit.so\n    init_config: *a9\n`, /excessive aliasing/],
  ['flow nesting 100,000 deep', `rules_file: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`, /^Cannot read config file \(\/etc\/falco\/falco\.yaml\): yaml-cpp: error at line 1, column 511: bad file\nError: std::exception\n$/],
  ['block mappings 1,000 deep', `stdout_output:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`, /^Cannot read config file \(\/etc\/falco\/falco\.yaml\): yaml-cpp: error at line 499, column 500: bad file\nError: std::exception\n$/],
];

describe('YAML bombs are refused, quickly', () => {
  it.each(RULES_BOMBS)('a rules file with %s', (_, text, message) => {
    const start = performance.now();
    const r = createFalcoEngine().loadRulesFile('/etc/falco/rules.d/bomb.yaml', text);
    expect(performance.now() - start).toBeLessThan(1500);
    expectLoadResult(r, '/etc/falco/rules.d/bomb.yaml');
    expect(r.errors[0]?.code).toBe(message.source.includes('yaml-cpp') ? 'LOAD_ERR_YAML_PARSE' : r.errors[0]?.code);
    expect(r.errors[0]?.message).toMatch(message);
  });

  it.each(CONFIG_BOMBS)('falco.yaml with %s', (_, text, message) => {
    const start = performance.now();
    const r = loadFalcoConfig('/etc/falco/falco.yaml', text);
    expect(performance.now() - start).toBeLessThan(1500);
    expect(r.ok ? 'loaded' : r.stderr).toMatch(message);
  });

  it('nesting up to yaml-cpp\'s limit is still read (499 nested nodes)', () => {
    // The rule's list is node 1, its item map 2, the items value 3: 497 brackets make 499 levels.
    const r = createFalcoEngine().loadRulesFile('/r.yaml', `- list: a\n  items: ${'['.repeat(497)}${']'.repeat(497)}\n`);
    expect(r.errors.map((e) => e.message)).toEqual(['sequence value is not scalar']);
    const r2 = createFalcoEngine().loadRulesFile('/r.yaml', `- list: a\n  items: ${'['.repeat(498)}${']'.repeat(498)}\n`);
    expect(r2.errors.map((e) => e.message)).toEqual(['yaml-cpp: error at line 2, column 507: bad file']);
  });
});

describe('anchors and aliases, read as yaml-cpp reads them', () => {
  it('an alias stands for its anchored node', () => {
    const eng = createFalcoEngine();
    const r = eng.loadRulesFile(
      '/r.yaml',
      '- list: shells\n  items: &shells [bash, sh]\n- list: more_shells\n  items: *shells\n- rule: R\n  desc: &d a shell\n  condition: evt.type=execve and proc.name in (more_shells)\n  output: *d\n  priority: INFO\n',
    );
    expect(r.errors).toEqual([]);
    expect(eng.rules().map((x) => x.name)).toEqual(['R']);
  });

  it('falco.yaml may alias a block it repeats', () => {
    const r = loadFalcoConfig('/etc/falco/falco.yaml', 'on: &on {enabled: true}\nstdout_output: *on\nsyslog_output: *on\nrules_file: &rules [/etc/falco/a.yaml]\n');
    expect(r.ok && [r.config.stdoutOutput.enabled, r.config.syslogOutput.enabled, r.config.rulesFile]).toEqual([true, true, ['/etc/falco/a.yaml']]);
  });
});
