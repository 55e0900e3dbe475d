// Rule exceptions: validation against the source's fields and the ` and not (…)` text Falco appends.
import type { LoadContext } from './load-result';
import { RuleLoadError } from './load-result';
import { ALL_OPS, isListOp } from '../condition/ast';

/** A scalar or a (possibly nested) list, as written under fields/comps/values. */
export interface ExceptionEntry {
  isList: boolean;
  item: string;
  items: ExceptionEntry[];
}

export interface ExceptionInfo {
  name: string;
  ctx: LoadContext;
  fields: ExceptionEntry | null;
  comps: ExceptionEntry | null;
  values: ExceptionEntry[];
}

export const scalarEntry = (item: string): ExceptionEntry => ({ isList: false, item, items: [] });

const fail = (msg: string, ctx: LoadContext): never => {
  throw new RuleLoadError('LOAD_ERR_VALIDATE', msg, ctx);
};

/** Fills default comparison operators and checks fields and operators exist. */
export function validateException(ex: ExceptionInfo, hasField: (field: string) => boolean): void {
  const fields = ex.fields;
  if (!fields) return;
  if (fields.isList) {
    if (!ex.comps) ex.comps = { isList: true, item: '', items: fields.items.map(() => scalarEntry('=')) };
    if (fields.items.length !== ex.comps.items.length) fail('Fields and comps lists must have equal length', ex.ctx);
    for (const c of ex.comps.items) {
      if (!(ALL_OPS as readonly string[]).includes(c.item)) fail(`'${c.item}' is not a supported comparison operator`, ex.ctx);
    }
    for (const f of fields.items) {
      if (!hasField(f.item)) fail(`'${f.item}' is not a supported filter field`, ex.ctx);
    }
  } else {
    if (!ex.comps) ex.comps = scalarEntry('in');
    if (ex.comps.isList) fail('Fields and comps must both be strings', ex.ctx);
    if (!['in', 'pmatch', 'intersects'].includes(ex.comps.item)) {
      fail('When fields is a single value, comps must be one of (in, pmatch, intersects)', ex.ctx);
    }
    if (!hasField(fields.item)) fail(`'${fields.item}' is not a supported filter field`, ex.ctx);
  }
}

/** Values containing a space are double-quoted unless already quoted. */
export function quoteItem(v: string): string {
  if (v.includes(' ') && v[0] !== '"' && v[0] !== "'") return `"${v}"`;
  return v;
}

const parenItem = (v: string): string => (v[0] === '(' ? v : `(${v})`);

/**
 * The text appended to a rule's raw condition — unparenthesised, exactly as Falco 0.33 does, so
 * `a or b` with an exception becomes `a or b and not (…)`.
 */
export function exceptionsCondition(exceptions: ExceptionInfo[]): string {
  let out = '';
  for (const ex of exceptions) {
    const fields = ex.fields;
    const comps = ex.comps;
    if (!fields || !comps) continue;
    let icond = '';
    if (!fields.isList) {
      for (const val of ex.values) {
        if (val.isList) fail('Expected values array to contain a list of strings', ex.ctx);
        icond += icond === '' ? `(${fields.item} ${comps.item} (` : ', ';
        icond += quoteItem(val.item);
      }
      if (icond !== '') icond += '))';
    } else {
      icond = '(';
      for (const values of ex.values) {
        if (fields.items.length !== values.items.length) fail('Fields and values lists must have equal length', ex.ctx);
        icond += icond === '(' ? '' : ' or ';
        icond += '(';
        fields.items.forEach((field, k) => {
          icond += k === 0 ? '' : ' and ';
          const v = values.items[k];
          let istr: string;
          if (v.isList) istr = `(${v.items.map((x) => quoteItem(x.item)).join(', ')})`;
          else istr = isListOp(comps.items[k].item) ? parenItem(v.item) : quoteItem(v.item);
          icond += ` ${field.item} ${comps.items[k].item} ${istr}`;
        });
        icond += ')';
      }
      icond += ')';
      if (icond === '()') icond = '';
    }
    if (icond !== '') out += ` and not ${icond}`;
  }
  return out;
}
