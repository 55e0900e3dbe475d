// Tiny stand-ins for container programs (a shell that understands `;`, `while true; do …; done`,
// echo with redirection, sleep, exit, touch, cat), so kube tests do not depend on the real shell.
import { readLines } from '../../src/core/stream';
import type { Command, CommandContext } from '../../src/commands/types';
import { isVfsError } from '../../src/vfs';

function splitStatements(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  for (const ch of s) {
    if (q) {
      if (ch === q) q = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      q = ch;
      cur += ch;
    } else if (ch === ';' || ch === '\n') {
      if (cur.trim()) out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

function words(s: string): string[] {
  return (s.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((w) => w.replace(/^["']|["']$/g, ''));
}

async function statement(ctx: CommandContext, st: string): Promise<number | { exit: number }> {
  let m: RegExpExecArray | null;
  if ((m = /^echo (.*?)\s*(>>?)\s*(\S+)$/.exec(st))) {
    try {
      ctx.sys.fs.writeFile(m[3]!, `${words(m[1]!).join(' ')}\n`, { append: m[2] === '>>' });
      return 0;
    } catch (e) {
      ctx.stderr.write(`sh: can't create ${m[3]}: ${isVfsError(e) ? e.text : 'error'}\n`);
      return 1;
    }
  }
  const w = words(st);
  switch (w[0]) {
    case 'echo':
      ctx.stdout.write(`${w.slice(1).join(' ')}\n`);
      return 0;
    case 'err':
      ctx.stderr.write(`${w.slice(1).join(' ')}\n`);
      return 0;
    case 'sleep':
      return (await ctx.sys.sleep(Number(w[1]) * 1e9)) ? 0 : 130;
    case 'exit':
      return { exit: Number(w[1] ?? 0) };
    case 'touch':
      try {
        ctx.sys.fs.writeFile(w[1]!, '', { append: true });
        return 0;
      } catch (e) {
        ctx.stderr.write(`touch: ${w[1]}: ${isVfsError(e) ? e.text : 'error'}\n`);
        return 1;
      }
    case 'cat':
      try {
        ctx.stdout.write(ctx.sys.fs.readFile(w[1]!));
        return 0;
      } catch (e) {
        ctx.stderr.write(`cat: can't open '${w[1]}': ${isVfsError(e) ? e.text : 'error'}\n`);
        return 1;
      }
    default:
      ctx.stderr.write(`sh: ${w[0]}: not found\n`);
      return 127;
  }
}

async function script(ctx: CommandContext, text: string): Promise<number> {
  const loop = /^while true; do (.*); done$/.exec(text.trim());
  const body = splitStatements(loop ? loop[1]! : text);
  let status = 0;
  do {
    for (const st of body) {
      const r = await statement(ctx, st);
      if (typeof r === 'object') return r.exit;
      status = r;
      if (ctx.signal.aborted) return 130;
    }
  } while (loop);
  return status;
}

export const fakeShell: Command = {
  name: 'sh',
  async run(ctx) {
    const base = (ctx.argv[0] ?? '').split('/').pop();
    if (base === 'sleep' || base === 'echo' || base === 'touch' || base === 'cat') {
      const r = await statement(ctx, [base, ...ctx.argv.slice(1).map((a) => (a.includes(' ') ? `"${a}"` : a))].join(' '));
      return typeof r === 'object' ? r.exit : r;
    }
    const c = ctx.argv.indexOf('-c');
    if (c >= 0) return script(ctx, ctx.argv[c + 1] ?? '');
    for await (const line of readLines(ctx.stdin)) {
      const r = await script(ctx, line);
      if (/^\s*exit/.test(line)) return r;
    }
    return 0;
  },
};

/** Names the image trees' executables use, all run by the fake shell. */
export const FAKE_NAMES = ['sh', 'dash', 'bash', 'ash', 'busybox', 'sleep', 'echo', 'touch', 'cat'];
