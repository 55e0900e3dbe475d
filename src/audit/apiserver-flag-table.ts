// The kube-apiserver 1.26 flags the simulator knows, with their pflag value types. A flag missing here
// is an "unknown flag" to the simulated binary, so this covers kubeadm's manifest, every --audit-* flag
// and the hardening flags CKS material uses. Flags removed before 1.26 (--insecure-port,
// --logtostderr, --basic-auth-file, …) are deliberately absent.

export type FlagType =
  | 'string'
  | 'bool'
  | 'int'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'float64'
  /** klog verbosity: strconv.ParseUint(value, 10, 31). */
  | 'verbosity'
  | 'duration'
  | 'ip'
  | 'stringSlice'
  | 'stringArray'
  /** key=value lists and other structured values we accept as text. */
  | 'text';

export interface FlagSpec {
  type: FlagType;
  shorthand?: string;
  deprecated?: string;
}

const t = (type: FlagType, extra: Omit<FlagSpec, 'type'> = {}): FlagSpec => ({ type, ...extra });

const AUDIT_BATCH = (plugin: string): Record<string, FlagSpec> => ({
  [`audit-${plugin}-mode`]: t('string'),
  [`audit-${plugin}-batch-buffer-size`]: t('int'),
  [`audit-${plugin}-batch-max-size`]: t('int'),
  [`audit-${plugin}-batch-max-wait`]: t('duration'),
  [`audit-${plugin}-batch-throttle-enable`]: t('bool'),
  [`audit-${plugin}-batch-throttle-qps`]: t('float32'),
  [`audit-${plugin}-batch-throttle-burst`]: t('int'),
  [`audit-${plugin}-truncate-enabled`]: t('bool'),
  [`audit-${plugin}-truncate-max-batch-size`]: t('int64'),
  [`audit-${plugin}-truncate-max-event-size`]: t('int64'),
  [`audit-${plugin}-version`]: t('string'),
});

export const APISERVER_FLAGS: Record<string, FlagSpec> = {
  // audit
  'audit-policy-file': t('string'),
  'audit-log-path': t('string'),
  'audit-log-maxage': t('int'),
  'audit-log-maxbackup': t('int'),
  'audit-log-maxsize': t('int'),
  'audit-log-compress': t('bool'),
  'audit-log-format': t('string'),
  ...AUDIT_BATCH('log'),
  'audit-webhook-config-file': t('string'),
  'audit-webhook-initial-backoff': t('duration'),
  'audit-webhook-batch-initial-backoff': t('duration', { deprecated: 'Deprecated, use --audit-webhook-initial-backoff instead.' }),
  ...AUDIT_BATCH('webhook'),

  // generic server / serving
  'advertise-address': t('ip'),
  'bind-address': t('ip'),
  'secure-port': t('int'),
  'cert-dir': t('string'),
  'tls-cert-file': t('string'),
  'tls-private-key-file': t('string'),
  'tls-cipher-suites': t('stringSlice'),
  'tls-min-version': t('string'),
  'tls-sni-cert-key': t('stringArray'),
  'http2-max-streams-per-connection': t('int'),
  'permit-port-sharing': t('bool'),
  'permit-address-sharing': t('bool'),
  'external-hostname': t('string'),
  'cors-allowed-origins': t('stringSlice'),
  'strict-transport-security-directives': t('stringSlice'),
  'max-requests-inflight': t('int'),
  'max-mutating-requests-inflight': t('int'),
  'min-request-timeout': t('int'),
  'request-timeout': t('duration'),
  'livez-grace-period': t('duration'),
  'shutdown-delay-duration': t('duration'),
  'shutdown-send-retry-after': t('bool'),
  'goaway-chance': t('float64'),
  'enable-priority-and-fairness': t('bool'),
  'max-connection-bytes-per-sec': t('int64'),
  'profiling': t('bool'),
  'contention-profiling': t('bool'),
  'debug-socket-path': t('string'),
  'enable-logs-handler': t('bool'),
  'event-ttl': t('duration'),
  'allow-privileged': t('bool'),
  'apiserver-count': t('int'),
  'endpoint-reconciler-type': t('string'),
  'identity-lease-duration-seconds': t('int'),
  'identity-lease-renew-interval-seconds': t('int'),
  'kubernetes-service-node-port': t('int'),
  'master-service-namespace': t('string'),
  'service-cluster-ip-range': t('string'),
  'service-node-port-range': t('text'),
  'runtime-config': t('text'),
  'feature-gates': t('text'),
  'egress-selector-config-file': t('string'),
  'tracing-config-file': t('string'),
  'cloud-provider': t('string'),
  'cloud-config': t('string'),
  'enable-aggregator-routing': t('bool'),
  'aggregator-reject-forwarding-redirect': t('bool'),
  'proxy-client-cert-file': t('string'),
  'proxy-client-key-file': t('string'),
  'show-hidden-metrics-for-version': t('string'),
  'disabled-metrics': t('stringSlice'),
  'allow-metric-labels': t('text'),

  // etcd / storage
  'etcd-servers': t('stringSlice'),
  'etcd-servers-overrides': t('stringSlice'),
  'etcd-cafile': t('string'),
  'etcd-certfile': t('string'),
  'etcd-keyfile': t('string'),
  'etcd-prefix': t('string'),
  'etcd-compaction-interval': t('duration'),
  'etcd-count-metric-poll-period': t('duration'),
  'etcd-db-metric-poll-interval': t('duration'),
  'etcd-healthcheck-timeout': t('duration'),
  'etcd-readycheck-timeout': t('duration'),
  'storage-backend': t('string'),
  'storage-media-type': t('string'),
  'watch-cache': t('bool'),
  'watch-cache-sizes': t('stringSlice'),
  'default-watch-cache-size': t('int'),
  'delete-collection-workers': t('int'),
  'enable-garbage-collector': t('bool'),
  'encryption-provider-config': t('string'),
  'encryption-provider-config-automatic-reload': t('bool'),
  'lease-reuse-duration-seconds': t('int64'),

  // authentication
  'anonymous-auth': t('bool'),
  'client-ca-file': t('string'),
  'enable-bootstrap-token-auth': t('bool'),
  'token-auth-file': t('string'),
  'api-audiences': t('stringSlice'),
  'service-account-issuer': t('stringArray'),
  'service-account-jwks-uri': t('string'),
  'service-account-key-file': t('stringArray'),
  'service-account-signing-key-file': t('string'),
  'service-account-lookup': t('bool'),
  'service-account-max-token-expiration': t('duration'),
  'service-account-extend-token-expiration': t('bool'),
  'requestheader-allowed-names': t('stringSlice'),
  'requestheader-client-ca-file': t('string'),
  'requestheader-extra-headers-prefix': t('stringSlice'),
  'requestheader-group-headers': t('stringSlice'),
  'requestheader-username-headers': t('stringSlice'),
  'oidc-ca-file': t('string'),
  'oidc-client-id': t('string'),
  'oidc-groups-claim': t('string'),
  'oidc-groups-prefix': t('string'),
  'oidc-issuer-url': t('string'),
  'oidc-required-claim': t('text'),
  'oidc-signing-algs': t('stringSlice'),
  'oidc-username-claim': t('string'),
  'oidc-username-prefix': t('string'),
  'authentication-token-webhook-cache-ttl': t('duration'),
  'authentication-token-webhook-config-file': t('string'),
  'authentication-token-webhook-version': t('string'),

  // authorization and admission
  'authorization-mode': t('stringSlice'),
  'authorization-policy-file': t('string'),
  'authorization-webhook-cache-authorized-ttl': t('duration'),
  'authorization-webhook-cache-unauthorized-ttl': t('duration'),
  'authorization-webhook-config-file': t('string'),
  'authorization-webhook-version': t('string'),
  'admission-control': t('stringSlice', {
    deprecated: 'Use --enable-admission-plugins or --disable-admission-plugins instead. Will be removed in a future version.',
  }),
  'enable-admission-plugins': t('stringSlice'),
  'disable-admission-plugins': t('stringSlice'),
  'admission-control-config-file': t('string'),

  // kubelet client
  'kubelet-certificate-authority': t('string'),
  'kubelet-client-certificate': t('string'),
  'kubelet-client-key': t('string'),
  'kubelet-preferred-address-types': t('stringSlice'),
  'kubelet-timeout': t('duration'),

  // logging
  'v': t('verbosity', { shorthand: 'v' }),
  'vmodule': t('text'),
  'log-flush-frequency': t('duration'),
  'logging-format': t('string'),
  'log-json-info-buffer-size': t('text'),
  'log-json-split-stream': t('bool'),
};
