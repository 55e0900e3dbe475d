// `falco --list [source]`: the fields of each event source grouped by field class, as libsinsp prints them.
import type { FieldDef, FieldRegistry } from '../fields/types';

interface FieldClass {
  name: string;
  desc: string;
  /** Which fields belong to the class, by name prefix. */
  prefixes: string[];
}

// Class names and descriptions of libsinsp 0.9 filterchecks and the 0.33-era plugins.
const CLASSES: FieldClass[] = [
  { name: 'evt', desc: 'These fields can be used for all event types', prefixes: ['evt.'] },
  { name: 'process', desc: 'Additional information about the process and thread executing the syscall event.', prefixes: ['proc.', 'thread.'] },
  { name: 'user', desc: 'Information about the user executing the specific event.', prefixes: ['user.'] },
  { name: 'group', desc: 'Information about the user group.', prefixes: ['group.'] },
  { name: 'container', desc: "Container information. If the event is not happening inside a container, both id and name will be set to 'host'.", prefixes: ['container.'] },
  { name: 'fd', desc: 'Every syscall that has a file descriptor in its arguments has these fields set with information related to the file.', prefixes: ['fd.'] },
  { name: 'fs.path', desc: 'Every syscall that has a filesystem path in its arguments has these fields set with information related to the path arguments.', prefixes: ['fs.path.'] },
  { name: 'k8s', desc: 'Kubernetes related context.', prefixes: ['k8s.'] },
  { name: 'k8saudit', desc: 'Kubernetes Audit Events', prefixes: ['ka.'] },
  { name: 'json', desc: 'Extract values from JSON payloads', prefixes: ['json.', 'jevt.'] },
];

const RIGHT_BLOCK = 30;
const WIDTH = 120;

/** libsinsp's wrapstring: words followed by a space, new line indented to the right block when full. */
function wrap(text: string): string {
  let out = '';
  let len = 0;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    const wl = word.length + 1;
    if (len + wl <= WIDTH - RIGHT_BLOCK) len += wl;
    else {
      out += `\n${' '.repeat(RIGHT_BLOCK)}`;
      len = wl;
    }
    out += `${word} `;
  }
  return out;
}

const pad = (s: string): string => s.padEnd(RIGHT_BLOCK);

function classOf(field: string): FieldClass {
  return CLASSES.find((c) => c.prefixes.some((p) => field.startsWith(p))) ?? { name: field.split('.')[0] ?? field, desc: '', prefixes: [] };
}

export interface FieldsListOptions {
  /** Only this source; '' for all. */
  source: string;
  /** -v: prefix each description with its type. */
  verbose: boolean;
  /** -N: names only, one a line. */
  namesOnly: boolean;
}

/** The listing for the given registries (source name → fields), in registry order. */
export function formatFieldsList(sources: ReadonlyMap<string, FieldRegistry<unknown>>, opts: FieldsListOptions): string {
  const groups = new Map<string, { cls: FieldClass; fields: FieldDef<unknown>[]; sources: Set<string> }>();
  for (const [source, reg] of sources) {
    if (opts.source !== '' && opts.source !== source) continue;
    for (const f of reg.list()) {
      const cls = classOf(f.name);
      let g = groups.get(cls.name);
      if (!g) groups.set(cls.name, (g = { cls, fields: [], sources: new Set() }));
      g.sources.add(source);
      if (!g.fields.some((x) => x.name === f.name)) g.fields.push(f);
    }
  }
  let out = '';
  for (const g of groups.values()) {
    if (opts.namesOnly) {
      for (const f of g.fields) out += `${f.name}\n`;
      continue;
    }
    let block = '-------------------------------\n';
    block += `${pad('Field Class:')}${g.cls.name}\n`;
    if (g.cls.desc !== '') block += `${pad('Description:')}${wrap(g.cls.desc)}\n`;
    block += `${pad('Event Sources:')}${[...g.sources].sort().map((s) => `${s} `).join('')}\n\n`;
    for (const f of g.fields) {
      block += f.name.length > RIGHT_BLOCK ? `${f.name}\n${' '.repeat(RIGHT_BLOCK)}` : pad(f.name);
      const desc = opts.verbose ? `(Type: ${f.type.toUpperCase()}) ${f.desc}` : f.desc;
      block += `${wrap(desc)}\n`;
    }
    // Falco prints each class with printf("%s\n"), hence the blank line after it.
    out += `${block}\n`;
  }
  return out;
}
