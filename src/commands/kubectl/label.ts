// kubectl label and kubectl annotate: `KEY=VAL` and `KEY-` after the resources, applied to each
// object's metadata and sent as a JSON merge patch (`pod/nginx labeled`, `unlabeled`, `not labeled`,
// `annotated`); --overwrite, --list, --all, -l, --resource-version, --dry-run (pkg/cmd/label, annotate).

import type { JsonValue, KubeObject } from '../../kube/types';
import { createMergePatch } from './client-patches';
import { asStatus } from './errors';
import { parseOutputFormat } from './printers';
import { resourcePath, type Kubectl } from './session';
import { fetchTargets, localTargets, type Target } from './targets';
import { visitErrorsText, type VisitFailure } from './visit-errors';
import { dryRunStrategy, printWritten, withDryRun, WRITE_OUTPUT_FORMATS } from './write-output';

/** What differs between the two commands. */
interface PairCommand {
  /** `label`, `annotation`: as the messages name one. */
  pairType: 'label' | 'annotation';
  field: 'labels' | 'annotations';
  parse(pairs: string[]): { set: Map<string, string>; remove: string[] } | string;
  /** Options checked after the resources (Validate): an error text or null. */
  validate(set: Map<string, string>, remove: string[]): string | null;
  /** The client-side check before changing an object (no silent overwrite), as error messages. */
  overwriteErrors(current: Record<string, string>, set: Map<string, string>): string[];
  /** The word after `pod/nginx`, from the JSON texts before and after. */
  outcome(before: string, after: string, overwrite: boolean): string;
  /** label prints the object it changed locally; annotate prints what the server returned. */
  printsServerObject: boolean;
  /** label says which removed labels were not there. */
  reportsMissing: boolean;
}

/** cmdutil.GetResourcesAndPairs: resources first, then `k=v` / `k-` words. */
export function splitResourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } | string {
  const resources: string[] = [];
  const pairs: string[] = [];
  for (const s of args) {
    const pair = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (pair) pairs.push(s);
    else if (pairs.length > 0) return `all resources must be specified before ${pairType} changes: ${s}`;
    else resources.push(s);
  }
  return { resources, pairs };
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** validation.IsValidLabelValue. */
export function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) {
    errs.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
    );
  }
  return errs;
}

const LABEL: PairCommand = {
  pairType: 'label',
  field: 'labels',
  parse(pairs) {
    const set = new Map<string, string>();
    const remove: string[] = [];
    for (const spec of pairs) {
      if (spec.includes('=')) {
        const parts = spec.split('=');
        if (parts.length !== 2) return `invalid label spec: ${spec}`;
        const errs = labelValueErrors(parts[1]!);
        if (errs.length > 0) return `invalid label value: ${JSON.stringify(spec)}: ${errs.join(';')}`;
        set.set(parts[0]!, parts[1]!);
      } else if (spec.endsWith('-')) remove.push(spec.slice(0, -1));
      else return `unknown label spec: ${spec}`;
    }
    if (remove.some((r) => set.has(r))) return 'can not both modify and remove a label in the same command';
    return { set, remove };
  },
  validate: () => null,
  overwriteErrors: (current, set) =>
    [...set.keys()].sort().flatMap((key) => (key in current ? [`'${key}' already has a value (${current[key]}), and --overwrite is false`] : [])),
  outcome(before, after, overwrite) {
    if (before === after) return 'not labeled';
    return !overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
  },
  printsServerObject: false,
  reportsMissing: true,
};

const ANNOTATION: PairCommand = {
  pairType: 'annotation',
  field: 'annotations',
  parse(pairs) {
    const set = new Map<string, string>();
    const remove: string[] = [];
    const invalid: string[] = [];
    for (const spec of pairs) {
      const eq = spec.indexOf('=');
      if (eq > 0) set.set(spec.slice(0, eq), spec.slice(eq + 1));
      else if (spec.endsWith('-') && spec !== '-') remove.push(spec.slice(0, -1));
      else invalid.push(spec);
    }
    if (invalid.length > 0) return `invalid annotation format: ${invalid.join(', ')}`;
    return { set, remove };
  },
  validate(set, remove) {
    const both = remove.filter((r) => set.has(r));
    return both.length > 0 ? `can not both modify and remove the following annotation(s) in the same command: ${both.join(', ')}` : null;
  },
  overwriteErrors(current, set) {
    const found = [...set.keys()].sort().filter((key) => key !== 'kubernetes.io/change-cause' && key in current);
    return found.length === 0 ? [] : [`--overwrite is false but found the following declared annotation(s): ${found.map((key) => `'${key}' already has a value (${current[key]})`).join('; ')}`];
  },
  outcome: () => 'annotated',
  printsServerObject: true,
  reportsMissing: false,
};

export const labelCommand = (k: Kubectl): Promise<number> => runPairs(k, LABEL);
export const annotateCommand = (k: Kubectl): Promise<number> => runPairs(k, ANNOTATION);

async function runPairs(k: Kubectl, c: PairCommand): Promise<number> {
  const dry = dryRunStrategy(k);
  if (typeof dry === 'object') return k.err(dry.error), 1;
  const fail = (msg: string): number => (k.err(`error: ${msg}\n`), 1);
  const plural = c.pairType === 'label' ? 'labels' : 'annotations';
  const split = splitResourcesAndPairs(k.flags.args, c.pairType);
  if (typeof split === 'string') return fail(split);
  const output = k.str('output');
  const fmt = output ? parseOutputFormat(output, k.str('template'), WRITE_OUTPUT_FORMATS) : null;
  if (fmt && !fmt.ok) return k.err(fmt.stderr), 1;
  const parsed = c.parse(split.pairs);
  if (typeof parsed === 'string') return fail(parsed);
  const list = k.bool('list');
  if (list && output) return fail('--list and --output may not be specified together');
  if (k.bool('all') && k.str('selector')) return fail('cannot set --all and --selector at the same time');
  if (k.bool('all') && k.str('field-selector')) return fail('cannot set --all and --field-selector at the same time');
  const local = k.bool('local');
  const example = c.pairType === 'label' ? '-f pod.yaml or --filename=pod.json' : '-f rsrc.yaml or --filename=rsrc.json';
  if (local) {
    if (dry === 'server') return fail('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
    if (split.resources.length > 0) return fail(`can only use local files by ${example} when --local=true is set`);
    if (k.list('filename').length === 0) return fail(`one or more files must be specified as ${example}`);
  } else if (split.resources.length === 0 && k.list('filename').length === 0) {
    return fail('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  if (parsed.set.size === 0 && parsed.remove.length === 0 && !list) return fail(`at least one ${c.pairType} update is required`);
  const invalid = c.validate(parsed.set, parsed.remove);
  if (invalid) return fail(invalid);

  const fetched = local
    ? await localTargets(k)
    : await fetchTargets(k, {
        args: split.resources,
        allowEmptySelector: k.bool('all'),
        selector: k.str('selector'),
        fieldSelector: k.str('field-selector'),
        allNamespaces: k.bool('all-namespaces'),
      });
  if (typeof fetched === 'number') return fetched;
  const rv = k.str('resource-version');
  if (!fetched.singleItemImplied && rv) return fail('--resource-version may only be used with a single resource');
  const failures: VisitFailure[] = [...fetched.errors];
  const offline = local || dry === 'client' || list;
  for (const t of fetched.targets) {
    const obj = structuredClone(t.obj);
    // Clearing it first makes the patch always carry the requested resourceVersion.
    if (rv) delete obj.metadata.resourceVersion;
    const before = JSON.stringify(obj);
    const current = { ...((obj.metadata[c.field] as Record<string, string> | undefined) ?? {}) };
    if (!offline && c.reportsMissing) for (const key of parsed.remove) if (!(key in current)) k.out(`${c.pairType} ${JSON.stringify(key)} not found.\n`);
    if (!k.bool('overwrite')) {
      const errs = c.overwriteErrors(current, parsed.set);
      if (errs.length > 0) {
        failures.push({ messages: errs });
        continue;
      }
    }
    for (const [key, value] of parsed.set) current[key] = value;
    for (const key of parsed.remove) delete current[key];
    obj.metadata[c.field] = current;
    if (rv) obj.metadata.resourceVersion = rv;
    const after = JSON.stringify(obj);
    let shown: KubeObject = obj;
    if (!offline) {
      const sent = await sendPatch(k, t, before, obj, dry === 'server');
      if (sent === null) return 1;
      if ('failure' in sent) {
        failures.push(sent.failure);
        continue;
      }
      if (c.printsServerObject) shown = sent.obj;
    }
    if (list) {
      const pairs = (shown.metadata[c.field] as Record<string, string> | undefined) ?? {};
      const indent = fetched.singleItemImplied ? '' : ' ';
      if (!fetched.singleItemImplied) k.out(`Listing ${plural} for ${t.obj.kind}.${t.r.group}/${t.name}:\n`);
      for (const key of Object.keys(pairs).sort()) k.out(`${indent}${key}=${pairs[key]}\n`);
      continue;
    }
    printWritten(k, fmt, shown, withDryRun(c.outcome(before, after, k.bool('overwrite')), dry));
  }
  k.err(visitErrorsText(failures));
  return failures.length > 0 ? 1 : 0;
}

/** The merge patch from the object as fetched to the object as changed; null when the connection failed. */
async function sendPatch(k: Kubectl, t: Target, before: string, after: KubeObject, serverDryRun: boolean): Promise<{ obj: KubeObject } | { failure: VisitFailure } | null> {
  const patch = createMergePatch(JSON.parse(before) as JsonValue, after as unknown as JsonValue);
  const query = `fieldManager=${k.str('field-manager')}${serverDryRun ? '&dryRun=All' : ''}`;
  const resp = await k.call('patch', resourcePath(t.r, t.ns, t.name, undefined, query), patch, 'application/merge-patch+json');
  if (!resp) return null;
  const st = asStatus(resp.body);
  if (st && resp.code >= 400) return { failure: { status: st } };
  return { obj: resp.body as unknown as KubeObject };
}
