// RequestInfo from a URI, as apiserver's RequestInfoFactory derives it (group, version, namespace,
// resource, name, subresource), plus the query parameters the handlers read.

import type { Verb } from './types';

/** The verbs authorization sees: the request verbs plus `impersonate` (checked by the impersonation filter). */
export type AuthorizationVerb = Verb | 'impersonate';

export interface RequestInfo {
  isResource: boolean;
  /** Path without query. */
  path: string;
  query: URLSearchParams;
  verb: AuthorizationVerb;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(uri: string, verb: Verb): RequestInfo {
  const q = uri.indexOf('?');
  const path = q < 0 ? uri : uri.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : uri.slice(q + 1));
  const base: RequestInfo = { isResource: false, path, query, verb, group: '', version: '', namespace: '', resource: '', name: '', subresource: '' };
  const parts = path.split('/').filter((p) => p !== '');
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 2) {
    base.version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 3) {
    base.group = parts[1]!;
    base.version = parts[2]!;
    rest = parts.slice(3);
  } else return base;
  if (rest.length === 0) return base;
  base.isResource = true;
  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      base.namespace = rest[1]!;
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) rest = rest.slice(2);
    }
  }
  base.resource = rest[0] ?? '';
  if (rest.length >= 2) base.name = rest[1]!;
  if (rest.length >= 3) base.subresource = rest[2]!;
  // A GET or DELETE without a name addresses the collection.
  if (!base.name && verb === 'get') base.verb = query.get('watch') === 'true' || query.get('watch') === '1' ? 'watch' : 'list';
  if (!base.name && verb === 'delete') base.verb = 'deletecollection';
  return base;
}

const LONG_RUNNING_SUBRESOURCES = new Set(['exec', 'attach', 'log', 'proxy', 'portforward']);

export function isLongRunning(info: RequestInfo): boolean {
  if (info.verb === 'watch') return true;
  if (info.isResource) return LONG_RUNNING_SUBRESOURCES.has(info.subresource);
  return info.path.startsWith('/debug/pprof/');
}
