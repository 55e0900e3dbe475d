// Go's encoding/json syntax check (scanner.go): the first error in a JSON text, worded as Go words it
// (`invalid character 's' looking for beginning of object key string`, `unexpected end of JSON input`),
// which is what the API server answers to a `{`-prefixed patch that is not valid JSON.

/** scanner.go quoteChar. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return "'\"'";
  const q = JSON.stringify(c);
  return `'${q.slice(1, -1)}'`;
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';

class Scan {
  i = 0;
  constructor(readonly s: string) {}

  fail(context: string): never {
    if (this.i >= this.s.length) throw new SyntaxErr('unexpected end of JSON input');
    throw new SyntaxErr(`invalid character ${quoteChar(this.s[this.i]!)} ${context}`);
  }

  skip(): void {
    while (this.i < this.s.length && isSpace(this.s[this.i]!)) this.i++;
  }

  peek(): string {
    return this.s[this.i] ?? '';
  }

  value(): void {
    this.skip();
    const c = this.peek();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === '-' || isDigit(c)) return this.number();
    for (const lit of ['true', 'false', 'null']) {
      if (c !== lit[0]) continue;
      this.i++;
      for (const want of lit.slice(1)) {
        if (this.peek() !== want) this.fail(`in literal ${lit} (expecting ${quoteChar(want)})`);
        this.i++;
      }
      return;
    }
    this.fail('looking for beginning of value');
  }

  object(): void {
    this.i++;
    this.skip();
    if (this.peek() === '}') return void this.i++;
    for (;;) {
      this.skip();
      if (this.peek() !== '"') this.fail('looking for beginning of object key string');
      this.string();
      this.skip();
      if (this.peek() !== ':') this.fail('after object key');
      this.i++;
      this.value();
      this.skip();
      const c = this.peek();
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') return void this.i++;
      this.fail('after object key:value pair');
    }
  }

  array(): void {
    this.i++;
    this.skip();
    if (this.peek() === ']') return void this.i++;
    for (;;) {
      this.value();
      this.skip();
      const c = this.peek();
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === ']') return void this.i++;
      this.fail('after array element');
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const c = this.peek();
      if (c === '') this.fail('');
      if (c === '"') return void this.i++;
      if (c < ' ') this.fail('in string literal');
      this.i++;
      if (c !== '\\') continue;
      const e = this.peek();
      if ('"\\/bfnrt'.includes(e) && e !== '') {
        this.i++;
        continue;
      }
      if (e !== 'u') this.fail('in string escape code');
      this.i++;
      for (let n = 0; n < 4; n++) {
        if (!/^[0-9a-fA-F]$/.test(this.peek())) this.fail('in \\u hexadecimal character escape');
        this.i++;
      }
    }
  }

  number(): void {
    if (this.peek() === '-') {
      this.i++;
      if (!isDigit(this.peek())) this.fail('in numeric literal');
    }
    if (this.peek() === '0') this.i++;
    else while (isDigit(this.peek())) this.i++;
    if (this.peek() === '.') {
      this.i++;
      if (!isDigit(this.peek())) this.fail('after decimal point in numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.i++;
      if (this.peek() === '+' || this.peek() === '-') this.i++;
      if (!isDigit(this.peek())) this.fail('in exponent of numeric literal');
      while (isDigit(this.peek())) this.i++;
    }
  }
}

class SyntaxErr extends Error {}

/** Null when `text` is one valid JSON value; otherwise Go's message for the first error. */
export function goJsonSyntaxError(text: string): string | null {
  const s = new Scan(text);
  try {
    s.value();
    s.skip();
    if (s.i < text.length) s.fail('after top-level value');
    return null;
  } catch (e) {
    if (e instanceof SyntaxErr) return e.message;
    throw e;
  }
}
