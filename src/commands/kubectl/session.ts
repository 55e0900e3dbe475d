// One kubectl invocation's connection: the loaded kubeconfig, the `kube` service, request helpers that
// print transport failures once, and the object paths, namespaces and clock the verbs share.

import type { ApiRequest, ApiResponse, StreamIO, Verb } from '../../kube/apiserver/types';
import type { KubeClient } from '../../kube/client';
import { apiVersionOf, type ResourceInfo } from '../../kube/resources';
import type { JsonObject, JsonValue, KubeObject } from '../../kube/types';
import type { CommandContext } from '../types';
import type { ParsedFlags } from './flags';
import { dialErrorText, transportErrorText } from './errors';
import { loadClientConfig, type ClientConfig } from './kubeconfig';

export const KUBECTL_USER_AGENT = 'kubectl/v1.26.1 (linux/amd64) kubernetes/8f94681';

export interface CallOptions {
  verb: Verb;
  uri: string;
  body?: JsonValue | undefined;
  patchType?: ApiRequest['patchType'] | undefined;
  stream?: StreamIO | undefined;
  /** The Accept header; kubectl get's human output asks for a server-side Table. */
  accept?: string;
  /**
   * A typed client-go call with no discovery first: null reports a refused connection bare, a
   * string wraps it (`failed to create ClusterIP service`).
   */
  typed?: string | null;
}

export class Kubectl {
  config!: ClientConfig;
  private client: KubeClient | undefined;
  /** A transport failure was already reported; later calls fail quietly. */
  private dialFailed = false;

  constructor(
    readonly ctx: CommandContext,
    readonly flags: ParsedFlags,
  ) {}

  str(name: string): string {
    const v = this.flags.values[name];
    return typeof v === 'string' ? v : '';
  }

  bool(name: string): boolean {
    return this.flags.values[name] === true;
  }

  num(name: string): number {
    const v = this.flags.values[name];
    return typeof v === 'number' ? v : 0;
  }

  list(name: string): string[] {
    const v = this.flags.values[name];
    return Array.isArray(v) ? v : [];
  }

  changed(name: string): boolean {
    return this.flags.changed.includes(name);
  }

  err(text: string): void {
    this.ctx.stderr.write(text);
  }

  out(text: string): void {
    this.ctx.stdout.write(text);
  }

  /** Load the kubeconfig; false (with the error printed) when it cannot be read. */
  connect(): boolean {
    const r = loadClientConfig(this.ctx.sys.fs, this.ctx.env, {
      kubeconfig: this.str('kubeconfig'),
      context: this.str('context'),
      cluster: this.str('cluster'),
      user: this.str('user'),
      server: this.str('server'),
      token: this.str('token'),
      clientCertificate: this.str('client-certificate'),
      namespace: this.str('namespace'),
      as: this.str('as'),
      asGroups: this.list('as-group'),
      asUid: this.str('as-uid'),
    });
    if (!r.ok) {
      this.err(r.stderr);
      return false;
    }
    this.config = r.config;
    this.client = this.ctx.sys.services.get<KubeClient>('kube');
    return true;
  }

  namespace(): string {
    return this.config.namespace;
  }

  nowMs(): number {
    return this.ctx.sys.wall().date.getTime();
  }

  interactive(): boolean {
    return this.client?.interactive ?? false;
  }

  /** Send a request; null when the connection failed (already reported). */
  async call(verb: Verb, uri: string, body?: JsonValue, patchType?: ApiRequest['patchType'], stream?: StreamIO): Promise<ApiResponse | null> {
    return this.send({ verb, uri, body, patchType, stream });
  }

  /**
   * One request with every option. A refused connection is reported once: after the discovery
   * (memcache) lines for requests that go through the RESTMapper, or, for typed client-go calls
   * (`create service`, `create configmap`), as the command's own wrapped error (`wrap`).
   */
  async send(o: CallOptions): Promise<ApiResponse | null> {
    if (this.dialFailed) return null;
    const wrapped = o.typed === undefined || o.typed === null ? null : o.typed;
    if (!this.client) {
      this.dialFailed = true;
      this.err(`The connection to the server ${this.config.server.replace(/^\w+:\/\//, '')} was refused - did you specify the right host or port?\n`);
      return null;
    }
    const r = await this.client.request({
      server: this.config.server,
      credentials: this.config.credentials,
      verb: o.verb,
      uri: o.uri,
      userAgent: KUBECTL_USER_AGENT,
      ...(o.body !== undefined ? { body: o.body } : {}),
      ...(o.patchType ? { patchType: o.patchType } : {}),
      ...(o.stream ? { stream: o.stream } : {}),
      ...(o.accept ? { accept: o.accept } : {}),
    });
    if (r.ok) {
      for (const w of r.response.warnings ?? []) this.err(`Warning: ${w}\n`);
      return r.response;
    }
    this.dialFailed = true;
    if (wrapped !== null && r.error.kind !== 'bad-url') {
      this.err(`error: ${wrapped}: ${transportErrorText(r.error, o.verb, this.config.server, o.uri)}\n`);
      return null;
    }
    const epoch = this.ctx.sys.wall(0).date.getTime();
    this.err(dialErrorText(r.error, this.config.server, this.ctx.process.pid, epoch, this.ctx.sys.now(), o.typed === undefined));
    return null;
  }

  /** Wait in simulated time (drives the clock in headless mode); false when interrupted. */
  sleep(seconds: number): Promise<boolean> {
    return this.ctx.sys.sleep(seconds * 1e9, this.ctx.signal);
  }
}

/** `/api/v1/namespaces/default/pods/nginx/log` and friends. */
export function resourcePath(r: ResourceInfo, namespace: string | null, name?: string, sub?: string, query?: string): string {
  const base = r.group === '' ? `/api/${r.version}` : `/apis/${apiVersionOf(r)}`;
  let p = r.namespaced && namespace ? `${base}/namespaces/${namespace}/${r.resource}` : `${base}/${r.resource}`;
  if (name !== undefined) p += `/${name}`;
  if (sub) p += `/${sub}`;
  return query ? `${p}?${query}` : p;
}

/** List responses carry items without kind/apiVersion; kubectl's decoder puts them back. */
export function itemsOf(body: JsonValue, r: ResourceInfo): KubeObject[] {
  const items = ((body as JsonObject | null)?.items as JsonObject[] | undefined) ?? [];
  return items.map((i) => ({ apiVersion: apiVersionOf(r), kind: r.kind, ...i }) as unknown as KubeObject);
}

/**
 * Check `done` now and then once a simulated second (kubectl's watch, simplified): true when it held,
 * false when the wait was interrupted or `timeoutSeconds` passed. The next second's sleep is already
 * under way while a check runs, so in headless mode (where a foreground command's sleeps move the clock)
 * the clock is never idle between two checks and the session does not take the command for stuck.
 */
export async function pollUntil(k: Kubectl, done: () => Promise<boolean>, timeoutSeconds = 3600): Promise<boolean> {
  let second = k.sleep(1);
  for (let i = 0; ; i++) {
    if (await done()) return true;
    if (i >= timeoutSeconds) return false;
    // Started before this second ends: it ends one second after it.
    const following = k.sleep(2);
    if (!(await second)) return false;
    second = following;
  }
}
