// Compiles a macro-free condition tree into one closure (evt) => boolean, failing like sinsp_filter_compiler.
import type { Expr } from '../condition/ast';
import type { BoundField, FieldRegistry } from '../fields/types';
import type { Predicate } from './check';
import { CheckCompileError, compileCheck } from './check';

/** A compile failure at the node starting at `offset` of the text that node was parsed from. */
export class FilterCompileError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Looks a field up the way libsinsp's filter factory does, with its error wording. */
export function bindField<E>(fields: FieldRegistry<E>, name: string, arg: string | undefined): BoundField<E> {
  const bound = fields.resolve(name, arg);
  const written = arg === undefined ? name : `${name}[${arg}]`;
  if (!bound) throw new CheckCompileError(`filter_check called with nonexistent field ${name}`);
  const spec = bound.def.arg;
  if (spec.kind === 'none' && bound.arg !== undefined) throw new CheckCompileError(`filter_check called with nonexistent field ${written}`);
  if (spec.required && bound.arg === undefined) throw new CheckCompileError(`filter syntax error: ${name}`);
  if (spec.kind === 'index' && bound.arg !== undefined && !/^[0-9]+$/.test(bound.arg)) {
    throw new CheckCompileError(`${bound.arg} is not a valid number`);
  }
  return bound;
}

export function compileFilter<E>(expr: Expr, fields: FieldRegistry<E>): Predicate<E> {
  switch (expr.kind) {
    case 'and':
      return allOf(expr.children.map((c) => compileFilter(c, fields)));
    case 'or':
      return anyOf(expr.children.map((c) => compileFilter(c, fields)));
    case 'not': {
      const inner = compileFilter(expr.child, fields);
      return (e) => !inner(e);
    }
    case 'identifier':
      // Macros are substituted before compiling; a leftover name is a bug in the caller.
      throw new FilterCompileError(`Undefined macro '${expr.name}' used in filter.`, expr.span.start);
    case 'unary':
    case 'binary':
      try {
        const bound = bindField(fields, expr.field.name, expr.field.arg);
        const values = expr.kind === 'unary' ? [] : expr.value.kind === 'list' ? expr.value.values : [expr.value.value];
        return compileCheck(bound, expr.op, values);
      } catch (e) {
        if (e instanceof CheckCompileError) throw new FilterCompileError(e.message, expr.span.start);
        throw e;
      }
  }
}

/** Conjunction, short-circuiting left to right; small arities unrolled (most conditions are chains of 2–4). */
function allOf<E>(p: Predicate<E>[]): Predicate<E> {
  switch (p.length) {
    case 1:
      return p[0];
    case 2: {
      const [a, b] = p;
      return (e) => a(e) && b(e);
    }
    case 3: {
      const [a, b, c] = p;
      return (e) => a(e) && b(e) && c(e);
    }
    case 4: {
      const [a, b, c, d] = p;
      return (e) => a(e) && b(e) && c(e) && d(e);
    }
    default:
      return (e) => {
        for (let i = 0; i < p.length; i++) if (!p[i](e)) return false;
        return true;
      };
  }
}

/** Disjunction, short-circuiting left to right. */
function anyOf<E>(p: Predicate<E>[]): Predicate<E> {
  switch (p.length) {
    case 1:
      return p[0];
    case 2: {
      const [a, b] = p;
      return (e) => a(e) || b(e);
    }
    case 3: {
      const [a, b, c] = p;
      return (e) => a(e) || b(e) || c(e);
    }
    case 4: {
      const [a, b, c, d] = p;
      return (e) => a(e) || b(e) || c(e) || d(e);
    }
    default:
      return (e) => {
        for (let i = 0; i < p.length; i++) if (p[i](e)) return true;
        return false;
      };
  }
}
