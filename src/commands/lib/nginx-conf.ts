// nginx's configuration reader (ngx_conf_file.c) as far as the master needs it: tokens, blocks, includes
// with globs, and the syntax errors nginx reports with `in FILE:LINE`.

import { basename, dirname, joinPath, resolvePath } from '../../vfs';
import { ERRNO_NUMBER } from '../../vfs';
import type { ProcessFs } from '../types';
import { vfsError } from './io';

export interface NginxDirective {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: NginxDirective[];
}

export interface NginxConf {
  directives: NginxDirective[];
  /** Every file read, in order, with its text (nginx -T dumps them). */
  files: { path: string; text: string }[];
}

export type ConfResult = { ok: true; conf: NginxConf } | { ok: false; message: string };

interface Token {
  text: string;
  line: number;
  /** `;`, `{`, `}` as punctuation (a quoted "{" is a word). */
  punct: boolean;
}

function tokenize(text: string): Token[] | { line: number; message: string } {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ';' || c === '{' || c === '}') {
      out.push({ text: c, line, punct: true });
      i++;
    } else if (c === '"' || c === "'") {
      const start = line;
      let v = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\' && i + 1 < text.length) {
          v += text[i + 1];
          i += 2;
          continue;
        }
        if (text[i] === '\n') line++;
        v += text[i++];
      }
      if (i >= text.length) return { line: start, message: 'unexpected end of file, expecting ";" or "}"' };
      i++;
      out.push({ text: v, line: start, punct: false });
    } else {
      let v = '';
      while (i < text.length && !/[\s;{}]/.test(text[i])) v += text[i++];
      out.push({ text: v, line, punct: false });
    }
  }
  return out;
}

type Block = NginxDirective[];

/** Parse one file's text into directives (includes left as `include` directives). */
export function parseNginxText(text: string, file: string): { ok: true; directives: Block } | { ok: false; message: string } {
  const toks = tokenize(text);
  if (!Array.isArray(toks)) return { ok: false, message: `${toks.message} in ${file}:${toks.line}` };
  let pos = 0;
  const lastLine = text.split('\n').length;
  const parseBlock = (nested: boolean): Block | string => {
    const block: Block = [];
    while (pos < toks.length) {
      const t = toks[pos];
      if (t.punct && t.text === '}') {
        if (!nested) return `unexpected "}" in ${file}:${t.line}`;
        pos++;
        return block;
      }
      if (t.punct) return `unexpected "${t.text}" in ${file}:${t.line}`;
      const d: NginxDirective = { name: t.text, args: [], file, line: t.line };
      pos++;
      for (;;) {
        const a = toks[pos];
        if (!a) return `unexpected end of file, expecting ";" or "}" in ${file}:${lastLine}`;
        if (!a.punct) {
          d.args.push(a.text);
          pos++;
          continue;
        }
        if (a.text === ';') {
          pos++;
          break;
        }
        if (a.text === '{') {
          pos++;
          const inner = parseBlock(true);
          if (typeof inner === 'string') return inner;
          d.block = inner;
          break;
        }
        return `directive "${d.name}" is not terminated by ";" in ${file}:${d.line}`;
      }
      block.push(d);
    }
    if (nested) return `unexpected end of file, expecting "}" in ${file}:${lastLine}`;
    return block;
  };
  const r = parseBlock(false);
  return typeof r === 'string' ? { ok: false, message: r } : { ok: true, directives: r };
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Read and parse `path` with its includes (relative includes resolve against the config's directory). */
export function loadNginxConf(fs: ProcessFs, path: string, extra: string | null): ConfResult {
  const files: NginxConf['files'] = [];
  const prefix = dirname(path);
  const readOne = (file: string, from: NginxDirective | null): { ok: true; block: Block } | { ok: false; message: string } => {
    let text: string;
    try {
      text = fs.readFile(file);
    } catch (e) {
      const err = vfsError(e);
      const where = from ? ` in ${from.file}:${from.line}` : '';
      return { ok: false, message: `open() "${file}" failed (${ERRNO_NUMBER[err.code]}: ${err.text})${where}` };
    }
    files.push({ path: file, text });
    const parsed = parseNginxText(text, file);
    if (!parsed.ok) return parsed;
    const expand = (block: Block): { ok: true; block: Block } | { ok: false; message: string } => {
      const out: Block = [];
      for (const d of block) {
        if (d.name === 'include' && d.args.length === 1) {
          const target = resolvePath(prefix, d.args[0]);
          let matches = [target];
          if (/[*?]/.test(basename(target))) {
            let names: string[] = [];
            try {
              names = fs.readdir(dirname(target));
            } catch {
              names = [];
            }
            const re = globToRegExp(basename(target));
            matches = names.filter((n) => re.test(n)).sort().map((n) => joinPath(dirname(target), n));
          }
          for (const m of matches) {
            const inc = readOne(m, d);
            if (!inc.ok) return inc;
            out.push(...inc.block);
          }
          continue;
        }
        if (d.block) {
          const inner = expand(d.block);
          if (!inner.ok) return inner;
          out.push({ ...d, block: inner.block });
        } else out.push(d);
      }
      return { ok: true, block: out };
    };
    return expand(parsed.directives);
  };
  const main = readOne(path, null);
  if (!main.ok) return main;
  const directives = main.block;
  if (extra !== null) {
    const g = parseNginxText(extra, 'command line');
    if (!g.ok) return g;
    directives.push(...g.directives);
  }
  return { ok: true, conf: { directives, files } };
}

/** First top-level directive of that name. */
export function topDirective(conf: NginxConf, name: string): NginxDirective | undefined {
  return conf.directives.find((d) => d.name === name);
}

/** `listen` addresses of every server block, as nginx prints them in bind() errors. */
export function listenAddresses(conf: NginxConf, root: boolean): { addr: string; port: number }[] {
  const out: { addr: string; port: number }[] = [];
  const http = conf.directives.filter((d) => d.name === 'http');
  for (const h of http) {
    for (const s of h.block ?? []) {
      if (s.name !== 'server') continue;
      const listens = (s.block ?? []).filter((d) => d.name === 'listen');
      if (listens.length === 0) out.push({ addr: `0.0.0.0:${root ? 80 : 8000}`, port: root ? 80 : 8000 });
      for (const l of listens) {
        const spec = l.args[0] ?? '';
        const v6 = /^\[(.*)\](?::(\d+))?$/.exec(spec);
        let addr: string;
        let port: number;
        if (v6) {
          port = Number(v6[2] ?? 80);
          addr = `[${v6[1]}]:${port}`;
        } else if (/^\d+$/.test(spec)) {
          port = Number(spec);
          addr = `0.0.0.0:${port}`;
        } else {
          const m = /^(.*?)(?::(\d+))?$/.exec(spec)!;
          port = Number(m[2] ?? 80);
          addr = `${m[1] === '*' ? '0.0.0.0' : m[1]}:${port}`;
        }
        if (!out.some((o) => o.addr === addr)) out.push({ addr, port });
      }
    }
  }
  return out;
}
