// `kubectl -o yaml` serialisation: sigs.k8s.io/yaml → gopkg.in/yaml.v2 block style, byte for byte.
//
// Layout rules of that encoder: 2-space indent; a list under a key is not indented (`containers:`
// then `- image:`); a map inside a list item starts on the dash line; `{}` / `[]` for empty
// containers; keys sorted with yaml.v2's "natural" order (digit runs compare as numbers); scalars
// styled and folded by ./yaml-scalar.

import { goFormatFloat, type GoValue } from '../../../jsonpath';
import { stringStyle, writeScalar } from './yaml-scalar';

type GoMap = { [key: string]: GoValue };

const isMap = (v: GoValue | undefined): v is GoMap => typeof v === 'object' && v !== null && !Array.isArray(v);

/** yaml.Marshal(obj) as kubectl's YAMLPrinter writes it, ending in a newline. */
export function toKubectlYaml(value: GoValue): string {
  if (isMap(value)) {
    const keys = yamlSortedKeys(value);
    return keys.length === 0 ? '{}\n' : emitMapping(value, keys, 0);
  }
  if (Array.isArray(value)) return value.length === 0 ? '[]\n' : emitSequence(value, 0);
  return `${scalarText(value, -1, 0, true).slice(1)}\n`;
}

/** Several objects as YAMLPrinter prints them one after another: `---` before the second and later. */
export function toKubectlYamlDocuments(values: GoValue[]): string {
  return values.map((v, i) => (i > 0 ? '---\n' : '') + toKubectlYaml(v)).join('');
}

function emitMapping(map: GoMap, keys: string[], indent: number): string {
  let out = '';
  for (const key of keys) {
    const keyText = scalarText(key, indent - 1, indent, false).slice(1);
    const head = `${' '.repeat(indent)}${keyText}:`;
    out += head + emitValue(map[key] as GoValue, Array.from(head).length, indent + 2, indent);
  }
  return out;
}

function emitSequence(items: GoValue[], indent: number): string {
  let out = '';
  for (const item of items) {
    const head = `${' '.repeat(indent)}-`;
    if (isMap(item) && yamlSortedKeys(item).length > 0) {
      // The map's first key sits on the dash line: replace its indentation with "- ".
      out += head + emitMapping(item, yamlSortedKeys(item), indent + 2).slice(indent + 1);
    } else if (Array.isArray(item) && item.length > 0) {
      out += head + emitSequence(item, indent + 2).slice(indent + 1);
    } else {
      out += head + emitValue(item, indent + 1, indent + 2, indent);
    }
  }
  return out;
}

/**
 * The rest of a `key:` or `-` line and whatever follows it. `column` is where the line stands,
 * `scalarIndent` where folded scalar lines continue, `blockIndent` the indentation of the key.
 */
function emitValue(value: GoValue | undefined, column: number, scalarIndent: number, blockIndent: number): string {
  if (isMap(value)) {
    const keys = yamlSortedKeys(value);
    return keys.length === 0 ? ' {}\n' : `\n${emitMapping(value, keys, blockIndent + 2)}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? ' []\n' : `\n${emitSequence(value, blockIndent)}`;
  return `${scalarText(value ?? null, column, scalarIndent, true)}\n`;
}

/** A scalar with its leading space. */
function scalarText(value: GoValue, column: number, indent: number, allowBreaks: boolean): string {
  if (value === null) return ' null';
  if (typeof value === 'boolean') return value ? ' true' : ' false';
  if (typeof value === 'number') {
    if (Number.isInteger(value)) return ` ${Number.isSafeInteger(value) ? value : BigInt(value)}`;
    const f = goFormatFloat(value);
    return ` ${f === '+Inf' ? '.inf' : f === '-Inf' ? '-.inf' : f === 'NaN' ? '.nan' : f}`;
  }
  const s = value as string;
  return writeScalar(s, stringStyle(s, !allowBreaks), column, indent, allowBreaks);
}

/** Map keys in yaml.v2's keyList order. */
export function yamlSortedKeys(map: { [key: string]: unknown }): string[] {
  return Object.keys(map)
    .filter((k) => map[k] !== undefined)
    .sort((a, b) => (yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0));
}

const isLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9';

/** yaml.v2 sorter.go keyList.Less for string keys: letters by code point, non-letters first, digit runs numerically. */
export function yamlKeyLess(a: string, b: string): boolean {
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ca = ar[i] as string;
    const cb = br[i] as string;
    if (ca === cb) continue;
    const al = isLetter(ca);
    const bl = isLetter(cb);
    if (al && bl) return (ca.codePointAt(0) as number) < (cb.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ca === '0' || cb === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ca.codePointAt(0) as number) < (cb.codePointAt(0) as number);
  }
  return ar.length < br.length;
}
