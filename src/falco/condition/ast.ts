// Syntax tree of Falco's filter condition language (libsinsp 0.9.2 shape); every node carries a Span.
import type { Span } from '../../core/span';

/** Comparison operators of Falco 0.33 (libs 0.9.2), as written in conditions. */
export const UNARY_OPS = ['exists'] as const;
export const NUM_OPS = ['<=', '<', '>=', '>'] as const;
export const STR_OPS = ['==', '=', '!=', 'glob', 'contains', 'icontains', 'bcontains', 'startswith', 'bstartswith', 'endswith'] as const;
export const LIST_OPS = ['intersects', 'in', 'pmatch'] as const;

export type UnaryOp = (typeof UNARY_OPS)[number];
export type BinaryOp = (typeof NUM_OPS)[number] | (typeof STR_OPS)[number] | (typeof LIST_OPS)[number];
export type CheckOp = UnaryOp | BinaryOp;

export const ALL_OPS: readonly CheckOp[] = [...UNARY_OPS, ...NUM_OPS, ...STR_OPS, ...LIST_OPS];

export function isListOp(op: string): boolean {
  return (LIST_OPS as readonly string[]).includes(op);
}

/** A field reference: `proc.name`, `proc.aname[2]`, `evt.arg.flags`. */
export interface FieldRef {
  name: string;
  arg?: string;
  span: Span;
}

export interface AndExpr {
  kind: 'and';
  children: Expr[];
  span: Span;
}

export interface OrExpr {
  kind: 'or';
  children: Expr[];
  span: Span;
}

export interface NotExpr {
  kind: 'not';
  child: Expr;
  span: Span;
}

/** A bare identifier: a macro reference, resolved by the compiler. */
export interface IdentifierExpr {
  kind: 'identifier';
  name: string;
  span: Span;
}

export interface UnaryCheckExpr {
  kind: 'unary';
  field: FieldRef;
  op: UnaryOp;
  span: Span;
}

/** A single right-hand value; for list operators an identifier is also kept as a single value. */
export interface ValueExpr {
  kind: 'value';
  value: string;
  span: Span;
}

export interface ListExpr {
  kind: 'list';
  values: string[];
  span: Span;
}

export interface BinaryCheckExpr {
  kind: 'binary';
  field: FieldRef;
  op: BinaryOp;
  value: ValueExpr | ListExpr;
  span: Span;
}

export type Expr = AndExpr | OrExpr | NotExpr | IdentifierExpr | UnaryCheckExpr | BinaryCheckExpr;

/** Parser position in libsinsp's terms: 0-based offset, 1-based line and column. */
export interface ParsePos {
  idx: number;
  line: number;
  col: number;
}

/** Visits every node depth-first (children before returning). */
export function walkExpr(e: Expr, visit: (e: Expr) => void): void {
  visit(e);
  if (e.kind === 'and' || e.kind === 'or') for (const c of e.children) walkExpr(c, visit);
  else if (e.kind === 'not') walkExpr(e.child, visit);
}

/** Renders an expression back to condition text (canonical spacing; used by -L, tests and debugging). */
export function exprToString(e: Expr): string {
  const quote = (v: string): string =>
    /^[^()"'\s=,]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const field = (f: FieldRef): string => (f.arg === undefined ? f.name : `${f.name}[${f.arg}]`);
  switch (e.kind) {
    case 'and':
      return e.children.map((c) => (c.kind === 'or' ? `(${exprToString(c)})` : exprToString(c))).join(' and ');
    case 'or':
      return e.children.map(exprToString).join(' or ');
    case 'not':
      return `not ${e.child.kind === 'and' || e.child.kind === 'or' ? `(${exprToString(e.child)})` : exprToString(e.child)}`;
    case 'identifier':
      return e.name;
    case 'unary':
      return `${field(e.field)} ${e.op}`;
    case 'binary':
      return `${field(e.field)} ${e.op} ${
        e.value.kind === 'list' ? `(${e.value.values.map(quote).join(', ')})` : quote(e.value.value)
      }`;
  }
}
