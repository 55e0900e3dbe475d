// The condition parser accepts Falco 0.33's grammar and reports libsinsp's errors and positions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Expr } from '../../src/falco/condition/ast';
import { exprToString } from '../../src/falco/condition/ast';
import { parseCondition } from '../../src/falco/condition/parser';

/** A compact rendering of the tree: and(…) or(…) not(…) and checks as `field op value`. */
function sx(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `${e.kind}(${e.children.map(sx).join(', ')})`;
    case 'not':
      return `not(${sx(e.child)})`;
    case 'identifier':
      return `#${e.name}`;
    case 'unary':
      return `${e.field.name}${e.field.arg !== undefined ? `[${e.field.arg}]` : ''} ${e.op}`;
    case 'binary': {
      const f = `${e.field.name}${e.field.arg !== undefined ? `[${e.field.arg}]` : ''}`;
      const v = e.value.kind === 'list' ? `[${e.value.values.map((x) => JSON.stringify(x)).join(',')}]` : JSON.stringify(e.value.value);
      return `${f} ${e.op} ${v}`;
    }
  }
}

function parsed(src: string): string {
  const r = parseCondition(src, { maxDepth: 1000 });
  if (!r.ok) throw new Error(`parse failed: ${r.message} at ${r.pos.idx}`);
  return sx(r.expr);
}

describe('conditions that parse', () => {
  it.each([
    ['proc.name = bash', 'proc.name = "bash"'],
    ['proc.name=bash', 'proc.name = "bash"'],
    ['proc.name == bash', 'proc.name == "bash"'],
    ['evt.dir = <', 'evt.dir = "<"'],
    ['evt.dir=<', 'evt.dir = "<"'],
    ['fd.num>=0', 'fd.num >= "0"'],
    ['fd.num >= -1', 'fd.num >= "-1"'],
    ['proc.duration <= 5000000000', 'proc.duration <= "5000000000"'],
    ['evt.rawres > 0x1F', 'evt.rawres > "0x1F"'],
    ['evt.rawres < 1.5e+3', 'evt.rawres < "1.5e+3"'],
    ['fd.name=*.log', 'fd.name = "*.log"'],
    ['proc.args endswith \\', 'proc.args endswith "\\\\"'],
    ["fd.typechar='f'", 'fd.typechar = "f"'],
    ['proc.name!="<NA>"', 'proc.name != "<NA>"'],
    ['proc.cmdline contains "a b"', 'proc.cmdline contains "a b"'],
    ['proc.cmdline icontains Foo', 'proc.cmdline icontains "Foo"'],
    ['evt.buffer bcontains cafebabe', 'evt.buffer bcontains "cafebabe"'],
    ['evt.buffer bstartswith 7f', 'evt.buffer bstartswith "7f"'],
    ['fd.name startswith /etc', 'fd.name startswith "/etc"'],
    ['fd.name endswith .conf', 'fd.name endswith ".conf"'],
    ['fd.name glob /etc/*', 'fd.name glob "/etc/*"'],
    ['fd.name pmatch (/etc, /usr/bin)', 'fd.name pmatch ["/etc","/usr/bin"]'],
    ['proc.name in (bash, sh, "my shell")', 'proc.name in ["bash","sh","my shell"]'],
    ['proc.name in ()', 'proc.name in []'],
    ['proc.name in ( )', 'proc.name in []'],
    ['proc.name in(a,b)', 'proc.name in ["a","b"]'],
    ['proc.name in shell_binaries', 'proc.name in "shell_binaries"'],
    ['ka.req.pod.containers.privileged intersects (true)', 'ka.req.pod.containers.privileged intersects ["true"]'],
    ['proc.pname exists', 'proc.pname exists'],
    ['proc.pname existsand macro', 'and(proc.pname exists, #macro)'],
    ['proc.aname[2] = bash', 'proc.aname[2] = "bash"'],
    ['evt.arg[0] startswith /bin/', 'evt.arg[0] startswith "/bin/"'],
    ['evt.arg.flags contains O_TRUNC', 'evt.arg.flags contains "O_TRUNC"'],
    ['jevt.value[/stage] in (ResponseComplete)', 'jevt.value[/stage] in ["ResponseComplete"]'],
    ['ka.uri.param[command] exists', 'ka.uri.param[command] exists'],
    ['ka.uri.param["a b"] exists', 'ka.uri.param[a b] exists'],
    ['container.mount.dest[/proc*] != "N/A"', 'container.mount.dest[/proc*] != "N/A"'],
    ['a.b=1 or b.b=2 and c', 'or(a.b = "1", and(b.b = "2", #c))'],
    ['a and b and c', 'and(#a, #b, #c)'],
    ['a or b or c', 'or(#a, #b, #c)'],
    ['(a or b) and c', 'and(or(#a, #b), #c)'],
    ['not a and b', 'and(not(#a), #b)'],
    ['not not a', '#a'],
    ['not not not a', 'not(#a)'],
    ['not(a or b)', 'not(or(#a, #b))'],
    ['not (a or b)', 'not(or(#a, #b))'],
    ['a and(b)', 'and(#a, #b)'],
    ['a or(b and c)', 'or(#a, and(#b, #c))'],
    ['nothing', '#nothing'],
    ['order', '#order'],
    ['  \t\n a.b = 1 \n ', 'a.b = "1"'],
    ['a.b = a.a', 'a.b = "a.a"'],
    ['spawned_process and container and shell_procs and proc.tty != 0', 'and(#spawned_process, #container, #shell_procs, proc.tty != "0")'],
    ["proc.name = 'it''s'", 'PARSE_ERROR'],
    ['fd.name = "a\\"b"', 'fd.name = "a\\"b"'],
    ["fd.name = 'a\\'b'", 'fd.name = "a\'b"'],
    ['fd.name = "tab\\there"', 'fd.name = "tab\\there"'],
    ['fd.name = "sl\\/ash"', 'fd.name = "sl/ash"'],
    ['fd.name = "leg\\ acy"', 'fd.name = "leg\\\\ acy"'],
  ])('%j', (src, expected) => {
    if (expected === 'PARSE_ERROR') {
      expect(parseCondition(src).ok).toBe(false);
      return;
    }
    expect(parsed(src)).toBe(expected);
  });
});

describe('conditions that fail, with libsinsp messages and positions', () => {
  it.each([
    ['', 'filter input string is empty', 0],
    ['evt.type=execve a', "unexpected token after 'execve', expecting 'or', 'and'", 16],
    ['proc.name in (a, b) x', "unexpected token after ')', expecting 'or', 'and'", 20],
    ['a andb', "expected blank or '(' after 'and'", 5],
    ['a orb', "expected blank or '(' after 'or'", 4],
    ['a and', "expected blank or '(' after 'and'", 5],
    ['a and ', "expected a '(' token, a field check, or an identifier", 6],
    ['(a', "expected a ')' token", 2],
    ['(a or b', "expected a ')' token", 7],
    ['proc.aname[2 = x', "expected a ']' token", 12],
    ['proc.aname[] = x', 'expected a valid field argument: a quoted string or a bare string', 11],
    ['proc.name', "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'intersects', 'in', 'pmatch'", 9],
    ['proc.name ExIsTs', "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'intersects', 'in', 'pmatch'", 10],
    ['proc.name containsx', "expected a valid check operator: one of 'exists', '<=', '<', '>=', '>', '==', '=', '!=', 'glob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith', 'intersects', 'in', 'pmatch'", 10],
    ['fd.num > abc', 'expected a number value', 9],
    ['proc.name = ', 'expected a string value', 12],
    ['proc.name = (', 'expected a string value', 12],
    ['proc.name = "abc', 'expected a string value', 12],
    ['proc.name in (a,)', 'expected a string value', 16],
    ['proc.name in (a b)', "expected a ')' token", 16],
    ['proc.name in (,a)', "expected a ')' token", 14],
    ['proc.name in 123', 'expected a list or an identifier', 13],
    ['proc.name = "a\\qb"', 'unsupported string escape sequence: \\q', 18],
    ['proc.name = \'a\\"b\'', 'invalid \\" escape in \'-quoted string', 18],
    ['proc.name = "a\\\'b"', 'invalid \\\' escape in "-quoted string', 18],
    [')', "expected a '(' token, a field check, or an identifier", 0],
    ['1 = 1', "expected a '(' token, a field check, or an identifier", 0],
  ])('%j → %s', (src, message, idx) => {
    const r = parseCondition(src);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toBe(message);
    expect(r.pos.idx).toBe(idx);
  });

  it('counts lines and columns from 1, newline resetting the column', () => {
    const r = parseCondition('a.b = 1 and\n  c.d = 2 x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.pos).toEqual({ idx: 22, line: 2, col: 11 });
  });

  it('stops at the depth limit', () => {
    const deep = '('.repeat(300) + 'a' + ')'.repeat(300);
    const r = parseCondition(deep, { maxDepth: 1000 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('exceeded max depth limit of 1000');
    expect(parseCondition('('.repeat(10) + 'a' + ')'.repeat(10), { maxDepth: 100 }).ok).toBe(true);
  });
});

describe('spans', () => {
  it('every check carries its source range', () => {
    const src = 'proc.name = bash and not fd.name startswith /etc';
    const r = parseCondition(src);
    expect(r.ok).toBe(true);
    if (!r.ok || r.expr.kind !== 'and') return;
    const [a, b] = r.expr.children;
    expect(src.slice(a.span.start, a.span.end)).toBe('proc.name = bash');
    expect(src.slice(b.span.start, b.span.end)).toBe('not fd.name startswith /etc');
  });
});

describe('robustness', () => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '.', ' ', '(', ')', '"', "'", '\\', '=', 'n', 'o', 't', ',', '[', ']', 'x', '1') }), (s) => {
        const r = parseCondition(s);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('printing and re-parsing a tree gives the same tree', () => {
    for (const src of ['a.b = 1 or b.b = 2 and not (c or d.e in (x, "y z"))', 'not (a and b) or c.d exists']) {
      const r1 = parseCondition(src);
      if (!r1.ok) throw new Error('parse');
      const r2 = parseCondition(exprToString(r1.expr));
      if (!r2.ok) throw new Error('reparse');
      expect(sx(r2.expr)).toBe(sx(r1.expr));
    }
  });
});
