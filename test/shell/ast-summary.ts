// Compact one-line rendering of shell ASTs so parser tests can state the expected structure briefly.
import type { Command, CommandList, Pipeline, Redirect, Word, WordPart } from '../../src/shell';

export function parts(w: Word): string {
  return w.parts.map(part).join('');
}

function part(p: WordPart): string {
  switch (p.type) {
    case 'Literal':
      return p.text;
    case 'Escaped':
      return `\\${p.text}`;
    case 'SingleQuoted':
      return `'${p.text}'`;
    case 'AnsiC':
      return `$'${JSON.stringify(p.text).slice(1, -1)}'`;
    case 'DoubleQuoted':
      return `"${p.parts.map(part).join('')}"`;
    case 'Param':
      return `\${${p.length ? '#' : ''}${p.indirect ? '!' : ''}${p.name}${p.op ? `:${p.op.kind}` : ''}}`;
    case 'CommandSub':
      return `$(${list(p.body)})`;
    case 'ArithSub':
      return `$((${parts(p.expr)}))`;
    case 'BadSubst':
      return `!bad(${p.text})`;
  }
}

function redirect(r: Redirect): string {
  const base = `${r.fd ?? ''}${r.op}${r.target.text}`;
  return r.heredoc ? `${base}[${JSON.stringify(r.heredoc.body.text)}]` : base;
}

function command(c: Command): string {
  const redirs = 'redirects' in c && c.redirects.length ? ' ' + c.redirects.map(redirect).join(' ') : '';
  switch (c.type) {
    case 'Simple':
      return [...c.assignments.map((a) => `${a.name}${a.append ? '+' : ''}=${a.value.text}`), ...c.words.map((w) => w.text), ...c.redirects.map(redirect)].join(' ');
    case 'Function':
      return `fn ${c.name} ${command(c.body)}`;
    case 'If':
      return `if ${c.clauses.map((cl) => `{${list(cl.condition)}} then {${list(cl.body)}}`).join(' elif ')}${c.elseBody ? ` else {${list(c.elseBody)}}` : ''} fi${redirs}`;
    case 'Loop':
      return `${c.until ? 'until' : 'while'} {${list(c.condition)}} do {${list(c.body)}}${redirs}`;
    case 'For':
      return `for ${c.variable}${c.words ? ` in ${c.words.map((w) => w.text).join(' ')}` : ''} do {${list(c.body)}}${redirs}`;
    case 'Case':
      return `case ${c.subject.text} ${c.items.map((i) => `${i.patterns.map((p) => p.text).join('|')}) {${i.body ? list(i.body) : ''}}${i.terminator}`).join(' ')}${redirs}`;
    case 'Group':
      return `{${list(c.body)}}${redirs}`;
    case 'Subshell':
      return `(${list(c.body)})${redirs}`;
    case 'Arith':
      return `((${c.expr.text}))${redirs}`;
    case 'Cond':
      return `[[ ${c.words.map((w) => w.text).join(' ')} ]]${redirs}`;
  }
}

function pipeline(p: Pipeline): string {
  return (p.negated ? '! ' : '') + p.commands.map((c, i) => command(c) + (i < p.pipeStderr.length ? (p.pipeStderr[i] ? ' |& ' : ' | ') : '')).join('');
}

export function list(l: CommandList): string {
  return l.items
    .map((item) => {
      const ao = item.command;
      return [pipeline(ao.first), ...ao.rest.map((r) => `${r.op} ${pipeline(r.pipeline)}`)].join(' ') + (item.background ? ' &' : '');
    })
    .join('; ');
}

export function script(cmds: CommandList[]): string {
  return cmds.map(list).join(' / ');
}
