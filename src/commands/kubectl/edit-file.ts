// The file `kubectl edit` hands to the editor (pkg/cmd/util/editor/editoptions.go): the header comment
// with the reasons a save failed, comment stripping to compare saves, and the temp file's name.

import type { Random } from '../../core/random';
import { parseYamlDocuments } from '../../kube/manifest';
import { goJson } from './apply';

/** Why the file is being reopened: `pods "nginx" was not valid` and its causes. */
export interface EditReason {
  head: string;
  other: string[];
}

const HEADER =
  "# Please edit the object below. Lines beginning with a '#' will be ignored,\n" +
  '# and an empty file will abort the edit. If an error occurs while saving this file will be\n' +
  '# reopened with the relevant failures.\n' +
  '#\n';

/** Inserts `# ` after every line break not already followed by `#`, so a message stays a comment. */
export function hashOnLineBreak(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    out += ch === '\n' && i + 1 < s.length && s[i + 1] !== '#' ? '\n# ' : ch;
  }
  return out;
}

/** editHeader.writeTo: the fixed text, then each reason and its causes, each block closed by `#`. */
export function editHeader(reasons: readonly EditReason[]): string {
  let out = HEADER;
  for (const r of reasons) {
    out += r.other.length > 0 ? `# ${hashOnLineBreak(r.head)}:\n` : `# ${hashOnLineBreak(r.head)}\n`;
    for (const o of r.other) out += `# * ${hashOnLineBreak(o)}\n`;
    out += '#\n';
  }
  return out;
}

/** cmdutil.ManualStrip: drop every line whose first non-blank character is `#`. */
export function manualStrip(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim().startsWith('#')) return;
    kept.push(i < lines.length - 1 ? `${line}\n` : line);
  });
  return kept.join('');
}

/**
 * cmdutil.StripComments: the text as JSON (comments and layout gone), or stripped by hand when it
 * does not parse — what edit compares to decide whether anything changed.
 */
export function stripComments(text: string): string {
  const parsed = parseYamlDocuments(text);
  if (!parsed.ok) return manualStrip(text);
  return parsed.docs.map((d) => goJson(d)).join('\n');
}

/** hasLines: some line is neither blank nor a comment. */
export function hasLines(text: string): boolean {
  return text.split('\n').some((l) => {
    const t = l.trim();
    return t.length > 0 && t[0] !== '#';
  });
}

/** os.CreateTemp("", "kubectl-edit-*.yaml"): the `*` becomes a random uint32 in decimal. */
export function editTempPath(random: Random, ext: '.yaml' | '.json'): string {
  return `/tmp/kubectl-edit-${random.int(4294967296)}${ext}`;
}
