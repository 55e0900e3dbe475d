// Recursive-descent parser for Falco 0.33 conditions (libs 0.9.2 grammar, errors and positions).
//
// Grammar (after libsinsp filter/parser.h; blanks are ' ' \t \b \r \n, there are no comments):
//
//   Expr        ::= OrExpr
//   OrExpr      ::= AndExpr ('or' (blank AndExpr | '(' Expr ')'))*
//   AndExpr     ::= NotExpr ('and' (blank NotExpr | '(' Expr ')'))*
//   NotExpr     ::= ('not' blank+)* ('not(' Expr ')' | Check)
//   Check       ::= '(' Expr ')' | Field Condition | Identifier
//   Field       ::= FieldName ('[' FieldArg ']')?
//   FieldArg    ::= QuotedStr | [^][ "' blank]+
//   Condition   ::= UnaryOp | NumOp NumValue | StrOp StrValue | ListOp ListValue
//   UnaryOp     ::= 'exists'
//   NumOp       ::= '<=' | '<' | '>=' | '>'
//   StrOp       ::= '==' | '=' | '!=' | 'glob ' | 'contains ' | 'icontains ' | 'bcontains '
//                 | 'startswith ' | 'bstartswith ' | 'endswith '
//   ListOp      ::= 'intersects' | 'in' | 'pmatch'
//   NumValue    ::= HexNum | Number
//   StrValue    ::= QuotedStr | BareStr
//   ListValue   ::= '(' (StrValue (',' StrValue)*)? ')' | Identifier
//   Identifier  ::= [a-zA-Z]+[a-zA-Z0-9_]*
//   FieldName   ::= Identifier ('.' Identifier)+
//   HexNum      ::= 0[xX][0-9a-zA-Z]+
//   Number      ::= [+-]?[0-9]+[.]?[0-9]*([eE][+-][0-9]+)?
//   QuotedStr   ::= '"' … '"' | "'" … "'"     (escapes \b \f \n \r \t \\ \/ and the own quote)
//   BareStr     ::= [^()"' blank=,]+
//
// Operators are matched as literal prefixes in the order above, case-sensitively; the input must be
// consumed entirely. Precedence is not > and > or; same-operator chains become one n-ary node.
import type { BinaryOp, Expr, FieldRef, ListExpr, ParsePos, UnaryOp, ValueExpr } from './ast';
import { ALL_OPS, LIST_OPS, NUM_OPS, UNARY_OPS } from './ast';
import { ConditionSyntaxError, RGX, Scanner } from './lexer';

// String operators carry their trailing space, as libsinsp matches them.
const STR_OPS_LEX = ['==', '=', '!=', 'glob ', 'contains ', 'icontains ', 'bcontains ', 'startswith ', 'bstartswith ', 'endswith '];

export interface ParseOptions {
  /** libsinsp's default is 100; Falco's rule compiler raises it to 1000. */
  maxDepth?: number;
}

export type ParseResult =
  | { ok: true; expr: Expr }
  | { ok: false; message: string; pos: ParsePos };

export function parseCondition(input: string, opts: ParseOptions = {}): ParseResult {
  if (input.length === 0) return { ok: false, message: 'filter input string is empty', pos: { idx: 0, line: 1, col: 1 } };
  const p = new Parser(input, opts.maxDepth ?? 100);
  try {
    return { ok: true, expr: p.parse() };
  } catch (e) {
    if (e instanceof ConditionSyntaxError) return { ok: false, message: e.message, pos: e.pos };
    throw e;
  }
}

class Parser {
  private readonly s: Scanner;
  private depth = 0;

  constructor(
    input: string,
    private readonly maxDepth: number,
  ) {
    this.s = new Scanner(input);
  }

  parse(): Expr {
    const res = this.parseOr();
    if (!this.s.atEnd()) this.s.fail(`unexpected token after '${this.s.lastToken}', expecting 'or', 'and'`);
    return res;
  }

  private guard<T>(f: () => T): T {
    this.depth++;
    try {
      if (this.depth >= this.maxDepth) this.s.fail(`exceeded max depth limit of ${this.maxDepth}`);
      return f();
    } finally {
      this.depth--;
    }
  }

  private parseOr(): Expr {
    return this.guard(() => this.parseChain('or', () => this.parseAnd()));
  }

  private parseAnd(): Expr {
    return this.guard(() => this.parseChain('and', () => this.parseNot()));
  }

  private parseChain(kw: 'or' | 'and', next: () => Expr): Expr {
    const s = this.s;
    s.blank();
    const children = [next()];
    s.blank();
    while (s.str(kw)) {
      if (!s.blank()) {
        if (s.str('(')) children.push(this.parseEmbeddedRemainder(s.idx - 1));
        else s.fail(`expected blank or '(' after '${kw}'`);
      } else children.push(next());
      s.blank();
    }
    if (children.length === 1) return children[0];
    const span = { start: children[0].span.start, end: children[children.length - 1].span.end };
    return { kind: kw, children, span };
  }

  private parseNot(): Expr {
    return this.guard(() => {
      const s = this.s;
      s.blank();
      const start = s.idx;
      let negate = false;
      while (s.rgx(RGX.notBlank)) negate = !negate;
      let child: Expr;
      if (s.str('not(')) {
        negate = !negate;
        child = this.parseEmbeddedRemainder(s.idx - 1);
      } else child = this.parseCheck();
      return negate ? { kind: 'not', child, span: { start, end: child.span.end } } : child;
    });
  }

  /** The rest of a parenthesised expression, right after its '(' at `open`. */
  private parseEmbeddedRemainder(open: number): Expr {
    return this.guard(() => {
      const s = this.s;
      s.blank();
      const child = this.parseOr();
      s.blank();
      if (!s.str(')')) s.fail("expected a ')' token");
      // The span of a parenthesised expression covers its parentheses.
      return { ...child, span: { start: open, end: s.idx } };
    });
  }

  private parseCheck(): Expr {
    return this.guard(() => {
      const s = this.s;
      s.blank();
      const start = s.idx;
      if (s.str('(')) return this.parseEmbeddedRemainder(start);
      if (s.rgx(RGX.fieldName)) {
        const field = this.parseFieldRemainder(s.lastToken, start);
        return this.parseCondition(field, start);
      }
      if (s.rgx(RGX.identifier)) return { kind: 'identifier', name: s.lastToken, span: { start, end: s.idx } };
      return s.fail("expected a '(' token, a field check, or an identifier");
    });
  }

  private parseFieldRemainder(name: string, start: number): FieldRef {
    const s = this.s;
    if (!s.str('[')) return { name, span: { start, end: s.idx } };
    if (!s.quoted() && !s.rgx(RGX.fieldArgBare)) s.fail('expected a valid field argument: a quoted string or a bare string');
    const arg = s.lastToken;
    if (!s.str(']')) s.fail("expected a ']' token");
    return { name, arg, span: { start, end: s.idx } };
  }

  private parseCondition(field: FieldRef, start: number): Expr {
    return this.guard((): Expr => {
      const s = this.s;
      s.blank();
      if (s.strList(UNARY_OPS)) return { kind: 'unary', field, op: s.lastToken as UnaryOp, span: { start, end: s.idx } };
      s.blank();
      let op: string;
      let value: ValueExpr | ListExpr;
      if (s.strList(NUM_OPS)) {
        op = s.lastToken;
        value = this.parseNumValue();
      } else if (s.strList(STR_OPS_LEX)) {
        op = s.lastToken.trim();
        value = this.parseStrValue();
      } else if (s.strList(LIST_OPS)) {
        op = s.lastToken;
        value = this.parseListValue();
      } else {
        return s.fail(`expected a valid check operator: one of ${ALL_OPS.map((o) => `'${o}'`).join(', ')}`);
      }
      return { kind: 'binary', field, op: op as BinaryOp, value, span: { start, end: s.idx } };
    });
  }

  private parseNumValue(): ValueExpr {
    const s = this.s;
    s.blank();
    const start = s.idx;
    if (s.rgx(RGX.hexNum) || s.rgx(RGX.number)) return { kind: 'value', value: s.lastToken, span: { start, end: s.idx } };
    return s.fail('expected a number value');
  }

  private parseStrValue(): ValueExpr {
    const s = this.s;
    s.blank();
    const start = s.idx;
    if (s.quoted() || s.rgx(RGX.bareStr)) return { kind: 'value', value: s.lastToken, span: { start, end: s.idx } };
    return s.fail('expected a string value');
  }

  private parseListValue(): ValueExpr | ListExpr {
    return this.guard((): ValueExpr | ListExpr => {
      const s = this.s;
      s.blank();
      const start = s.idx;
      if (s.str('(')) {
        const values: string[] = [];
        s.blank();
        let first: ValueExpr | null = null;
        try {
          first = this.parseStrValue();
        } catch (e) {
          // libsinsp treats a list that does not start with a value as empty (then wants ')').
          if (!(e instanceof ConditionSyntaxError)) throw e;
        }
        if (first) {
          values.push(first.value);
          s.blank();
          while (s.str(',')) {
            values.push(this.parseStrValue().value);
            s.blank();
          }
        }
        if (!s.str(')')) s.fail("expected a ')' token");
        return { kind: 'list', values, span: { start, end: s.idx } };
      }
      if (s.rgx(RGX.identifier)) return { kind: 'value', value: s.lastToken, span: { start, end: s.idx } };
      return s.fail('expected a list or an identifier');
    });
  }
}
