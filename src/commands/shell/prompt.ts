// Prompt strings: bash's PS1/PS2 backslash escapes (\u \h \w \$ …) as the shells decode them.

import type { ShellState } from '../../shell';

export interface PromptFacts {
  user: string;
  hostname: string;
  home: string;
  euid: number;
  shellName: string;
  version: string;
  tty: string | null;
}

/** Decode a prompt string; `${debian_chroot:+…}` (Ubuntu's default PS1) expands to nothing here. */
export function decodePrompt(ps: string, state: ShellState, f: PromptFacts): string {
  const cwd = state.cwd;
  const w = f.home && (cwd === f.home || cwd.startsWith(`${f.home}/`)) ? `~${cwd.slice(f.home.length)}` : cwd;
  const chroot = state.vars.debian_chroot?.value ?? '';
  const src = ps.replace(/\$\{debian_chroot:\+\(\$debian_chroot\)\}/g, chroot ? `(${chroot})` : '');
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c !== '\\' || i + 1 >= src.length) {
      out += c;
      continue;
    }
    const e = src[++i]!;
    switch (e) {
      case 'u':
        out += f.user;
        break;
      case 'h':
        out += f.hostname.split('.')[0];
        break;
      case 'H':
        out += f.hostname;
        break;
      case 'w':
        out += w;
        break;
      case 'W':
        out += w === '/' ? '/' : w === '~' ? '~' : w.slice(w.lastIndexOf('/') + 1);
        break;
      case '$':
        out += f.euid === 0 ? '#' : '$';
        break;
      case 's':
        out += f.shellName;
        break;
      case 'v':
        out += f.version;
        break;
      case 'n':
        out += '\n';
        break;
      case 'l':
        out += (f.tty ?? 'tty').replace(/^pts\//, '');
        break;
      case '[':
      case ']':
        break;
      case 'e':
        out += '\x1b';
        break;
      case 'a':
        out += '\x07';
        break;
      case '0':
      case '1':
      case '2':
      case '3': {
        const m = /^[0-7]{1,3}/.exec(src.slice(i));
        out += String.fromCharCode(parseInt(m![0], 8));
        i += m![0].length - 1;
        break;
      }
      case '\\':
        out += '\\';
        break;
      default:
        out += `\\${e}`;
    }
  }
  return out;
}
