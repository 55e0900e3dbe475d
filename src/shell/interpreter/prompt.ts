// Prompt strings (PS1, PS2, PS4): bash's backslash escapes (\u \h \w \W \$ \t …), then parameter and
// command substitution (bash's `promptvars`), so Ubuntu's `${debian_chroot:+($debian_chroot)}\u@\h:\w\$ `
// renders as `vagrant@kube-worker-1:~$ `.
import { emptyInput, nullOutput, type OutputStream } from '../../core/stream';
import { parseExpandableText } from '../syntax/parse';
import { ExpansionError } from './control';
import { FIELD_BREAK } from './expand/fields';
import { expandParts } from './expand/word';
import type { ShellHost } from './host';
import { shellInput } from './io';
import { jobTableFor, Shell } from './runtime';
import type { ShellState } from './state';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Escape what the expansion pass would otherwise interpret in an escape's result. */
const protect = (s: string): string => s.replace(/[\\$`]/g, '\\$&');

function decodePromptEscapes(state: ShellState, host: ShellHost, text: string): string {
  const v = (name: string): string => state.vars[name]?.value ?? '';
  const home = v('HOME');
  const tilde = (dir: string): string => (home && (dir === home || dir.startsWith(`${home}/`)) ? `~${dir.slice(home.length)}` : dir);
  const now = new Date(host.now());
  const hostname = v('HOSTNAME');
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\' || i + 1 >= text.length) {
      out += c;
      continue;
    }
    const n = text[++i];
    switch (n) {
      case 'u':
        out += protect(v('USER'));
        break;
      case 'h':
        out += protect(hostname.split('.')[0]);
        break;
      case 'H':
        out += protect(hostname);
        break;
      case 'w':
        out += protect(tilde(state.cwd));
        break;
      case 'W':
        out += protect(state.cwd === home ? '~' : state.cwd === '/' ? '/' : state.cwd.replace(/^.*\//, ''));
        break;
      case '$':
        out += (state.vars.EUID?.value ?? state.vars.UID?.value) === '0' ? '#' : '$';
        break;
      case 's':
        out += protect(state.argv0.replace(/^-/, '').replace(/^.*\//, ''));
        break;
      case 'v':
        out += '5.0';
        break;
      case 'V':
        out += '5.0.17';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\x07';
        break;
      case 'e':
        out += '\x1b';
        break;
      case '[':
      case ']':
        break;
      case 't':
        out += `${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}:${p2(now.getUTCSeconds())}`;
        break;
      case 'A':
        out += `${p2(now.getUTCHours())}:${p2(now.getUTCMinutes())}`;
        break;
      case 'd':
        out += `${DAYS[now.getUTCDay()]} ${MONTHS[now.getUTCMonth()]} ${p2(now.getUTCDate())}`;
        break;
      case '#':
      case '!':
        out += String(state.history.length + 1);
        break;
      case '\\':
        out += '\\\\';
        break;
      default:
        if (n >= '0' && n <= '7') {
          let digits = n;
          while (digits.length < 3 && text[i + 1] >= '0' && text[i + 1] <= '7') digits += text[++i];
          out += String.fromCharCode(parseInt(digits, 8));
        } else out += `\\${n}`;
    }
  }
  return out;
}

/** The prompt text for PS1/PS2/PS4. Command substitutions in it run through the host; errors go to `stderr`. */
export async function renderPrompt(state: ShellState, host: ShellHost, which: 'PS1' | 'PS2' | 'PS4' = 'PS1', stderr: OutputStream = nullOutput): Promise<string> {
  const raw = state.vars[which]?.value ?? '';
  const decoded = state.dialect === 'bash' || which === 'PS1' ? decodePromptEscapes(state, host, raw) : raw;
  const word = parseExpandableText(decoded);
  if (!word) return decoded;
  const fds = new Map([
    [0, { input: shellInput(emptyInput) }],
    [1, { output: nullOutput }],
    [2, { output: stderr }],
  ]);
  // Expansions in the prompt must not change $? or the real state.
  const sh = new Shell(state, host, fds, new AbortController().signal, jobTableFor(state)).subshell();
  try {
    const chunks = await expandParts(sh, word.parts, { inDq: true, literalSplit: false });
    return chunks.map((c) => (c === FIELD_BREAK ? ' ' : c.text)).join('');
  } catch (e) {
    if (e instanceof ExpansionError) return decoded;
    throw e;
  }
}
