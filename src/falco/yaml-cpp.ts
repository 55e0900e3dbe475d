// yaml-cpp's reading of YAML that Falco relies on: every scalar is text, its null and bool spellings, its errors.
import type { Node as YamlNode } from 'yaml';
import type { Scalar } from 'yaml';
import { isMap, isPair, isScalar, YAMLMap } from 'yaml';

export type AnyNode = YamlNode | null | undefined;

const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);

/**
 * Documents are parsed with the library's default schema (its failsafe schema is several times
 * slower) and plain scalars are read back from their source text, which is what yaml-cpp sees.
 */
function rawText(n: Scalar): string {
  if (n.type === 'PLAIN' && typeof n.source === 'string') return n.source;
  return String(n.value ?? '');
}

export function isNullNode(n: AnyNode): boolean {
  if (n === null || n === undefined) return true;
  return isScalar(n) && n.type === 'PLAIN' && NULL_WORDS.has(rawText(n));
}

/** The scalar's text, or null for null nodes and collections. */
export function scalarText(n: AnyNode): string | null {
  if (!isScalar(n) || isNullNode(n)) return null;
  return rawText(n);
}

/** yaml-cpp's convert<bool>; null when the text is not a boolean. */
export function parseYamlBool(text: string): boolean | null {
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
}

/** First value for `key` (yaml-cpp looks keys up in order and tolerates duplicates). */
export function getKey(map: AnyNode, key: string): AnyNode {
  if (!isMap(map)) return undefined;
  for (const p of (map as YAMLMap).items) {
    if (isPair(p) && isScalar(p.key) && rawText(p.key) === key) return (p.value ?? null) as AnyNode;
  }
  return undefined;
}

/** yaml-cpp's message and mark for the commonest mistakes; other errors keep the yaml library's text. */
export function yamlCppError(content: string, code: string, message: string, offset: number): { message: string; offset: number } {
  if (code === 'BLOCK_AS_IMPLICIT_KEY' || code === 'MULTILINE_IMPLICIT_KEY') {
    // yaml-cpp stops at the second ':' of `key: a: b`.
    const lineEnd = content.indexOf('\n', offset);
    const colon = content.slice(offset, lineEnd < 0 ? undefined : lineEnd).indexOf(':');
    return { message: 'illegal map value', offset: colon >= 0 ? offset + colon : offset };
  }
  if (code === 'BAD_INDENT' && /Flow sequence/.test(message)) return { message: 'end of sequence flow not found', offset };
  if (code === 'BAD_INDENT' && /Flow mapping/.test(message)) return { message: 'end of map flow not found', offset };
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { message: first.charAt(0).toLowerCase() + first.slice(1), offset };
}
