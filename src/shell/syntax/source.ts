// A piece of shell source being scanned: its text, where it sits in the whole input, and line lookup.
import type { Span } from '../../core/span';

export class SourceText {
  private readonly lineStarts: number[] = [0];

  /**
   * @param text   the characters to scan
   * @param base   offset of text[0] in the whole input (spans are reported in whole-input offsets)
   * @param firstLine line number of text[0]
   */
  constructor(
    readonly text: string,
    readonly base = 0,
    readonly firstLine = 1,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  /** 1-based line of a local index. */
  lineAt(index: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return this.firstLine + lo;
  }

  span(start: number, end: number): Span {
    return { start: this.base + start, end: this.base + end };
  }

  get length(): number {
    return this.text.length;
  }
}
