// What the writing verbs (patch, label, annotate, edit) share about output: --dry-run's strategy and
// the `(dry run)` suffix, and -o, where `name` keeps the operation (`pod/nginx labeled`).

import type { KubeObject } from '../../kube/types';
import { nameLine, printObjects, type OutputFormatResult } from './printers';
import type { Kubectl } from './session';

/** Formats a non-get command prints with -o (PrintFlags without the table printers). */
export const WRITE_OUTPUT_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];

/** GetDryRunStrategy: none, client or server; an error text for anything else. */
export function dryRunStrategy(k: Kubectl): 'none' | 'client' | 'server' | { error: string } {
  const v = k.str('dry-run');
  if (v === 'none' || v === 'false' || v === '') return 'none';
  if (v === 'client' || v === 'server') return v;
  if (v === 'true' || v === 'unchanged') return 'client';
  return { error: `error: Invalid dry-run value (${v}). Must be "none", "server", or "client".\n` };
}

/** The operation word with the dry-run suffix PrintFlagsWithDryRunStrategy adds. */
export function withDryRun(operation: string, dry: 'none' | 'client' | 'server'): string {
  return dry === 'client' ? `${operation} (dry run)` : dry === 'server' ? `${operation} (server dry run)` : operation;
}

/** The line or document for one written object: -o's printer, or `pod/nginx <operation>`. */
export function printWritten(k: Kubectl, fmt: OutputFormatResult | null, obj: KubeObject, operation: string): void {
  if (!fmt?.ok || fmt.format.kind === 'name' || fmt.format.kind === 'table') {
    k.out(nameLine(obj, operation));
    return;
  }
  const p = printObjects([obj], fmt.format, { nowMs: k.nowMs(), singleItemImplied: true });
  k.out(p.stdout);
  if (!p.ok) k.err(p.stderr);
}
