// Rules files load with Falco 0.33's override/append/visibility rules and report its errors verbatim.
import { describe, expect, it } from 'vitest';
import { createFalcoEngine } from '../../src/falco/engine';
import { loadResultsJson } from '../../src/falco/rules/load-result';
import { execEvent, openEvent, proc } from './helpers/events';

const F = '/etc/falco/x.yaml';

function rule(name: string, cond: string, extra = ''): string {
  return `- rule: ${name}\n  desc: d\n  condition: ${cond}\n  output: ${name} fired\n  priority: WARNING\n${extra}`;
}

function load(...files: string[]) {
  const eng = createFalcoEngine();
  const results = files.map((text, i) => eng.loadRulesFile(i === 0 ? F : `/etc/falco/f${i}.yaml`, text));
  return { eng, results, last: results[results.length - 1] };
}

describe('verbose load results (falco -V layout)', () => {
  it.each([
    [
      'parse error in a condition',
      rule('X', 'evt.type=execve a'),
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
    rule condition: (${F}:2:13)
    condition expression: ("evt.type=execve a":0:16)
------
evt.type=execve a
                ^
------
LOAD_ERR_COMPILE_CONDITION (Error compiling condition): unexpected token after 'execve', expecting 'or', 'and'
`,
    ],
    [
      'unknown field, long condition name shortened',
      rule('X', 'evt.type=execve and proc.nobody = 1'),
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
    rule condition: (${F}:2:13)
    condition expression: ("evt.type=execve a...":0:20)
------
evt.type=execve and proc.nobody = 1
                    ^
------
LOAD_ERR_COMPILE_CONDITION (Error compiling condition): filter_check called with nonexistent field proc.nobody
`,
    ],
    [
      'missing output',
      '- rule: X\n  desc: d\n  condition: evt.type=execve\n  priority: INFO\n',
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
------
- rule: X
  ^
------
LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Item has no mapping for key 'output'
`,
    ],
    [
      'invalid priority',
      '- rule: X\n  desc: d\n  condition: evt.type=execve\n  output: o\n  priority: LOUD\n',
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
    rule priority: (${F}:4:12)
------
  priority: LOUD
            ^
------
LOAD_ERR_YAML_VALIDATE (Error validating internal structure of YAML file): Invalid priority
`,
    ],
    [
      'undefined macro',
      rule('X', 'evt.type=execve and foo'),
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
------
- rule: X
  ^
------
LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Undefined macro 'foo' used in filter.
`,
    ],
    [
      'bad output token',
      '- rule: X\n  desc: d\n  condition: evt.type=execve\n  output: foo %not_a_real_field\n  priority: INFO\n',
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
    rule output: (${F}:3:10)
------
  output: foo %not_a_real_field
          ^
------
LOAD_ERR_COMPILE_OUTPUT (Error compiling output): invalid formatting token not_a_real_field
`,
    ],
    [
      'YAML syntax error',
      'this : is : not : yaml\n',
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    value for: (${F}:0:10)
------
this : is : not : yaml
          ^
------
LOAD_ERR_YAML_PARSE (YAML parse error): yaml-cpp: error at line 1, column 11: illegal map value
`,
    ],
    [
      'engine version too new',
      '- required_engine_version: 99\n',
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    required_engine_version: (${F}:0:2)
------
- required_engine_version: 99
  ^
------
LOAD_ERR_VALIDATE (Error validating rule/macro/list/exception objects): Rules require engine version 99, but engine version is 15
`,
    ],
    [
      'numeric field with a string operator',
      rule('X', 'evt.type = open and proc.pid contains 1'),
      `${F}: Invalid
1 Errors:
In rules content: (${F}:0:0)
    rule 'X': (${F}:0:2)
    rule condition: (${F}:2:13)
    condition expression: ("evt.type = open a...":0:20)
------
evt.type = open and proc.pid contains 1
                    ^
------
LOAD_ERR_COMPILE_CONDITION (Error compiling condition): 'contains' not supported for numeric filters
`,
    ],
    [
      'unknown source and unknown item are warnings',
      `- foo: bar\n${rule('K', 'ka.verb = create', '  source: k8s_audit\n')}`,
      `${F}: Ok, with warnings
2 Warnings:
In rules content: (${F}:0:0)
    rules content item: (${F}:0:2)
------
- foo: bar
  ^
------
LOAD_UNKNOWN_ITEM (Unknown rules file item): Unknown top level item
In rules content: (${F}:0:0)
    rule 'K': (${F}:1:2)
------
- rule: K
  ^
------
LOAD_UNKNOWN_SOURCE (Unknown event source): Unknown source k8s_audit, skipping
`,
    ],
  ])('%s', (_name, text, expected) => {
    expect(load(text).last.asString(true)).toBe(expected);
  });

  it('short status line without -v', () => {
    expect(load(rule('X', 'evt.type = open')).last.asString(false)).toBe(`${F}: Ok`);
    expect(load(rule('X', 'proc.name = x')).last.asString(false)).toBe(`${F}: Ok, with warnings`);
    expect(load('- rule: X\n').last.asString(false)).toBe(`${F}: Invalid`);
  });

  it('JSON results for -V with json_output', () => {
    const { results } = load(rule('X', 'evt.type=execve a'));
    const json = JSON.parse(loadResultsJson(results));
    expect(json.falco_load_results[0].successful).toBe(false);
    expect(json.falco_load_results[0].errors[0]).toEqual({
      code: 'LOAD_ERR_COMPILE_CONDITION',
      codedesc: 'Error compiling condition',
      context: {
        locations: [
          { item_name: '', item_type: 'rules content', position: { column: 0, line: 0, name: F, offset: 0 } },
          { item_name: 'X', item_type: 'rule', position: { column: 2, line: 0, name: F, offset: 2 } },
          { item_name: '', item_type: 'rule condition', position: { column: 13, line: 2, name: F, offset: 33 } },
          { item_name: '', item_type: 'condition expression', position: { column: 16, line: 0, name: '"evt.type=execve a"', offset: 16 } },
        ],
        snippet: 'evt.type=execve a\n                ^\n',
      },
      message: "unexpected token after 'execve', expecting 'or', 'and'",
    });
  });
});

describe('structure errors', () => {
  it.each([
    ['- rule:\n', "Mapping for key 'rule' is empty"],
    ['- rule: X\n  desc: d\n  condition: ""\n  output: o\n  priority: INFO\n', 'Value must be non-empty'],
    ['- rule: X\n  enabled: false\n', "Rule has 'enabled' key but no rule by that name already exists"],
    ['- rule: X\n  append: true\n  condition: and x\n', "Rule has 'append' key but no rule by that name already exists"],
    ['- macro: m\n  append: true\n  condition: x\n', "Macro has 'append' key but no macro by that name already exists"],
    ['- list: l\n  append: true\n  items: [a]\n', "List has 'append' key but no list by that name already exists"],
    ['- list: l\n', "Item has no mapping for key 'items'"],
    ['- list: l\n  items: a\n', 'Value is not a sequence'],
    ['- list: l\n  items: [[a]]\n', 'sequence value is not scalar'],
    ['- just a string\n', 'Unexpected element type. Each element should be a yaml associative array.'],
    ['- rule: X\n  desc: d\n  condition: evt.type=open\n  output: o\n  priority: INFO\n  enabled: maybe\n', "Can't decode YAML scalar value"],
    ['- required_engine_version: 0.31.0\n', "Can't decode YAML scalar value"],
  ])('%j → %s', (text, message) => {
    const r = load(text).last;
    expect(r.successful).toBe(false);
    expect(r.errors[0].message).toBe(message);
  });

  it('stops at the first error of a file', () => {
    const r = load('- rule: A\n- rule: B\n').last;
    expect(r.errors).toHaveLength(1);
  });

  it('skips null items and empty documents', () => {
    expect(load('---\n---\n- \n').last.asString(false)).toBe(`${F}: Ok`);
  });
});

describe('override, append and enable', () => {
  const base = [
    '- macro: m',
    '  condition: proc.name = a',
    rule('First', 'evt.type = execve and m'),
    rule('Second', 'evt.type = execve and proc.name = b'),
  ].join('\n');

  it('a rule redefined with the same name replaces it but keeps its position', () => {
    const { eng, last } = load(base, rule('First', 'evt.type = execve and proc.name = b'));
    expect(last.successful).toBe(true);
    expect(eng.rules().map((r) => r.name)).toEqual(['First', 'Second']);
    expect(eng.process(execEvent({ proc: proc({ name: 'b' }) }))?.rule).toBe('First');
    expect(eng.process(execEvent({ proc: proc({ name: 'a' }) }))).toBeNull();
  });

  it('append: true adds text to the condition', () => {
    const { eng } = load(base, '- rule: Second\n  append: true\n  condition: or proc.name = c\n');
    expect(eng.rules()[1].condition).toBe('evt.type = execve and proc.name = b or proc.name = c');
    expect(eng.process(execEvent({ proc: proc({ name: 'c' }) }))?.rule).toBe('Second');
  });

  it('a macro redefined later changes every rule using it', () => {
    const { eng } = load(base, '- macro: m\n  condition: proc.name = z\n');
    expect(eng.process(execEvent({ proc: proc({ name: 'z' }) }))?.rule).toBe('First');
  });

  it('an enabled-only item toggles an earlier rule', () => {
    const { eng } = load(base, '- rule: First\n  enabled: false\n');
    expect(eng.rules()[0].enabled).toBe(false);
    expect(eng.process(execEvent({ proc: proc({ name: 'a' }) }))).toBeNull();
  });

  it('only the first matching rule fires', () => {
    const { eng } = load([rule('A', 'evt.type = execve'), rule('B', 'evt.type = execve')].join(''));
    expect(eng.process(execEvent())?.rule).toBe('A');
  });

  it('disabled rules are compiled but do not fire', () => {
    const { eng } = load(rule('A', 'evt.type = execve', '  enabled: false\n') + rule('B', 'evt.type = execve'));
    expect(eng.rules().map((r) => [r.name, r.enabled])).toEqual([['A', false], ['B', true]]);
    expect(eng.process(execEvent())?.rule).toBe('B');
  });

  it('a rule redefined with another source is an error', () => {
    const eng = createFalcoEngine();
    eng.loadRulesFile(F, rule('A', 'evt.type = execve'));
    const r = eng.loadRulesFile('/b.yaml', rule('A', 'x', '  source: k8s_audit\n'));
    // k8s_audit is unknown here, so the redefinition is skipped with a warning instead.
    expect(r.warnings[0].code).toBe('LOAD_UNKNOWN_SOURCE');
  });

  it('rules below the configured priority are not loaded', () => {
    const eng = createFalcoEngine({ minPriority: 3 });
    eng.loadRulesFile(F, rule('W', 'evt.type = execve') + rule('E', 'evt.type = execve').replace('WARNING', 'ERROR'));
    expect(eng.rules().map((r) => r.name)).toEqual(['E']);
  });
});

describe('macro and list visibility', () => {
  it('a macro may only use macros defined before it', () => {
    const r = load('- macro: a\n  condition: b\n- macro: b\n  condition: proc.name = x\n' + rule('R', 'evt.type = open and a')).last;
    expect(r.errors[0].message).toBe("Undefined macro 'b' used in filter.");
    expect(r.errors[0].ctx.asString()).toBe(`In rules content: (${F}:0:0)\n    macro 'a': (${F}:0:2)\n`);
  });

  it('rules see every macro, wherever it is defined', () => {
    const r = load(rule('R', 'evt.type = open and late') + '- macro: late\n  condition: proc.name = x\n').last;
    expect(r.successful).toBe(true);
  });

  it('a list naming an earlier list is expanded; a later one stays literal', () => {
    const text = [
      '- list: inner',
      '  items: [x, y]',
      '- list: outer',
      '  items: [inner, z, later]',
      '- list: later',
      '  items: [q]',
      rule('R', 'evt.type = execve and proc.name in (outer)'),
    ].join('\n');
    const { eng, last } = load(text);
    expect(last.successful).toBe(true);
    // `later` is pasted literally into outer, then substituted as text because lists apply in order.
    expect(eng.rules()[0].condition).toBe('evt.type = execve and proc.name in ( x, y, z, q )');
    expect(eng.process(execEvent({ proc: proc({ name: 'y' }) }))?.rule).toBe('R');
  });

  it('list names are replaced as whole tokens only, items with spaces quoted, empty lists as ()', () => {
    const text = [
      '- list: l',
      '  items: [a, "b c"]',
      '- list: e',
      '  items: []',
      rule('R', 'evt.type = execve and proc.name in (l) and not proc.name in (e) and proc.cmdline contains l_x'),
    ].join('\n');
    const { eng } = load(text);
    expect(eng.rules()[0].condition).toBe('evt.type = execve and proc.name in ( a, "b c" ) and not proc.name in (  ) and proc.cmdline contains l_x');
  });

  it('unused macros and lists are warned about', () => {
    const r = load('- macro: m\n  condition: proc.name = x\n- list: l\n  items: [a]\n' + rule('R', 'evt.type = open')).last;
    expect(r.warnings.map((w) => [w.code, w.message])).toEqual([
      ['LOAD_UNUSED_MACRO', 'Macro not referred to by any other rule/macro'],
      ['LOAD_UNUSED_LIST', 'List not referred to by any other rule/macro'],
    ]);
  });
});

describe('exceptions', () => {
  const withEx = (ex: string): string => rule('R', 'evt.type = openat and fd.name startswith /etc', `  exceptions:\n${ex}`);

  it('field tuples become an unparenthesised `and not ((…) or (…))`', () => {
    const { eng, last } = load(
      withEx('  - name: ok_writers\n    fields: [proc.name, fd.name]\n    comps: [=, startswith]\n    values:\n    - [vi, /etc/vim]\n    - [my tool, /etc/x]\n'),
    );
    expect(last.successful).toBe(true);
    expect(eng.rules()[0].condition).toBe(
      'evt.type = openat and fd.name startswith /etc and not (( proc.name = vi and  fd.name startswith /etc/vim) or ( proc.name = "my tool" and  fd.name startswith /etc/x))',
    );
    expect(eng.process(openEvent('/etc/vim/vimrc', 'O_WRONLY', { proc: proc({ name: 'vi' }) }))).toBeNull();
    expect(eng.process(openEvent('/etc/passwd', 'O_WRONLY', { proc: proc({ name: 'vi' }) }))?.rule).toBe('R');
  });

  it('a single field uses `in` with flat values', () => {
    const { eng } = load(withEx('  - name: procs\n    fields: proc.name\n    values: [vi, nano]\n'));
    expect(eng.rules()[0].condition).toBe('evt.type = openat and fd.name startswith /etc and not (proc.name in (vi, nano))');
  });

  it('a scalar under a list operator gets parentheses; no values means no clause', () => {
    const { eng } = load(
      withEx('  - name: a\n    fields: [proc.name, proc.cmdline]\n    comps: [=, in]\n    values:\n    - [cat, cat_cmdlines]\n  - name: b\n    fields: [proc.name]\n'),
    );
    expect(eng.rules()[0].condition).toBe('evt.type = openat and fd.name startswith /etc and not (( proc.name = cat and  proc.cmdline in (cat_cmdlines)))');
  });

  it.each([
    ['  - name: a\n    fields: [proc.nope]\n', "'proc.nope' is not a supported filter field"],
    ['  - name: a\n    fields: [proc.name]\n    comps: [no-comp]\n', "'no-comp' is not a supported comparison operator"],
    ['  - name: a\n    fields: [proc.name, fd.name]\n    comps: [=]\n', 'Fields and comps lists must have equal length'],
    ['  - name: a\n    fields: [proc.name, fd.name]\n    values:\n    - [a]\n', 'Fields and values lists must have equal length'],
    ['  - name: a\n    fields: proc.name\n    comps: =\n', 'When fields is a single value, comps must be one of (in, pmatch, intersects)'],
    ['  - fields: [proc.name]\n', "Item has no mapping for key 'name'"],
    ['  - name: a\n', "Item has no mapping for key 'fields'"],
  ])('%j → %s', (ex, message) => {
    const r = load(withEx(ex)).last;
    expect(r.errors[0]?.message).toBe(message);
  });

  it('appending to an exception adds values only', () => {
    const base = withEx('  - name: procs\n    fields: [proc.name]\n    values: [[vi]]\n');
    const { eng } = load(base, '- rule: R\n  append: true\n  exceptions:\n  - name: procs\n    values: [[nano]]\n');
    expect(eng.rules()[0].condition).toBe('evt.type = openat and fd.name startswith /etc and not (( proc.name = vi) or ( proc.name = nano))');
    const bad = load(base, '- rule: R\n  append: true\n  exceptions:\n  - name: procs\n    fields: [fd.name]\n    values: [[x]]\n').last;
    expect(bad.errors[0].message).toBe('Can not append exception fields to existing exception, only values');
  });
});
