// kube-apiserver's command line as pflag parses it: `--name=value` or `--name value`, typed values, and
// the exact errors (`Error: unknown flag: --audit-log-pat`, `invalid argument "30d" for …`).

type FlagType = 'bool' | 'int' | 'float' | 'duration' | 'string';

const BOOL = ['allow-privileged', 'enable-bootstrap-token-auth', 'audit-log-compress', 'audit-log-batch-throttle-enable', 'audit-webhook-batch-throttle-enable', 'audit-log-truncate-enabled', 'audit-webhook-truncate-enabled', 'anonymous-auth', 'profiling', 'enable-aggregator-routing', 'enable-priority-and-fairness', 'enable-garbage-collector', 'logtostderr', 'alsologtostderr', 'enable-logs-handler', 'service-account-lookup', 'contention-profiling', 'delete-collection-workers-enabled', 'strict-transport-security-directives-enabled', 'watch-cache', 'allow-metric-labels-enabled'];
const INT = ['secure-port', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize', 'audit-log-batch-buffer-size', 'audit-log-batch-max-size', 'audit-log-batch-throttle-burst', 'audit-webhook-batch-buffer-size', 'audit-webhook-batch-max-size', 'audit-webhook-batch-throttle-burst', 'audit-log-truncate-max-batch-size', 'audit-log-truncate-max-event-size', 'audit-webhook-truncate-max-batch-size', 'audit-webhook-truncate-max-event-size', 'max-requests-inflight', 'max-mutating-requests-inflight', 'v', 'apiserver-count', 'min-request-timeout', 'delete-collection-workers', 'kubelet-read-only-port', 'etcd-count-metric-poll-period-seconds', 'goaway-chance', 'service-node-port-range-size'];
const FLOAT = ['audit-log-batch-throttle-qps', 'audit-webhook-batch-throttle-qps'];
const DURATION = ['audit-log-batch-max-wait', 'audit-webhook-batch-max-wait', 'audit-webhook-initial-backoff', 'audit-webhook-batch-initial-backoff', 'event-ttl', 'request-timeout', 'shutdown-delay-duration', 'kubelet-timeout', 'service-account-max-token-expiration', 'etcd-compaction-interval', 'etcd-db-metric-poll-interval', 'livez-grace-period', 'shutdown-watch-termination-grace-period'];
const STRING = [
  'advertise-address', 'authorization-mode', 'client-ca-file', 'enable-admission-plugins', 'disable-admission-plugins', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile',
  'etcd-servers', 'etcd-prefix', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-certificate-authority', 'kubelet-preferred-address-types', 'proxy-client-cert-file', 'proxy-client-key-file',
  'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix', 'requestheader-group-headers', 'requestheader-username-headers',
  'service-account-issuer', 'service-account-key-file', 'service-account-signing-key-file', 'service-cluster-ip-range', 'service-node-port-range', 'tls-cert-file', 'tls-private-key-file',
  'tls-cipher-suites', 'tls-min-version', 'audit-policy-file', 'audit-log-path', 'audit-log-format', 'audit-log-mode', 'audit-log-version', 'audit-webhook-config-file', 'audit-webhook-mode',
  'audit-webhook-version', 'bind-address', 'feature-gates', 'runtime-config', 'encryption-provider-config', 'admission-control-config-file', 'authorization-policy-file',
  'authorization-webhook-config-file', 'authentication-token-webhook-config-file', 'oidc-issuer-url', 'oidc-client-id', 'oidc-username-claim', 'oidc-groups-claim', 'oidc-ca-file',
  'token-auth-file', 'external-hostname', 'cors-allowed-origins', 'api-audiences', 'egress-selector-config-file', 'storage-backend', 'storage-media-type', 'cert-dir',
  'log-dir', 'log-file', 'vmodule', 'logging-format', 'kubelet-https', 'endpoint-reconciler-type', 'default-not-ready-toleration-seconds', 'default-unreachable-toleration-seconds',
];

const TYPES = new Map<string, FlagType>();
for (const n of BOOL) TYPES.set(n, 'bool');
for (const n of INT) TYPES.set(n, 'int');
for (const n of FLOAT) TYPES.set(n, 'float');
for (const n of DURATION) TYPES.set(n, 'duration');
for (const n of STRING) TYPES.set(n, 'string');

export type FlagParse = { ok: true; flags: Record<string, string> } | { ok: false; error: string };

/** Go's time.ParseDuration error text, or null when the value parses. */
export function goDurationError(v: string): string | null {
  if (v === '0') return null;
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(v)) return `time: missing unit in duration "${v}"`;
  if (/^[+-]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+$/.test(v)) return null;
  const unit = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)([^\d.]+)/.exec(v);
  if (unit) return `time: unknown unit "${unit[1]}" in duration "${v}"`;
  return `time: invalid duration "${v}"`;
}

function valueError(name: string, type: FlagType, v: string): string | null {
  const pre = `invalid argument "${v}" for "--${name}" flag: `;
  switch (type) {
    case 'int':
      return /^[+-]?\d+$/.test(v) ? null : `${pre}strconv.ParseInt: parsing "${v}": invalid syntax`;
    case 'float':
      return /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v) ? null : `${pre}strconv.ParseFloat: parsing "${v}": invalid syntax`;
    case 'bool':
      return ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? null : `${pre}strconv.ParseBool: parsing "${v}": invalid syntax`;
    case 'duration': {
      const e = goDurationError(v);
      return e ? pre + e : null;
    }
    default:
      return null;
  }
}

/** Parse argv[1..] as cobra/pflag do for kube-apiserver. */
export function parseApiServerFlags(args: string[]): FlagParse {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!a.startsWith('--')) {
      if (a.startsWith('-') && a.length > 1) return { ok: false, error: `unknown shorthand flag: '${a[1]}' in ${a}` };
      positional.push(a);
      continue;
    }
    const body = a.slice(2);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    const type = TYPES.get(name);
    if (!type) return { ok: false, error: `unknown flag: --${name}` };
    let value: string;
    if (eq >= 0) value = body.slice(eq + 1);
    else if (type === 'bool') value = 'true';
    else {
      if (i + 1 >= args.length) return { ok: false, error: `flag needs an argument: --${name}` };
      value = args[++i]!;
    }
    const err = valueError(name, type, value);
    if (err) return { ok: false, error: err };
    flags[name] = value;
  }
  const nonEmpty = positional.filter((p) => p.length > 0);
  if (nonEmpty.length > 0) return { ok: false, error: `"kube-apiserver" does not take any arguments, got [${positional.map((p) => JSON.stringify(p)).join(' ')}]` };
  return { ok: true, flags };
}
