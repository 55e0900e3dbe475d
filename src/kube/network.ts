// The wire between clients and the API server: requests reach the pipeline only while a kube-apiserver
// process is serving; otherwise the connection is refused. Cluster components get identities here.

import type { ApiServer } from './apiserver/pipeline';
import type { ApiRequest, ApiResponse, UserInfo, Verb } from './apiserver/types';
import type { KubeState } from './state';
import type { JsonValue } from './types';

export const API_PORT = 6443;
export const USER_AGENT_SUFFIX = 'v1.26.1 (linux/amd64) kubernetes/8f94681';

export class ApiNetwork {
  constructor(
    private readonly state: KubeState,
    readonly api: ApiServer,
  ) {}

  serving(): boolean {
    return this.state.serving !== null;
  }

  /** Deliver a request; null means the TCP connection was refused (no serving API server). */
  async call(req: ApiRequest): Promise<ApiResponse | null> {
    if (!this.serving()) return null;
    return this.api.handle(req);
  }
}

/** A control-plane component or kubelet talking to the API with its own identity. */
export class ComponentClient {
  constructor(
    private readonly net: ApiNetwork,
    private readonly user: UserInfo,
    private readonly userAgent: string,
    private readonly sourceIP: string,
  ) {}

  request(verb: Verb, uri: string, body?: JsonValue, patchType?: ApiRequest['patchType']): Promise<ApiResponse | null> {
    const req: ApiRequest = { verb, uri, credentials: { component: this.user }, userAgent: this.userAgent, sourceIP: this.sourceIP };
    if (body !== undefined) req.body = body;
    if (patchType) req.patchType = patchType;
    return this.net.call(req);
  }
}

export function kubeletClient(net: ApiNetwork, node: string, ip: string): ComponentClient {
  return new ComponentClient(net, { username: `system:node:${node}`, groups: ['system:nodes', 'system:authenticated'] }, `kubelet/${USER_AGENT_SUFFIX}`, ip);
}

export function schedulerClient(net: ApiNetwork, ip: string): ComponentClient {
  return new ComponentClient(net, { username: 'system:kube-scheduler', groups: ['system:authenticated'] }, `kube-scheduler/${USER_AGENT_SUFFIX}/scheduler`, ip);
}

export function controllerManagerClient(net: ApiNetwork, ip: string, controller: string): ComponentClient {
  return new ComponentClient(net, { username: 'system:kube-controller-manager', groups: ['system:authenticated'] }, `kube-controller-manager/${USER_AGENT_SUFFIX}/${controller}`, ip);
}
