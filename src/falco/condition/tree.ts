// A condition's syntax tree as indented text, so a rule author can see how and/or/not group.
import type { Expr } from './ast';
import { exprToString } from './ast';

/** One node a line, children indented two spaces: `or`, `and`, `not`, `check: …`, `macro: …`. */
export function formatParseTree(e: Expr, depth = 0): string {
  const ind = '  '.repeat(depth);
  switch (e.kind) {
    case 'and':
    case 'or':
      return `${ind}${e.kind}\n${e.children.map((c) => formatParseTree(c, depth + 1)).join('')}`;
    case 'not':
      return `${ind}not\n${formatParseTree(e.child, depth + 1)}`;
    case 'identifier':
      return `${ind}macro: ${e.name}\n`;
    default:
      return `${ind}check: ${exprToString(e)}\n`;
  }
}
