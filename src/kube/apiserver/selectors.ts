// Label and field selectors as list requests use them (`-l app=web,tier!=db`, `spec.nodeName=node01`).

import type { JsonObject, KubeObject } from '../types';

type LabelReq = { key: string; op: '=' | '!=' | 'in' | 'notin' | 'exists' | '!exists'; values: string[] };

export type SelectorResult<T> = { ok: true; match: T } | { ok: false; message: string };

export function parseLabelSelector(text: string): SelectorResult<(labels: Record<string, string>) => boolean> {
  const reqs: LabelReq[] = [];
  const parts = text.match(/(?:[^,(]+(?:\([^)]*\))?)+/g) ?? [];
  for (const raw of parts) {
    const p = raw.trim();
    if (p === '') continue;
    let m: RegExpExecArray | null;
    if ((m = /^([^\s!=]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(p))) reqs.push({ key: m[1]!, op: m[2] as 'in' | 'notin', values: m[3]!.split(',').map((s) => s.trim()) });
    else if ((m = /^([^\s!=]+)\s*!=\s*(\S*)$/.exec(p))) reqs.push({ key: m[1]!, op: '!=', values: [m[2]!] });
    else if ((m = /^([^\s!=]+)\s*==?\s*(\S*)$/.exec(p))) reqs.push({ key: m[1]!, op: '=', values: [m[2]!] });
    else if ((m = /^!([^\s!=]+)$/.exec(p))) reqs.push({ key: m[1]!, op: '!exists', values: [] });
    else if ((m = /^([^\s!=()]+)$/.exec(p))) reqs.push({ key: m[1]!, op: 'exists', values: [] });
    else return { ok: false, message: `unable to parse requirement: found '${p}', expected: !, identifier, or 'end of string'` };
  }
  const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
  for (const r of reqs) {
    for (const v of r.values) {
      if (!VALUE.test(v)) {
        return {
          ok: false,
          message: `unable to parse requirement: values[0][${r.key}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
        };
      }
    }
  }
  return {
    ok: true,
    match: (labels) =>
      reqs.every((r) => {
        const v = labels[r.key];
        switch (r.op) {
          case '=':
            return v === r.values[0];
          case '!=':
            return v !== r.values[0];
          case 'in':
            return v !== undefined && r.values.includes(v);
          case 'notin':
            return v === undefined || !r.values.includes(v);
          case 'exists':
            return v !== undefined;
          case '!exists':
            return v === undefined;
        }
      }),
  };
}

function fieldValue(obj: KubeObject, path: string): string {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as JsonObject)[part];
  }
  return cur === undefined || cur === null ? '' : String(cur);
}

export function parseFieldSelector(text: string): SelectorResult<(o: KubeObject) => boolean> {
  const reqs: { path: string; neg: boolean; value: string }[] = [];
  for (const raw of text.split(',')) {
    const p = raw.trim();
    if (p === '') continue;
    const m = /^([^!=]+)(!=|==|=)(.*)$/.exec(p);
    if (!m) return { ok: false, message: `invalid selector: '${text}'; can't understand '${p}'` };
    reqs.push({ path: m[1]!, neg: m[2] === '!=', value: m[3]! });
  }
  return { ok: true, match: (o) => reqs.every((r) => (fieldValue(o, r.path) === r.value) !== r.neg) };
}
