// find's expression language (findutils 4.7). Grammar:
//   expr    := and ( ('-o' | '-or') and )*
//   and     := unary ( ['-a' | '-and'] unary )*
//   unary   := ('!' | '-not') unary | '(' expr ')' | primary
//   primary := test | action | option     (options such as -maxdepth are global and always true)

export type FindNode =
  | { kind: 'and' | 'or'; left: FindNode; right: FindNode }
  | { kind: 'not'; operand: FindNode }
  | { kind: 'test'; name: string; arg: string }
  | { kind: 'exec'; argv: string[]; batch: boolean; ok: boolean }
  | { kind: 'action'; name: string }
  | { kind: 'true' };

export interface FindOptions {
  maxdepth: number;
  mindepth: number;
  depthFirst: boolean;
  follow: boolean;
}

export const TESTS_WITH_ARG = new Set(['-name', '-iname', '-path', '-ipath', '-wholename', '-iwholename', '-type', '-user', '-group', '-perm', '-size', '-mtime', '-mmin', '-newer', '-regex', '-iregex', '-uid', '-gid', '-links', '-inum', '-lname']);
const TESTS_NO_ARG = new Set(['-empty', '-executable', '-readable', '-writable', '-nouser', '-nogroup']);
const ACTIONS = new Set(['-print', '-print0', '-delete', '-prune', '-quit', '-ls', '-true', '-false']);
const OPTIONS_WITH_ARG = new Set(['-maxdepth', '-mindepth']);
const OPTIONS_NO_ARG = new Set(['-depth', '-xdev', '-mount', '-noleaf', '-follow', '-ignore_readdir_race']);

export class FindSyntaxError extends Error {}

export function parseFind(tokens: string[], opts: FindOptions): { expr: FindNode; hasAction: boolean } {
  let i = 0;
  let hasAction = false;
  const peek = (): string | undefined => tokens[i];
  const primary = (): FindNode => {
    const t = tokens[i++];
    if (t === '(') {
      const e = orExpr();
      if (tokens[i] !== ')') throw new FindSyntaxError("invalid expression; I was expecting to find a ')' somewhere but did not see one.");
      i++;
      return e;
    }
    if (t === '!' || t === '-not') return { kind: 'not', operand: unary() };
    if (TESTS_WITH_ARG.has(t)) {
      const arg = tokens[i++];
      if (arg === undefined) throw new FindSyntaxError(`missing argument to \`${t}'`);
      if (t === '-type' && !/^[bcdpflsD](,[bcdpflsD])*$/.test(arg)) throw new FindSyntaxError(`Unknown argument to -type: ${arg}`);
      return { kind: 'test', name: t, arg };
    }
    if (TESTS_NO_ARG.has(t)) return { kind: 'test', name: t, arg: '' };
    if (t === '-exec' || t === '-execdir' || t === '-ok') {
      const argv: string[] = [];
      while (i < tokens.length && tokens[i] !== ';' && !(tokens[i] === '+' && tokens[i - 1] === '{}')) argv.push(tokens[i++]);
      if (i >= tokens.length || argv.length === 0) throw new FindSyntaxError(`missing argument to \`${t}'`);
      const batch = tokens[i++] === '+';
      hasAction = true;
      return { kind: 'exec', argv, batch, ok: t === '-ok' };
    }
    if (ACTIONS.has(t)) {
      if (t !== '-true' && t !== '-false' && t !== '-prune') hasAction = true;
      if (t === '-delete') opts.depthFirst = true;
      return t === '-true' ? { kind: 'true' } : { kind: 'action', name: t };
    }
    if (OPTIONS_WITH_ARG.has(t)) {
      const arg = tokens[i++];
      if (arg === undefined) throw new FindSyntaxError(`missing argument to \`${t}'`);
      if (!/^\d+$/.test(arg)) throw new FindSyntaxError(`Expected a positive decimal integer argument to ${t}, but got \u2018${arg}\u2019`);
      if (t === '-maxdepth') opts.maxdepth = Number(arg);
      else opts.mindepth = Number(arg);
      return { kind: 'true' };
    }
    if (OPTIONS_NO_ARG.has(t)) {
      if (t === '-depth') opts.depthFirst = true;
      if (t === '-follow') opts.follow = true;
      return { kind: 'true' };
    }
    if (t === undefined) throw new FindSyntaxError('invalid expression');
    if (t.startsWith('-')) throw new FindSyntaxError(`unknown predicate \`${t}'`);
    throw new FindSyntaxError(`paths must precede expression: \`${t}'`);
  };
  const unary = (): FindNode => primary();
  const andExpr = (): FindNode => {
    let left = unary();
    for (;;) {
      const t = peek();
      if (t === undefined || t === ')' || t === '-o' || t === '-or' || t === ',') return left;
      if (t === '-a' || t === '-and') i++;
      left = { kind: 'and', left, right: unary() };
    }
  };
  const orExpr = (): FindNode => {
    let left = andExpr();
    while (peek() === '-o' || peek() === '-or') {
      i++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  if (tokens.length === 0) return { expr: { kind: 'true' }, hasAction: false };
  const expr = orExpr();
  if (i < tokens.length) throw new FindSyntaxError(tokens[i] === ')' ? "invalid expression; you have too many ')'" : `paths must precede expression: \`${tokens[i]}'`);
  return { expr, hasAction };
}
