// Macro substitution: identifiers become the macro's (already resolved) tree, honouring definition order.
import type { Expr } from '../condition/ast';
import type { MacroInfo } from '../rules/collector';

export interface CompiledMacro {
  info: MacroInfo;
  /** Parsed condition with list names already substituted. */
  parsed: Expr;
  /** Parsed tree with macros substituted; filled lazily. */
  resolved?: Expr;
  resolving?: boolean;
  used: boolean;
}

/** Thrown for the first identifier with no visible macro. */
export class UndefinedMacroError extends Error {
  /** The macro whose condition holds the unknown name; unset when it is the rule's own condition. */
  owner?: CompiledMacro;

  constructor(readonly macro: string) {
    super(`Undefined macro '${macro}' used in filter.`);
  }
}

/**
 * Substitutes macros in `e`. Only macros whose index is below `visibility` are visible, so a macro
 * can use those defined before it; rules pass Infinity and see them all.
 */
export function resolveMacros(e: Expr, macros: Map<string, CompiledMacro>, visibility: number): Expr {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const children = e.children.map((c) => resolveMacros(c, macros, visibility));
      return children.every((c, i) => c === e.children[i]) ? e : { ...e, children };
    }
    case 'not': {
      const child = resolveMacros(e.child, macros, visibility);
      return child === e.child ? e : { ...e, child };
    }
    case 'identifier': {
      const m = macros.get(e.name);
      if (!m || m.info.index >= visibility || m.resolving) throw new UndefinedMacroError(e.name);
      m.used = true;
      return resolvedMacro(m, macros);
    }
    default:
      return e;
  }
}

export function resolvedMacro(m: CompiledMacro, macros: Map<string, CompiledMacro>): Expr {
  if (!m.resolved) {
    m.resolving = true;
    try {
      m.resolved = resolveMacros(m.parsed, macros, m.info.visibility);
    } catch (e) {
      if (e instanceof UndefinedMacroError && !e.owner) e.owner = m;
      throw e;
    } finally {
      m.resolving = false;
    }
  }
  return m.resolved;
}
