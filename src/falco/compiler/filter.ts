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
    case 'and': {
      const parts = expr.children.map((c) => compileFilter(c, fields));
      if (parts.length === 2) {
        const [a, b] = parts;
        return (e) => a(e) && b(e);
      }
      return (e) => {
        for (const p of parts) if (!p(e)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = expr.children.map((c) => compileFilter(c, fields));
      return (e) => {
        for (const p of parts) if (p(e)) return true;
        return false;
      };
    }
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
