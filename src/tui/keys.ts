// Terminal input → key presses. Ink 6's useInput reports F-keys as empty input with no flag and
// passes fast-typed or pasted text with embedded CR as one string, so we decode the raw sequences.

export type KeyName =
  | 'up' | 'down' | 'left' | 'right'
  | 'home' | 'end' | 'pageup' | 'pagedown' | 'insert' | 'delete'
  | 'backspace' | 'return' | 'tab' | 'escape'
  | 'f1' | 'f2' | 'f3' | 'f4' | 'f5' | 'f6' | 'f7' | 'f8' | 'f9' | 'f10' | 'f11' | 'f12';

export type KeyPress =
  /** Printable text; `paste` when it arrived inside bracketed-paste markers. */
  | { kind: 'text'; text: string; paste: boolean }
  /** A named key with modifiers, or a letter with Ctrl/Alt (`name: 'a', ctrl: true`). */
  | { kind: 'key'; name: KeyName | string; ctrl: boolean; meta: boolean; shift: boolean };

/** Ask the terminal to wrap pastes in ESC[200~ … ESC[201~ (write on start; BRACKETED_PASTE_OFF on exit). */
export const BRACKETED_PASTE_ON = '\x1b[?2004h';
export const BRACKETED_PASTE_OFF = '\x1b[?2004l';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

const CSI_TILDE: Record<string, KeyName> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pageup', '6': 'pagedown',
  '7': 'home', '8': 'end',
  '11': 'f1', '12': 'f2', '13': 'f3', '14': 'f4', '15': 'f5',
  '17': 'f6', '18': 'f7', '19': 'f8', '20': 'f9', '21': 'f10', '23': 'f11', '24': 'f12',
};

const CSI_LETTER: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
  P: 'f1', Q: 'f2', R: 'f3', S: 'f4',
};

/** The Linux console sends ESC[[A … ESC[[E for F1–F5. */
const LINUX_CONSOLE_F: Record<string, KeyName> = { A: 'f1', B: 'f2', C: 'f3', D: 'f4', E: 'f5' };

function key(name: string, mods: Partial<{ ctrl: boolean; meta: boolean; shift: boolean }> = {}): KeyPress {
  return { kind: 'key', name, ctrl: mods.ctrl ?? false, meta: mods.meta ?? false, shift: mods.shift ?? false };
}

/** xterm modifier parameter: 1 + (shift 1 | alt 2 | ctrl 4 | meta 8). */
function modifiers(param: string | undefined): { ctrl: boolean; meta: boolean; shift: boolean } {
  const bits = Math.max(0, Number(param ?? '1') - 1);
  return { shift: (bits & 1) !== 0, meta: (bits & 10) !== 0, ctrl: (bits & 4) !== 0 };
}

/** One escape sequence (as Ink's input parser splits them) → a key, or null when unknown. */
export function decodeEscape(seq: string): KeyPress | null {
  if (seq === '\x1b') return key('escape');
  // ESC ESC [ … is Alt plus the key that follows (some terminals send Alt-arrows this way).
  if (seq.startsWith('\x1b\x1b') && seq.length > 2) {
    const inner = decodeEscape(seq.slice(1));
    return inner && inner.kind === 'key' ? { ...inner, meta: true } : null;
  }
  let m = /^\x1b\[\[([A-E])$/.exec(seq);
  if (m) return key(LINUX_CONSOLE_F[m[1]!]!);
  m = /^\x1b\[(\d+)(?:;(\d+))?~$/.exec(seq);
  if (m) {
    const name = CSI_TILDE[m[1]!];
    return name ? key(name, modifiers(m[2])) : null;
  }
  m = /^\x1b\[(?:1;)?(\d+)?([A-DFHPQRS])$/.exec(seq);
  if (m) return key(CSI_LETTER[m[2]!]!, modifiers(m[1]));
  if (seq === '\x1b[Z') return key('tab', { shift: true });
  m = /^\x1bO([A-DFHPQRS])$/.exec(seq);
  if (m) return key(CSI_LETTER[m[1]!]!);
  if (seq.length >= 2 && !seq.startsWith('\x1b[') && !seq.startsWith('\x1bO')) {
    const rest = seq.slice(1);
    const inner = decodePlain(rest, false)[0];
    if (inner?.kind === 'key') return { ...inner, meta: true };
    if (inner?.kind === 'text') return key(inner.text, { meta: true });
  }
  return null;
}

/** Plain input (no ESC): runs of text, and control characters as keys. */
function decodePlain(data: string, paste: boolean): KeyPress[] {
  if (paste) return [{ kind: 'text', text: data, paste: true }];
  const out: KeyPress[] = [];
  let run = '';
  const flush = () => {
    if (run !== '') out.push({ kind: 'text', text: run, paste: false });
    run = '';
  };
  for (const ch of data) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) {
      run += ch;
      continue;
    }
    flush();
    if (ch === '\r' || ch === '\n') out.push(key('return'));
    else if (ch === '\t') out.push(key('tab'));
    else if (ch === '\x7f' || ch === '\b') out.push(key('backspace'));
    else if (ch === '\x1b') out.push(key('escape'));
    else if (code >= 1 && code <= 26) out.push(key(String.fromCharCode(code + 96), { ctrl: true }));
  }
  flush();
  return out;
}

/**
 * A decoder for the stream of input events Ink emits (each a text run or one escape sequence).
 * It remembers whether a bracketed paste is open, so a pasted heredoc arrives as one text press.
 */
export function createKeyDecoder(): { push(data: string): KeyPress[] } {
  let pasting: string | null = null;
  return {
    push(data: string): KeyPress[] {
      const out: KeyPress[] = [];
      let rest = data;
      while (rest !== '') {
        if (pasting !== null) {
          const end = rest.indexOf(PASTE_END);
          if (end < 0) {
            pasting += rest;
            break;
          }
          pasting += rest.slice(0, end);
          out.push({ kind: 'text', text: pasting, paste: true });
          pasting = null;
          rest = rest.slice(end + PASTE_END.length);
          continue;
        }
        const start = rest.indexOf(PASTE_START);
        const chunk = start < 0 ? rest : rest.slice(0, start);
        out.push(...decodeChunk(chunk));
        if (start < 0) break;
        pasting = '';
        rest = rest.slice(start + PASTE_START.length);
      }
      return out;
    },
  };
}

function decodeChunk(chunk: string): KeyPress[] {
  if (chunk === '') return [];
  if (!chunk.startsWith('\x1b')) {
    const esc = chunk.indexOf('\x1b');
    if (esc < 0) return decodePlain(chunk, false);
    return [...decodePlain(chunk.slice(0, esc), false), ...decodeChunk(chunk.slice(esc))];
  }
  const decoded = decodeEscape(chunk);
  return decoded ? [decoded] : [];
}
