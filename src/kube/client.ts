// The `kube` service: how a process reaches the API server over the simulated network. The caller
// (kubectl) reads its kubeconfig itself and passes server and credentials; this routes by address.

import type { Kernel } from '../world/kernel/kernel';
import type { ProcessRecord } from '../world/kernel/process';
import type { ApiRequest, ApiResponse, Credentials, StreamIO, Verb } from './apiserver/types';
import type { ApiNetwork } from './network';
import type { JsonValue } from './types';
import type { KubeState } from './state';

export interface KubeClientRequest {
  /** `https://192.168.56.10:6443` from the kubeconfig (or `http://localhost:8080` without one). */
  server: string;
  credentials: Credentials;
  verb: Verb;
  uri: string;
  body?: JsonValue;
  patchType?: ApiRequest['patchType'];
  userAgent: string;
  stream?: StreamIO;
  /** The Accept header (kubectl get asks for a Table). */
  accept?: string;
}

/** Transport failures, as Go's net package words them. */
export type KubeDialError =
  | { kind: 'refused'; hostPort: string; dial: string }
  | { kind: 'no-such-host'; host: string }
  | { kind: 'bad-url'; message: string };

export type KubeClientResult = { ok: true; response: ApiResponse } | { ok: false; error: KubeDialError };

export interface KubeClient {
  request(req: KubeClientRequest): Promise<KubeClientResult>;
  /** Whether the caller runs interactively (its long waits drive the clock in headless mode). */
  readonly interactive: boolean;
}

export interface ParsedServer {
  scheme: string;
  host: string;
  port: number;
  hostPort: string;
}

export function parseServer(server: string): ParsedServer | null {
  const m = /^(https?):\/\/(\[[^\]]+\]|[^/:]+)(?::(\d+))?\/?$/.exec(server);
  if (!m) return null;
  const scheme = m[1]!;
  const port = m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80;
  return { scheme, host: m[2]!, port, hostPort: `${m[2]}:${port}` };
}

const RESOLVES: Record<string, string> = { localhost: '127.0.0.1' };

export function kubeClientFactory(net: ApiNetwork, controlPlaneIP: () => string, state: KubeState) {
  return (kernel: Kernel, nodeName: string, proc: ProcessRecord): KubeClient => {
    const node = kernel.world.nodes[nodeName];
    return {
      interactive: !!proc.interactive,
      async request(req) {
        const s = parseServer(req.server);
        if (!s) return { ok: false, error: { kind: 'bad-url', message: `parse "${req.server}": invalid URI for request` } };
        const ip = RESOLVES[s.host] ?? s.host;
        if (!/^[\d.]+$/.test(ip)) return { ok: false, error: { kind: 'no-such-host', host: s.host } };
        const cp = controlPlaneIP();
        const onControlPlane = node?.ip === cp;
        const inPod = proc.containerId !== null;
        const reaches = (ip === cp && s.port === 6443) || (onControlPlane && !inPod && ip === '127.0.0.1' && s.port === 6443) || (ip === '10.96.0.1' && s.port === 443);
        const refused: KubeClientResult = { ok: false, error: { kind: 'refused', hostPort: s.hostPort, dial: `${ip}:${s.port}` } };
        if (!reaches) return refused;
        const apiReq: ApiRequest = {
          verb: req.verb,
          uri: req.uri,
          credentials: req.credentials,
          userAgent: req.userAgent,
          sourceIP: ip === '127.0.0.1' ? '127.0.0.1' : inPod ? podIP(kernel, state, nodeName, proc.containerId!) : (node?.ip ?? ''),
        };
        if (req.body !== undefined) apiReq.body = req.body;
        if (req.patchType) apiReq.patchType = req.patchType;
        if (req.stream) apiReq.stream = req.stream;
        if (req.accept) apiReq.accept = req.accept;
        const r = await net.call(apiReq);
        return r ? { ok: true, response: r } : refused;
      },
    };
  };
}

function podIP(kernel: Kernel, state: KubeState, node: string, cid: string): string {
  const c = kernel.world.nodes[node]?.containers[cid];
  return (c && state.runtime[node]?.sandboxes[c.sandboxId]?.ip) ?? '';
}
