// Caches for pure text functions that many rules apply to each event (dirname, command lines).
//
// A hit is always checked against the input values themselves, so a mutated or reused event object
// can never see a stale result.

const MAX_TEXTS = 4096;

/** Caches `fn` by input string (paths recur across events; the cache is dropped when it grows large). */
export function memoText(fn: (s: string) => string): (s: string) => string {
  let lastIn: string | undefined;
  let lastOut = '';
  const byText = new Map<string, string>();
  return (s) => {
    if (s === lastIn) return lastOut;
    let out = byText.get(s);
    if (out === undefined) {
      out = fn(s);
      if (byText.size >= MAX_TEXTS) byText.clear();
      byText.set(s, out);
    }
    lastIn = s;
    lastOut = out;
    return out;
  };
}

interface JoinedLine {
  head: string;
  /** A copy of the list as joined, to tell an edited list from the one cached. */
  rest: string[];
  text: string;
}

/**
 * `[head, ...rest].join(' ')`, cached per list object (processes keep their argv across events) and
 * checked against a copy of the list's contents, so an edited list is joined afresh.
 */
export function memoCommandLine(): (head: string, rest: readonly string[]) => string {
  return memoJoin((head, rest) => [head, ...rest].join(' '));
}

/** `rest.join(' ')` (proc.args), cached like memoCommandLine. */
export function memoArgsLine(): (rest: readonly string[]) => string {
  const join = memoJoin((_head, rest) => rest.join(' '));
  return (rest) => join('', rest);
}

function memoJoin(text: (head: string, rest: readonly string[]) => string): (head: string, rest: readonly string[]) => string {
  const byList = new WeakMap<readonly string[], JoinedLine>();
  const same = (line: JoinedLine, head: string, rest: readonly string[]): boolean => {
    if (head !== line.head || rest.length !== line.rest.length) return false;
    for (let i = 0; i < rest.length; i++) if (rest[i] !== line.rest[i]) return false;
    return true;
  };
  // The last list first: the rules of one event read the same command line in turn.
  let lastList: readonly string[] | undefined;
  let last: JoinedLine | undefined;
  return (head, rest) => {
    let line = rest === lastList ? last : byList.get(rest);
    if (line === undefined || !same(line, head, rest)) {
      line = { head, rest: rest.slice(), text: text(head, rest) };
      byList.set(rest, line);
    }
    lastList = rest;
    last = line;
    return line.text;
  };
}
