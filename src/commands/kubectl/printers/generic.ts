// The non-table printers' shared pieces: List wrapping as `get.go printGeneric` does it, hiding
// managedFields, `-o json` (json.go) and `-o name` (name.go).

import { goJsonMarshal, type GoValue } from '../../../jsonpath';
import type { KubeObject, List } from '../../../kube/types';

/** `apiVersion: v1, items: […], kind: List, metadata: {resourceVersion: ""}`. */
export function wrapList<T extends KubeObject>(items: readonly T[], resourceVersion = ''): List<T> {
  return { apiVersion: 'v1', items: [...items], kind: 'List', metadata: { resourceVersion } };
}

/**
 * What printGeneric hands the printer: the object itself when one named object was asked for
 * (`get pod nginx`), otherwise a List of everything (even of one item, even of none).
 */
export function printableObject(objects: readonly KubeObject[], singleItemImplied: boolean): KubeObject | List {
  if (singleItemImplied && objects.length === 1) return objects[0] as KubeObject;
  return wrapList(objects);
}

export function isList(obj: KubeObject | List): obj is List {
  return obj.kind === 'List' && Array.isArray((obj as List).items);
}

/** OmitManagedFieldsPrinter: a copy without metadata.managedFields (in every item of a List). */
export function omitManagedFields<T extends KubeObject | List>(obj: T): T {
  const strip = (o: KubeObject): KubeObject => {
    if (!o.metadata || !('managedFields' in o.metadata)) return o;
    const { managedFields: _hidden, ...metadata } = o.metadata;
    return { ...o, metadata };
  };
  if (isList(obj)) return { ...obj, items: obj.items.map(strip) } as T;
  return strip(obj as KubeObject) as T;
}

/** JSON as kubectl's JSONPrinter writes it: 4-space indent, HTML-escaped, trailing newline. */
export function toKubectlJson(value: unknown, options: { sortKeys?: boolean } = {}): string {
  return `${goJsonMarshal(value as GoValue, { indent: '    ', sortKeys: options.sortKeys ?? true })}\n`;
}

/** One `-o name` line: `pod/nginx`, `deployment.apps/web`, or `pod/nginx created` with an operation. */
export function nameLine(obj: Pick<KubeObject, 'apiVersion' | 'kind' | 'metadata'>, operation?: string): string {
  const slash = obj.apiVersion.indexOf('/');
  const group = slash >= 0 ? obj.apiVersion.slice(0, slash) : '';
  const kind = obj.kind.toLowerCase();
  const resource = group ? `${kind}.${group}/${obj.metadata.name ?? ''}` : `${kind}/${obj.metadata.name ?? ''}`;
  return operation ? `${resource} ${operation}\n` : `${resource}\n`;
}

/** `-o name` for an object or every item of a List. */
export function printNames(obj: KubeObject | List): string {
  return isList(obj) ? obj.items.map((item) => nameLine(item)).join('') : nameLine(obj);
}
