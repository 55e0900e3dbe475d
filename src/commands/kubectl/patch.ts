// kubectl patch: -p/--patch-file as JSON or YAML, --type strategic|merge|json, sent as a PATCH for
// each object (`pod/nginx patched`, `patched (no change)`), or applied locally with --local and
// --dry-run=client (pkg/cmd/patch/patch.go).

import { parseYamlDocuments } from '../../kube/manifest';
import { applyJsonPatch, applyMergePatch, applyStrategicPatch } from '../../kube/patch';
import type { ApiRequest } from '../../kube/apiserver/types';
import type { JsonValue, KubeObject } from '../../kube/types';
import { deepEqual } from './client-patches';
import { badRequest } from '../../kube/apiserver/status';
import { asStatus } from './errors';
import { goJsonSyntaxError } from './go-json-syntax';
import { parseOutputFormat } from './printers';
import { resourcePath, type Kubectl } from './session';
import { fetchTargets, localTargets } from './targets';
import { visitErrorsText, type VisitFailure } from './visit-errors';
import { dryRunStrategy, printWritten, withDryRun, WRITE_OUTPUT_FORMATS } from './write-output';

const PATCH_TYPES: Record<string, NonNullable<ApiRequest['patchType']>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** The patch text as yaml.ToJSON treats it: `{`-prefixed text passes unchecked, anything else is YAML. */
type PatchBody = { ok: true; body: JsonValue } | { ok: true; invalidJson: string } | { ok: false; stderr: string };

function patchBody(text: string, shown: string): PatchBody {
  if (text.trimStart().startsWith('{')) {
    const err = goJsonSyntaxError(text);
    return err === null ? { ok: true, body: JSON.parse(text) as JsonValue } : { ok: true, invalidJson: err };
  }
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return { ok: false, stderr: `error: unable to parse ${JSON.stringify(shown)}: ${parsed.message}\n` };
  return { ok: true, body: parsed.docs[0] ?? null };
}

function applyLocally(type: string, obj: KubeObject, patch: JsonValue): { value: JsonValue } | { error: string } {
  const base = obj as unknown as JsonValue;
  if (type === 'merge') return { value: applyMergePatch(base, patch) };
  if (type === 'json') {
    const r = applyJsonPatch(base, patch);
    if (r.ok) return { value: r.value };
    // patch.go rewords this one json-patch error for local patches.
    const at = r.message.indexOf('doc is missing key');
    return { error: at < 0 ? r.message : `Object to be patched is missing field (${r.message.slice(r.message.indexOf('key:') + 5)})` };
  }
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return { error: 'json: cannot unmarshal array into Go value of type map[string]interface {}' };
  return { value: applyStrategicPatch(base, patch) };
}

export async function patchCommand(k: Kubectl): Promise<number> {
  const dry = dryRunStrategy(k);
  if (typeof dry === 'object') return k.err(dry.error), 1;
  const fmt = k.str('output') ? parseOutputFormat(k.str('output'), k.str('template'), WRITE_OUTPUT_FORMATS) : null;
  if (fmt && !fmt.ok) return k.err(fmt.stderr), 1;
  const inline = k.str('patch');
  const file = k.str('patch-file');
  const local = k.bool('local');
  const type = k.str('type').toLowerCase() || 'strategic';
  if (inline && file) return k.err('error: cannot specify --patch and --patch-file together\n'), 1;
  if (!inline && !file) return k.err('error: must specify --patch or --patch-file containing the contents of the patch\n'), 1;
  if (local && k.flags.args.length > 0) return k.err('error: cannot specify --local and server resources\n'), 1;
  if (local && dry === 'server') return k.err('error: cannot specify --local and --dry-run=server - did you mean --dry-run=client?\n'), 1;
  if (!PATCH_TYPES[type]) return k.err(`error: --type must be one of [json merge strategic], not ${JSON.stringify(k.str('type'))}\n`), 1;
  let text = inline;
  if (file) {
    try {
      text = k.ctx.sys.fs.readFile(file);
    } catch {
      return k.err(`error: unable to read patch file: open ${file}: no such file or directory\n`), 1;
    }
  }
  const body = patchBody(text, inline);
  if (!body.ok) return k.err(body.stderr), 1;

  const report = (obj: KubeObject, changed: boolean): void => printWritten(k, fmt, obj, withDryRun(changed ? 'patched' : 'patched (no change)', dry));
  const fetched = local ? await localTargets(k) : await fetchTargets(k, { args: k.flags.args, allowEmptySelector: false });
  if (typeof fetched === 'number') return fetched;
  const { targets, errors } = fetched;
  for (const t of targets) {
    if (local || dry === 'client') {
      if ('invalidJson' in body) {
        errors.push({ messages: [body.invalidJson] });
        continue;
      }
      const r = applyLocally(type, t.obj, body.body);
      if ('error' in r) {
        errors.push({ messages: [r.error] });
        continue;
      }
      report(r.value as unknown as KubeObject, !deepEqual(t.obj as unknown as JsonValue, r.value));
      continue;
    }
    if ('invalidJson' in body) {
      // Text that is not JSON cannot travel in a request here (bodies are decoded values), so the
      // API server's answer to it is written on this side.
      errors.push({ status: badRequest(`${type === 'strategic' ? '' : 'error decoding patch: '}${body.invalidJson}`) });
      continue;
    }
    const query = `fieldManager=${k.str('field-manager')}${dry === 'server' ? '&dryRun=All' : ''}`;
    const resp = await k.call('patch', resourcePath(t.r, t.ns, t.name, undefined, query), body.body, PATCH_TYPES[type]);
    if (!resp) return 1;
    const st = asStatus(resp.body);
    if (st && resp.code >= 400) {
      errors.push({ status: st });
      continue;
    }
    report(resp.body as unknown as KubeObject, !deepEqual(t.obj as unknown as JsonValue, resp.body));
  }
  if (targets.length === 0 && errors.length === 0) return k.err('error: no objects passed to patch\n'), 1;
  k.err(visitErrorsText(errors));
  return errors.length > 0 ? 1 : 0;
}
