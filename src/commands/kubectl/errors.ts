// How kubectl prints what went wrong (cmdutil.CheckErr / StandardErrorMessage): API statuses,
// Invalid objects with their causes, and transport failures with the discovery (memcache) lines.

import { isStatus, type Status } from '../../kube/apiserver/types';
import type { KubeDialError } from '../../kube/client';
import type { JsonObject, JsonValue } from '../../kube/types';
import { klogHeader } from '../../kube/timefmt';

/** The stderr text for an API error status; `source` adds `error when creating "f.yaml": `. */
export function statusErrorText(st: Status, opts: { source?: { verb: string; file: string } } = {}): string {
  const reason = typeof st.reason === 'string' ? st.reason : '';
  const message = typeof st.message === 'string' ? st.message : '';
  if (reason === 'Invalid') {
    const d = (st.details ?? {}) as JsonObject;
    const causes = (d.causes as JsonObject[] | undefined) ?? [];
    let head = 'The request is invalid';
    if (d.kind || d.name) head = `The ${String(d.kind ?? '')} "${String(d.name ?? '')}" is invalid`;
    if (causes.length === 0) return `${head}\n`;
    const lines = causes.map((c) => `${String(c.field ?? '')}: ${String(c.message ?? '')}`);
    return lines.length === 1 ? `${head}: ${lines[0]}\n` : `${head}: \n${lines.map((l) => `* ${l}`).join('\n')}\n`;
  }
  if (reason === 'Unauthorized') return 'error: You must be logged in to the server (Unauthorized)\n';
  const msg = opts.source ? `error when ${opts.source.verb} "${opts.source.file}": ${message}` : message;
  if (reason && reason !== 'Unknown') return `Error from server (${reason}): ${msg}\n`;
  return `Error from server: ${msg}\n`;
}

export function asStatus(body: JsonValue): Status | null {
  return isStatus(body) ? body : null;
}

/** What a refused or unresolvable connection prints, after the five discovery attempts. */
export function dialErrorText(err: KubeDialError, server: string, pid: number, epochMs: number, now: number, discovery: boolean): string {
  if (err.kind === 'bad-url') return `error: ${err.message}\n`;
  const cause = err.kind === 'refused' ? `dial tcp ${err.dial}: connect: connection refused` : `dial tcp: lookup ${err.host} on 127.0.0.53:53: no such host`;
  const base = server.replace(/\/+$/, '');
  let out = '';
  if (discovery) {
    for (let i = 0; i < 5; i++) {
      const t = now + (i * 13 + 7) * 1_000_000;
      out += `${klogHeader('E', epochMs, t, pid, 'memcache.go:238')}couldn't get current server API group list: Get "${base}/api?timeout=32s": ${cause}\n`;
    }
  }
  if (err.kind === 'refused') return `${out}The connection to the server ${err.hostPort} was refused - did you specify the right host or port?\n`;
  return `${out}Unable to connect to the server: ${cause}\n`;
}

const HTTP_METHOD: Record<string, string> = { get: 'Get', list: 'Get', watch: 'Get', create: 'Post', update: 'Put', patch: 'Patch', delete: 'Delete', deletecollection: 'Delete' };

/** Go's url.Error text of a failed request: `Post "https://…/api/v1/…": dial tcp 1.2.3.4:6443: connect: connection refused`. */
export function transportErrorText(err: KubeDialError, verb: string, server: string, uri: string): string {
  if (err.kind === 'bad-url') return err.message;
  const cause = err.kind === 'refused' ? `dial tcp ${err.dial}: connect: connection refused` : `dial tcp: lookup ${err.host} on 127.0.0.53:53: no such host`;
  return `${HTTP_METHOD[verb] ?? 'Get'} "${server.replace(/\/+$/, '')}${uri}": ${cause}`;
}
