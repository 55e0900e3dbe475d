// Calling the simulated API server as `kubectl` with the control plane's admin.conf would: the admin
// client certificate from the shipped kubeconfig, kubectl's user agent and the node's address.
import { readFileSync } from 'node:fs';
import type { ApiRequest, Verb } from '../../src/kube/apiserver/types';
import type { JsonValue } from '../../src/kube/types';

export const ADMIN_CERT = /client-certificate-data: (\S+)/.exec(
  readFileSync(new URL('../../assets/rootfs/kube-control-plane/files/etc/kubernetes/admin.conf', import.meta.url), 'utf8'),
)![1]!;

/** A request as the admin's kubectl sends it; `extra` adds or overrides fields (patchType, stream…). */
export function adminRequest(verb: Verb, uri: string, body?: unknown, extra: Partial<ApiRequest> = {}): ApiRequest {
  return {
    verb,
    uri,
    credentials: { clientCertificate: ADMIN_CERT },
    userAgent: 'kubectl/v1.26.1 (linux/amd64) kubernetes/8f94681',
    sourceIP: '192.168.56.10',
    ...(body !== undefined ? { body: body as JsonValue } : {}),
    ...extra,
  };
}
