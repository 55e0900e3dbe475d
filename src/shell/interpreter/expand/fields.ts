// Field splitting on IFS: the pieces of an expanded word, and how unquoted expansion results split.

/** A run of expanded text. `split`: an unquoted expansion result, subject to IFS splitting. */
export interface Seg {
  text: string;
  /** Quoted text is neither split nor treated as a pattern. */
  quoted: boolean;
  split: boolean;
}

/** Between the fields `"$@"` produces. */
export const FIELD_BREAK = 'break' as const;

export type Chunk = Seg | typeof FIELD_BREAK;

export interface Piece {
  text: string;
  quoted: boolean;
}

export type Field = Piece[];

export const DEFAULT_IFS = ' \t\n';

/**
 * Split expanded chunks into fields (POSIX 2.6.5): IFS whitespace runs separate fields and are trimmed
 * at the ends; each other IFS character ends a field, so `a::b` gives `a`, ``, `b`.
 */
export function splitFields(chunks: Chunk[], ifs: string): Field[] {
  const fields: Field[] = [];
  let cur: Field = [];
  let started = false;
  let afterWhitespaceDelimiter = false;
  const push = (): void => {
    fields.push(cur);
    cur = [];
    started = false;
  };
  const add = (text: string, quoted: boolean): void => {
    const last = cur[cur.length - 1];
    if (last && last.quoted === quoted) last.text += text;
    else cur.push({ text, quoted });
    started = true;
  };
  for (const chunk of chunks) {
    if (chunk === FIELD_BREAK) {
      if (started) push();
      afterWhitespaceDelimiter = false;
      continue;
    }
    if (!chunk.split || ifs === '') {
      add(chunk.text, chunk.quoted);
      afterWhitespaceDelimiter = false;
      continue;
    }
    let run = '';
    for (const c of chunk.text) {
      if (!ifs.includes(c)) {
        run += c;
        continue;
      }
      if (run !== '') {
        add(run, false);
        run = '';
      }
      if (c === ' ' || c === '\t' || c === '\n') {
        if (started) {
          push();
          afterWhitespaceDelimiter = true;
        }
      } else {
        if (started) push();
        else if (!afterWhitespaceDelimiter) push();
        afterWhitespaceDelimiter = false;
      }
    }
    if (run !== '') {
      add(run, false);
      afterWhitespaceDelimiter = false;
    }
  }
  if (started) push();
  return fields;
}

export const fieldText = (f: Field): string => f.map((p) => p.text).join('');
