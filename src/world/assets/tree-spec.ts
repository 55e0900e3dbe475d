// Reads the file-tree descriptions under assets/rootfs/<tree>/tree.txt (node and image root file
// systems) and layers their `include`s into one ordered list of entries the VFS can be built from.
//
// Grammar of tree.txt (one item per line; blank lines and lines starting with `#` are ignored):
//   line    = include | entry
//   include = "include" SP treeName                  (only before the first entry)
//   entry   = type SP mode SP uid SP gid SP path [SP extra]
//   type    = "d" | "f" | "x" | "l" | "c"
//   mode    = 3*4 octal digits                        (setuid/setgid/sticky allowed: 4755, 1777)
//   extra   = program name (x) | link target (l) | major "," minor (c); none for d and f
// Fields are separated by blanks, so paths cannot contain spaces. Paths are absolute and
// normalised; a path may appear once per file. Across includes a later entry replaces an earlier
// one in place, so the parents-before-children order survives.
// The reader is injected, so this module never touches the host file system.

export type TreeEntryType = 'dir' | 'file' | 'exec' | 'symlink' | 'chardev';

export interface TreeEntry {
  type: TreeEntryType;
  /** Permission bits including setuid (04000), setgid (02000) and sticky (01000); no file-type bits. */
  mode: number;
  uid: number;
  gid: number;
  path: string;
  /** For `exec`: the simulator program that runs when this file is executed. */
  program?: string;
  /** For `symlink`: the link text, relative or absolute, exactly as written. */
  target?: string;
  /** For `chardev`. */
  device?: { major: number; minor: number };
  /** For `file`: the text from `<tree>/files/<path>`, or '' when the tree ships no such file. */
  content?: string;
}

export interface TreeSpec {
  includes: string[];
  /** Entries as written, with the 1-based line each came from. */
  entries: Array<TreeEntry & { line: number }>;
}

export interface TreeSpecError {
  tree: string;
  /** 1-based line in `<tree>/tree.txt`; 0 when the problem is not tied to one line. */
  line: number;
  message: string;
}

export type TreeSpecResult = { ok: true; spec: TreeSpec } | { ok: false; errors: TreeSpecError[] };
export type ResolvedTreeResult = { ok: true; entries: TreeEntry[] } | { ok: false; errors: TreeSpecError[] };

/** Reads a file relative to the assets/rootfs directory; null when it does not exist. */
export type AssetReader = (relPath: string) => string | null;

const TYPE_LETTERS: Record<string, TreeEntryType> = {
  d: 'dir',
  f: 'file',
  x: 'exec',
  l: 'symlink',
  c: 'chardev',
};

const TREE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PROGRAM_NAME = /^[A-Za-z0-9_.\[+-][A-Za-z0-9_.\[\]+-]*$/;
const MAX_ID = 4294967294;

export function formatTreeSpecError(e: TreeSpecError): string {
  return e.line > 0 ? `${e.tree}/tree.txt:${e.line}: ${e.message}` : `${e.tree}/tree.txt: ${e.message}`;
}

/** The directory holding `path` ('/' for top-level entries, '' for '/' itself). */
export function parentPath(path: string): string {
  if (path === '/') return '';
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

function pathProblem(path: string): string | null {
  if (!path.startsWith('/')) return `path '${path}' is not absolute`;
  if (path === '/') return null;
  if (path.endsWith('/')) return `path '${path}' ends with '/'`;
  for (const part of path.slice(1).split('/')) {
    if (part === '') return `path '${path}' has an empty component`;
    if (part === '.' || part === '..') return `path '${path}' has a '${part}' component`;
  }
  return null;
}

function parseId(text: string, what: string): number | string {
  if (!/^[0-9]+$/.test(text)) return `${what} '${text}' is not a number`;
  const n = Number(text);
  return n > MAX_ID ? `${what} '${text}' is out of range` : n;
}

type LineOutcome = TreeEntry | string;

function parseEntryFields(fields: string[]): LineOutcome {
  const [letter, modeText, uidText, gidText, path, extra, ...rest] = fields;
  const type = TYPE_LETTERS[letter];
  if (!type) return `unknown entry type '${letter}' (want d, f, x, l or c)`;
  if (fields.length < 5) return `expected 'TYPE MODE UID GID PATH', got ${fields.length} field(s)`;
  if (rest.length > 0) return `too many fields after '${extra}'`;
  if (!/^[0-7]{3,4}$/.test(modeText)) return `mode '${modeText}' is not 3 or 4 octal digits`;
  const uid = parseId(uidText, 'uid');
  if (typeof uid === 'string') return uid;
  const gid = parseId(gidText, 'gid');
  if (typeof gid === 'string') return gid;
  const bad = pathProblem(path);
  if (bad) return bad;
  const entry: TreeEntry = { type, mode: parseInt(modeText, 8), uid, gid, path };
  switch (type) {
    case 'dir':
    case 'file':
      if (extra !== undefined) return `unexpected '${extra}' after the path of a '${letter}' entry`;
      break;
    case 'exec':
      if (extra === undefined) return `'x' entry ${path} names no program`;
      if (!PROGRAM_NAME.test(extra)) return `program name '${extra}' has characters not allowed in a program name`;
      entry.program = extra;
      break;
    case 'symlink':
      if (extra === undefined) return `'l' entry ${path} has no target`;
      if (entry.mode !== 0o777) return `symlink ${path} must have mode 0777, not ${modeText}`;
      entry.target = extra;
      break;
    case 'chardev': {
      const m = /^([0-9]{1,4}),([0-9]{1,6})$/.exec(extra ?? '');
      if (!m) return `'c' entry ${path} needs 'major,minor', got '${extra ?? ''}'`;
      entry.device = { major: Number(m[1]), minor: Number(m[2]) };
      break;
    }
  }
  if (path === '/' && type !== 'dir') return `'/' must be a directory`;
  return entry;
}

/** Parses one tree.txt. Collects every bad line rather than stopping at the first. */
export function parseTreeSpec(text: string, treeName: string): TreeSpecResult {
  const errors: TreeSpecError[] = [];
  const spec: TreeSpec = { includes: [], entries: [] };
  const seen = new Map<string, number>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i].replace(/\r$/, '').trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(/[ \t]+/);
    const fail = (message: string) => errors.push({ tree: treeName, line, message });
    if (fields[0] === 'include') {
      if (spec.entries.length > 0) fail(`'include' must come before the first entry`);
      else if (fields.length !== 2) fail(`'include' takes exactly one tree name`);
      else if (!TREE_NAME.test(fields[1])) fail(`'${fields[1]}' is not a valid tree name`);
      else if (fields[1] === treeName) fail(`tree includes itself`);
      else spec.includes.push(fields[1]);
      continue;
    }
    const outcome = parseEntryFields(fields);
    if (typeof outcome === 'string') {
      fail(outcome);
      continue;
    }
    const earlier = seen.get(outcome.path);
    if (earlier !== undefined) {
      fail(`${outcome.path} is already listed on line ${earlier}`);
      continue;
    }
    seen.set(outcome.path, line);
    spec.entries.push({ ...outcome, line });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, spec };
}

interface Layered {
  entry: TreeEntry;
  tree: string;
  line: number;
}

/**
 * Builds the full entry list of tree `name`: included trees first (depth first, in order), then the
 * tree's own entries; a path listed again replaces the earlier entry at its original position.
 * File contents come from the files/ directory of the tree that declares the entry.
 */
export function resolveTree(name: string, read: AssetReader): ResolvedTreeResult {
  const errors: TreeSpecError[] = [];
  const order: string[] = [];
  const byPath = new Map<string, Layered>();

  const layer = (tree: string, chain: string[]): void => {
    if (chain.includes(tree)) {
      errors.push({ tree: chain[chain.length - 1], line: 0, message: `include cycle: ${[...chain, tree].join(' -> ')}` });
      return;
    }
    const text = read(`${tree}/tree.txt`);
    if (text === null) {
      const who = chain.length > 0 ? chain[chain.length - 1] : tree;
      errors.push({ tree: who, line: 0, message: `tree '${tree}' not found (no ${tree}/tree.txt)` });
      return;
    }
    const parsed = parseTreeSpec(text, tree);
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      return;
    }
    for (const inc of parsed.spec.includes) layer(inc, [...chain, tree]);
    for (const { line, ...entry } of parsed.spec.entries) {
      if (entry.type === 'file') entry.content = read(`${tree}/files${entry.path}`) ?? '';
      if (!byPath.has(entry.path)) order.push(entry.path);
      byPath.set(entry.path, { entry, tree, line });
    }
  };

  layer(name, []);
  if (errors.length > 0) return { ok: false, errors };

  const placed = new Set<string>();
  const entries: TreeEntry[] = [];
  for (const path of order) {
    const { entry, tree, line } = byPath.get(path)!;
    const parent = parentPath(path);
    if (parent !== '' && parent !== '/' && !placed.has(parent)) {
      const p = byPath.get(parent);
      const why = p === undefined ? 'is not listed' : 'is listed after it';
      errors.push({ tree, line, message: `parent directory ${parent} of ${path} ${why}` });
    } else if (parent !== '' && parent !== '/' && byPath.get(parent)!.entry.type !== 'dir') {
      errors.push({ tree, line, message: `parent ${parent} of ${path} is not a directory` });
    }
    placed.add(path);
    entries.push(entry);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}
