// Compound commands: if, while/until, for, case, { }, ( ), (( )), [[ ]].
import type { CommandList, CompoundCommand } from '../../syntax/ast';
import { BreakSignal, ContinueSignal } from '../control';
import { arithValue } from '../expand/param';
import { matchPattern } from '../expand/pattern';
import { expandPatternWord, expandString, expandWords } from '../expand/word';
import type { Shell } from '../runtime';
import { evaluateCond } from './cond';
import { executeList, subshellStatus } from './list';
import { withRedirects } from './redirect';

export async function executeCompound(sh: Shell, c: CompoundCommand): Promise<number> {
  return withRedirects(sh, c.redirects, () => runCompound(sh, c));
}

/** A condition list: `set -e` does not apply inside it. */
async function condition(sh: Shell, list: CommandList): Promise<number> {
  sh.errexitGuard++;
  try {
    return await executeList(sh, list);
  } finally {
    sh.errexitGuard--;
  }
}

/**
 * Runs `body` while `enter` says so: false ends the loop, a number leaves it with that status. The
 * loop counts for break/continue while it runs; its status is the last body's.
 */
async function runLoop(sh: Shell, body: CommandList, enter: () => Promise<boolean | number>): Promise<number> {
  let status = 0;
  sh.loopDepth++;
  try {
    for (;;) {
      const go = await enter();
      if (typeof go === 'number') return go;
      if (!go) break;
      const r = await loopBody(sh, body);
      status = r.status;
      if (r.step === 'break') break;
    }
  } finally {
    sh.loopDepth--;
  }
  return status;
}

type LoopStep = 'break' | 'continue' | 'normal';

/** Run a loop body, turning break/continue for this loop into a step result. */
async function loopBody(sh: Shell, body: CommandList): Promise<{ step: LoopStep; status: number }> {
  try {
    return { step: 'normal', status: await executeList(sh, body) };
  } catch (e) {
    if (e instanceof BreakSignal) {
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { step: 'break', status: 0 };
    }
    if (e instanceof ContinueSignal) {
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { step: 'continue', status: 0 };
    }
    throw e;
  }
}

async function runCompound(sh: Shell, c: CompoundCommand): Promise<number> {
  sh.line = c.line;
  switch (c.type) {
    case 'Group':
      return executeList(sh, c.body);
    case 'Subshell': {
      const sub = sh.subshell();
      return subshellStatus(() => executeList(sub, c.body));
    }
    case 'If': {
      for (const clause of c.clauses) {
        if ((await condition(sh, clause.condition)) === 0) return executeList(sh, clause.body);
      }
      return c.elseBody ? executeList(sh, c.elseBody) : 0;
    }
    case 'Loop':
      return runLoop(sh, c.body, async () => ((await condition(sh, c.condition)) === 0) !== c.until);
    case 'For': {
      const words = c.words ? await expandWords(sh, c.words) : [...sh.state.positional];
      let next = 0;
      return runLoop(sh, c.body, async () => {
        if (next >= words.length) return false;
        // A variable that cannot be set (readonly) leaves the loop with status 1.
        return sh.setVar(c.variable, words[next++]) || 1;
      });
    }
    case 'Case': {
      const subject = await expandString(sh, c.subject);
      let fallThrough = false;
      let status = 0;
      for (const item of c.items) {
        let matched = fallThrough;
        for (const p of item.patterns) {
          if (matched) break;
          matched = matchPattern(await expandPatternWord(sh, p), subject);
        }
        if (!matched) continue;
        status = item.body ? await executeList(sh, item.body) : 0;
        if (item.terminator === ';;') return status;
        fallThrough = item.terminator === ';&';
      }
      return status;
    }
    case 'Arith': {
      if (sh.state.options.xtrace) sh.stderr().write(`${sh.getVar('PS4') ?? '+ '}(( ${c.expr.text} ))\n`);
      const v = arithValue(sh, await expandString(sh, c.expr));
      return v !== 0n ? 0 : 1;
    }
    case 'Cond':
      return evaluateCond(sh, c.words);
  }
}
