// mktemp: create a unique file (0600) or directory (0700) from a template of trailing X's.

import { has, lastValue, parseArgs, tryHelp } from './lib/args';
import { defineCommand, type Dialect } from './lib/dialect';
import { errCode, vfsError } from './lib/io';
import { quoteLocale } from './lib/quote';
import { joinPath } from '../vfs';
import type { CommandContext } from './types';

const CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export async function runMktemp(ctx: CommandContext, dialect: Dialect): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'dqtup:', long: { directory: { key: 'd', arg: 'none' }, quiet: { key: 'q', arg: 'none' }, 'dry-run': { key: 'u', arg: 'none' }, tmpdir: { key: 'p', arg: 'optional' }, suffix: { key: 'suffix', arg: 'required' } } });
  if (!p.ok) {
    ctx.stderr.write(`mktemp: ${p.error}\n${dialect === 'gnu' ? tryHelp('mktemp') : ''}`);
    return 1;
  }
  if (p.operands.length > 1) {
    ctx.stderr.write(`mktemp: too many templates\n${tryHelp('mktemp')}`);
    return 1;
  }
  const given = p.operands[0];
  const template = given ?? 'tmp.XXXXXXXXXX';
  const suffix = lastValue(p, 'suffix') ?? '';
  const xs = /X*$/.exec(template)![0].length;
  if (xs < 3) {
    ctx.stderr.write(`mktemp: too few X's in template ${quoteLocale(template, ctx.env)}\n`);
    return 1;
  }
  const dirOpt = p.opts.find((o) => o.key === 'p');
  const tmpdir = dirOpt ? (dirOpt.value ?? ctx.env.TMPDIR ?? '/tmp') : has(p, 't') || given === undefined ? (ctx.env.TMPDIR ?? '/tmp') : null;
  const base = tmpdir !== null && !template.includes('/') ? joinPath(tmpdir, template) : template;
  const fs = ctx.sys.fs;
  for (let attempt = 0; attempt < 100; attempt++) {
    let rand = '';
    for (let i = 0; i < xs; i++) rand += CHARS[ctx.sys.random.int(CHARS.length)];
    const path = base.slice(0, base.length - xs) + rand + suffix;
    if (has(p, 'u')) {
      ctx.stdout.write(`${path}\n`);
      return 0;
    }
    try {
      if (has(p, 'd')) fs.mkdir(path, 0o700);
      else fs.open(path, { read: true, write: true, create: true, excl: true }, 0o600).close();
      ctx.stdout.write(`${path}\n`);
      return 0;
    } catch (e) {
      if (errCode(e) === 'EEXIST') continue;
      if (!has(p, 'q')) ctx.stderr.write(`mktemp: failed to create ${has(p, 'd') ? 'directory' : 'file'} via template ${quoteLocale(base + suffix, ctx.env)}: ${vfsError(e).text}\n`);
      return 1;
    }
  }
  ctx.stderr.write(`mktemp: failed to create file via template ${quoteLocale(base, ctx.env)}: File exists\n`);
  return 1;
}

export const mktemp = defineCommand('mktemp', runMktemp);
