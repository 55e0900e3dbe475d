// `-o jsonpath=…` / `-o jsonpath-as-json=…`: cli-runtime's JSONPathPrinter around the pure engine,
// with kubectl's exact error text for a template that does not parse or does not execute.

import { findResults, goJsonMarshal, goQuote, goSyntax, parseJsonPath, printResults, type GoValue } from '../../../jsonpath';

export interface JsonPathPrintOptions {
  /** --allow-missing-template-keys (kubectl's default: true). */
  allowMissingKeys?: boolean;
  /** jsonpath-as-json: every result group as an indented JSON array. */
  asJson?: boolean;
}

/** `stderr` is the whole text kubectl prints (it already starts with `error: `); exit status 1. */
export type JsonPathPrintResult = { ok: true; stdout: string } | { ok: false; stderr: string };

/** The message for a template that does not parse (checked before anything is fetched). */
export function jsonPathParseError(template: string): string | null {
  const parsed = parseJsonPath(template);
  return parsed.ok ? null : `error: error parsing jsonpath ${template}, ${parsed.error}\n`;
}

export function printJsonPath(template: string, data: GoValue, options: JsonPathPrintOptions = {}): JsonPathPrintResult {
  const parsed = parseJsonPath(template);
  if (!parsed.ok) return { ok: false, stderr: `error: error parsing jsonpath ${template}, ${parsed.error}\n` };
  const found = findResults(parsed.template, data, { allowMissingKeys: options.allowMissingKeys ?? true });
  if (!found.ok) {
    const debug =
      `Error executing template: ${found.error}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${template}\n` +
      `\tobject given to jsonpath engine was:\n\t\t${goSyntax(data)}\n\n`;
    return { ok: false, stderr: `error: error executing jsonpath ${goQuote(template)}: ${debug}\n` };
  }
  if (options.asJson) {
    return { ok: true, stdout: found.results.map((group) => `${goJsonMarshal(group, { indent: '    ' })}\n`).join('') };
  }
  return { ok: true, stdout: printResults(found.results) };
}
