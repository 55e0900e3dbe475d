// [[ … ]]: like test, but operands are not split or globbed, `==`/`!=` take patterns, `=~` takes an
// extended regex, integer operands are arithmetic, and `&&`, `||`, `!`, `( )` combine.
import type { Word } from '../../syntax/ast';
import { plainLiteral } from '../../syntax/parser';
import { binaryTest, isBinaryTestOp, isUnaryTestOp, unaryTest, TestError } from '../builtins/test';
import { arithValue } from '../expand/param';
import { expandParts, expandPatternWord, expandString } from '../expand/word';
import { FIELD_BREAK } from '../expand/fields';
import { matchPattern } from '../expand/pattern';
import type { Shell } from '../runtime';

class CondSyntaxError {}

const INTEGER_OPS = new Set(['-eq', '-ne', '-lt', '-le', '-gt', '-ge']);

async function regexSource(sh: Shell, word: Word): Promise<string> {
  const chunks = await expandParts(sh, word.parts, { inDq: false, literalSplit: false });
  return chunks.map((c) => (c === FIELD_BREAK ? ' ' : c.quoted ? c.text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&') : c.text)).join('');
}

class CondEvaluator {
  private i = 0;
  constructor(
    private readonly sh: Shell,
    private readonly words: Word[],
  ) {}

  private op(offset = 0): string | null {
    const w = this.words[this.i + offset];
    return w ? plainLiteral(w) : null;
  }

  async run(): Promise<boolean> {
    const v = await this.or(false);
    if (this.i < this.words.length) throw new CondSyntaxError();
    return v;
  }

  private async or(skip: boolean): Promise<boolean> {
    let v = await this.and(skip);
    while (this.op() === '||') {
      this.i++;
      const r = await this.and(skip || v);
      v = v || r;
    }
    return v;
  }

  private async and(skip: boolean): Promise<boolean> {
    let v = await this.not(skip);
    while (this.op() === '&&') {
      this.i++;
      const r = await this.not(skip || !v);
      v = v && r;
    }
    return v;
  }

  private async not(skip: boolean): Promise<boolean> {
    if (this.op() === '!') {
      this.i++;
      return !(await this.not(skip));
    }
    return this.primary(skip);
  }

  private async primary(skip: boolean): Promise<boolean> {
    const sh = this.sh;
    const w = this.words[this.i];
    if (!w) throw new CondSyntaxError();
    if (this.op() === '(') {
      this.i++;
      const v = await this.or(skip);
      if (this.op() !== ')') throw new CondSyntaxError();
      this.i++;
      return v;
    }
    const next = this.op(1);
    if (next !== null && (isBinaryTestOp(next) || next === '=~') && this.words[this.i + 2]) {
      const rhsWord = this.words[this.i + 2];
      this.i += 3;
      if (skip) return false;
      const lhs = await expandString(sh, w);
      if (next === '==' || next === '=' || next === '!=') {
        const m = matchPattern(await expandPatternWord(sh, rhsWord), lhs);
        return next === '!=' ? !m : m;
      }
      if (next === '=~') {
        let re: RegExp;
        try {
          re = new RegExp(await regexSource(sh, rhsWord));
        } catch {
          throw new CondSyntaxError();
        }
        const m = re.exec(lhs);
        sh.setVar('BASH_REMATCH', m ? m[0] : '');
        return m !== null;
      }
      const rhs = await expandString(sh, rhsWord);
      if (INTEGER_OPS.has(next)) return binaryTest(sh, next, String(arithValue(sh, lhs)), String(arithValue(sh, rhs)));
      return binaryTest(sh, next, lhs, rhs);
    }
    const text = plainLiteral(w);
    if (text !== null && isUnaryTestOp(text) && this.words[this.i + 1]) {
      const arg = this.words[this.i + 1];
      this.i += 2;
      return skip ? false : unaryTest(sh, text, await expandString(sh, arg));
    }
    this.i++;
    return skip ? false : (await expandString(sh, w)) !== '';
  }
}

export async function evaluateCond(sh: Shell, words: Word[]): Promise<number> {
  try {
    return (await new CondEvaluator(sh, words).run()) ? 0 : 1;
  } catch (e) {
    if (e instanceof CondSyntaxError) {
      sh.error('syntax error in conditional expression');
      return 2;
    }
    if (e instanceof TestError) {
      sh.error(e.message);
      return 2;
    }
    throw e;
  }
}
