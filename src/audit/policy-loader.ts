// Loads an audit policy file exactly as kube-apiserver 1.26 does (audit/policy/reader.go):
// JSON-or-YAML decode, apiVersion/kind resolution against the audit scheme, strict decoding with a
// lenient fallback and a warning, the group/version check, validation, the 0-rules check, and the
// `loading audit policy file: …: from file PATH` wrapping.

import { looksLikeJson, type DocValue } from './doc-value';
import { goAggregate, goQuote } from './go-format';
import { parseGoJson } from './go-json';
import { validatePolicy, type RawPolicy, type RawPolicyRule } from './policy-validation';
import { decodeTyped, POLICY_INTERNAL, POLICY_V1, type GoType } from './typed-decode';
import type { AuditPolicy } from './types';
import { readYamlDocument } from './yaml-reader';

export type LoadPolicyResult =
  | { ok: true; policy: AuditPolicy; warnings: string[] }
  | { ok: false; error: string; warnings: string[] };

/** Where kube-apiserver's klog lines about the policy come from (for a caller that writes the log header). */
export const POLICY_WARNING_SOURCE = 'reader.go:81';

const SCHEME = 'k8s.io/apiserver/pkg/audit/scheme.go:30';
const AUDIT_GROUP = 'audit.k8s.io';
const INTERNAL = '__internal';

interface Gvk {
  group: string;
  version: string;
  kind: string;
}

const gvkString = (g: Gvk): string => `${g.group}/${g.version}, Kind=${g.kind}`;
const gvString = (g: Gvk): string => (g.group === '' ? g.version : `${g.group}/${g.version}`);

/** Kinds the audit scheme knows in audit.k8s.io/v1 besides Policy: they decode, then fail to convert. */
const OTHER_V1_KINDS: Record<string, string> = {
  Event: 'k8s.io/apiserver/pkg/apis/audit/v1',
  EventList: 'k8s.io/apiserver/pkg/apis/audit/v1',
  PolicyList: 'k8s.io/apiserver/pkg/apis/audit/v1',
  WatchEvent: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  ListOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  GetOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  DeleteOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  CreateOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  UpdateOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
  PatchOptions: 'k8s.io/apimachinery/pkg/apis/meta/v1',
};
/** metav1's unversioned kinds: the scheme creates them whatever the apiVersion says. */
const UNVERSIONED_KINDS = ['Status', 'APIVersions', 'APIGroupList', 'APIGroup', 'APIResourceList'];

const INTERPRET_TYPE =
  'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** SimpleMetaFactory.Interpret: apiVersion and kind, read with encoding/json (case-insensitive keys). */
function interpret(doc: DocValue): { ok: true; gvk: Gvk } | { ok: false; error: string } {
  const prefix = "couldn't get version/kind; json parse error: ";
  if (doc.kind !== 'object' && doc.kind !== 'null') {
    return { ok: false, error: `${prefix}json: cannot unmarshal ${doc.kind === 'bool' ? 'bool' : doc.kind} into Go value of type ${INTERPRET_TYPE}` };
  }
  let apiVersion = '';
  let kind = '';
  let firstError: string | null = null;
  if (doc.kind === 'object') {
    for (const [key, value] of doc.entries) {
      const lower = key.toLowerCase();
      if (lower !== 'apiversion' && lower !== 'kind') continue;
      const field = lower === 'kind' ? 'kind' : 'apiVersion';
      if (value.kind === 'null') continue;
      if (value.kind !== 'string') {
        firstError ??= `json: cannot unmarshal ${value.kind} into Go struct field .${field} of type string`;
        continue;
      }
      if (field === 'kind') kind = value.value;
      else apiVersion = value.value;
    }
  }
  if (firstError !== null) return { ok: false, error: prefix + firstError };
  // schema.ParseGroupVersion
  let group = '';
  let version = '';
  if (apiVersion !== '' && apiVersion !== '/') {
    const slashes = apiVersion.split('/').length - 1;
    if (slashes === 0) version = apiVersion;
    else if (slashes === 1) [group, version] = apiVersion.split('/');
    else return { ok: false, error: `unexpected GroupVersion string: ${apiVersion}` };
  }
  return { ok: true, gvk: { group, version, kind } };
}

/** gvkWithDefaults against the decode target, the internal Policy. */
function withDefaults(actual: Gvk): Gvk {
  const out = { ...actual };
  if (out.kind === '') out.kind = 'Policy';
  if (out.version === '' && out.group === '') {
    out.group = AUDIT_GROUP;
    out.version = INTERNAL;
  }
  if (out.version === '' && out.group === AUDIT_GROUP) out.version = INTERNAL;
  return out;
}

type Target = { ok: true; schema: GoType } | { ok: false; error: string };

/** runtime.UseOrCreateObject + the versioning codec's conversion into the internal Policy. */
function decodeTarget(gvk: Gvk): Target {
  if (gvk.group === AUDIT_GROUP && gvk.version === INTERNAL && gvk.kind === 'Policy') return { ok: true, schema: POLICY_INTERNAL };
  if (gvk.group === AUDIT_GROUP && gvk.version === 'v1') {
    if (gvk.kind === 'Policy') return { ok: true, schema: POLICY_V1 };
    const pkg = OTHER_V1_KINDS[gvk.kind];
    if (pkg !== undefined) return { ok: false, error: unknownConversion(pkg, gvk.kind) };
  }
  if (UNVERSIONED_KINDS.includes(gvk.kind)) return { ok: false, error: unknownConversion('k8s.io/apimachinery/pkg/apis/meta/v1', gvk.kind) };
  if (gvk.version === INTERNAL) {
    return { ok: false, error: `no kind ${goQuote(gvk.kind)} is registered for the internal version of group ${goQuote(gvk.group)} in scheme ${goQuote(SCHEME)}` };
  }
  return { ok: false, error: `no kind ${goQuote(gvk.kind)} is registered for version ${goQuote(gvString(gvk))} in scheme ${goQuote(SCHEME)}` };
}

const unknownConversion = (pkg: string, kind: string): string =>
  `converting (${pkg}) ${kind} to (k8s.io/apiserver/pkg/apis/audit) Policy: unknown conversion`;

type Decoded = { ok: true; doc: DocValue; yamlStrictErrors: string[] } | { ok: false; error: string };

/** The universal deserializer's choice: data starting with `{` is JSON, everything else YAML. */
function readDocument(text: string): Decoded {
  if (looksLikeJson(text)) {
    const parsed = parseGoJson(text);
    if (!parsed.ok) return { ok: false, error: `couldn't get version/kind; json parse error: ${parsed.error}` };
    return { ok: true, doc: parsed.value, yamlStrictErrors: [] };
  }
  const read = readYamlDocument(text);
  if (!read.ok) return read;
  const yamlStrictErrors = read.duplicateKeyErrors.length > 0 ? [`yaml: unmarshal errors:\n  ${read.duplicateKeyErrors.join('\n  ')}`] : [];
  return { ok: true, doc: read.value, yamlStrictErrors };
}

/** LoadPolicyFromBytes: the error (unwrapped) or the policy, plus klog warnings. */
export function loadPolicyFromBytes(text: string): LoadPolicyResult {
  const warnings: string[] = [];
  const fail = (error: string): LoadPolicyResult => ({ ok: false, error, warnings });

  const read = readDocument(text);
  if (!read.ok) return fail(`failed decoding: ${read.error}`);
  const interpreted = interpret(read.doc);
  if (!interpreted.ok) return fail(`failed decoding: ${interpreted.error}`);
  const gvk = withDefaults(interpreted.gvk);
  const target = decodeTarget(gvk);
  if (!target.ok) return fail(`failed decoding: ${target.error}`);

  const strictPass = decodeTyped(read.doc, target.schema, true);
  if (strictPass.typeError !== null) return fail(`failed decoding: ${strictPass.typeError}`);
  let decoded = strictPass.value;
  const strictErrors = [...read.yamlStrictErrors, ...strictPass.strictErrors];
  if (strictErrors.length > 0) {
    const lenient = decodeTyped(read.doc, target.schema, false);
    if (lenient.typeError !== null) return fail(`failed lenient decoding: ${lenient.typeError}`);
    decoded = lenient.value;
    warnings.push(`Audit policy contains errors, falling back to lenient decoding: strict decoding error: ${strictErrors.join(', ')}`);
  }

  if (!(gvk.group === AUDIT_GROUP && gvk.version === 'v1')) return fail(`unknown group version field ${gvkString(gvk)} in policy`);

  const raw = toRawPolicy(decoded);
  const errs = validatePolicy(raw);
  if (errs.length > 0) return fail(goAggregate(errs));
  if (raw.rules.length === 0) return fail('loaded illegal policy with 0 rules');
  // Validation guarantees levels and stages are the known values.
  return { ok: true, policy: raw as AuditPolicy, warnings };
}

/**
 * The policy file as kube-apiserver loads it at startup (`--audit-policy-file`). `path` is only used in
 * messages. Errors carry the full text kube-apiserver logs: `loading audit policy file: …: from file PATH`.
 */
export function loadAuditPolicy(text: string, path: string): LoadPolicyResult {
  const r = loadPolicyFromBytes(text);
  if (r.ok) return r;
  return { ok: false, error: `loading audit policy file: ${r.error}: from file ${path}`, warnings: r.warnings };
}

/** The message when the file cannot be read at all (no `from file` suffix, as upstream). */
export function auditPolicyReadError(path: string, reason: 'ENOENT' | 'EISDIR' | 'EACCES' | 'ENOTDIR'): string {
  const err =
    reason === 'EISDIR'
      ? `read ${path}: is a directory`
      : `open ${path}: ${reason === 'ENOENT' ? 'no such file or directory' : reason === 'EACCES' ? 'permission denied' : 'not a directory'}`;
  return `loading audit policy file: failed to read file path ${goQuote(path)}: ${err}`;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : '')) : []);
const stringOr = (v: unknown): string => (typeof v === 'string' ? v : '');

function toRawPolicy(v: Record<string, unknown>): RawPolicy {
  const rules: RawPolicyRule[] = (Array.isArray(v.rules) ? v.rules : []).map((r: unknown) => {
    const rule = (r ?? {}) as Record<string, unknown>;
    const resources = (Array.isArray(rule.resources) ? rule.resources : []).map((g: unknown) => {
      const gr = (g ?? {}) as Record<string, unknown>;
      return { group: stringOr(gr.group), resources: strings(gr.resources), resourceNames: strings(gr.resourceNames) };
    });
    return {
      level: stringOr(rule.level),
      users: strings(rule.users),
      userGroups: strings(rule.userGroups),
      verbs: strings(rule.verbs),
      resources,
      namespaces: strings(rule.namespaces),
      nonResourceURLs: strings(rule.nonResourceURLs),
      omitStages: strings(rule.omitStages),
      omitManagedFields: typeof rule.omitManagedFields === 'boolean' ? rule.omitManagedFields : null,
    };
  });
  return {
    rules,
    omitStages: strings(v.omitStages),
    omitManagedFields: v.omitManagedFields === true,
  };
}
