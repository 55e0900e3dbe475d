// dircolors (coreutils 8.30): the LS_COLORS assignment the Ubuntu .bashrc evals, for sh or csh.

import { has, parseArgs, tryHelp } from './lib/args';
import { vfsError } from './lib/io';
import type { Command, CommandContext } from './types';

export const DEFAULT_LS_COLORS =
  'rs=0:di=01;34:ln=01;36:mh=00:pi=40;33:so=01;35:do=01;35:bd=40;33;01:cd=40;33;01:or=40;31;01:mi=00:su=37;41:sg=30;43:ca=30;41:tw=30;42:ow=34;42:st=37;44:ex=01;32:' +
  '*.tar=01;31:*.tgz=01;31:*.arc=01;31:*.arj=01;31:*.taz=01;31:*.lha=01;31:*.lz4=01;31:*.lzh=01;31:*.lzma=01;31:*.tlz=01;31:*.txz=01;31:*.tzo=01;31:*.t7z=01;31:*.zip=01;31:*.z=01;31:*.dz=01;31:*.gz=01;31:*.lrz=01;31:*.lz=01;31:*.lzo=01;31:*.xz=01;31:*.zst=01;31:*.tzst=01;31:*.bz2=01;31:*.bz=01;31:*.tbz=01;31:*.tbz2=01;31:*.tz=01;31:*.deb=01;31:*.rpm=01;31:*.jar=01;31:*.war=01;31:*.ear=01;31:*.sar=01;31:*.rar=01;31:*.alz=01;31:*.ace=01;31:*.zoo=01;31:*.cpio=01;31:*.7z=01;31:*.rz=01;31:*.cab=01;31:*.wim=01;31:*.swm=01;31:*.dwm=01;31:*.esd=01;31:' +
  '*.jpg=01;35:*.jpeg=01;35:*.mjpg=01;35:*.mjpeg=01;35:*.gif=01;35:*.bmp=01;35:*.pbm=01;35:*.pgm=01;35:*.ppm=01;35:*.tga=01;35:*.xbm=01;35:*.xpm=01;35:*.tif=01;35:*.tiff=01;35:*.png=01;35:*.svg=01;35:*.svgz=01;35:*.mng=01;35:*.pcx=01;35:*.mov=01;35:*.mpg=01;35:*.mpeg=01;35:*.m2v=01;35:*.mkv=01;35:*.webm=01;35:*.ogm=01;35:*.mp4=01;35:*.m4v=01;35:*.mp4v=01;35:*.vob=01;35:*.qt=01;35:*.nuv=01;35:*.wmv=01;35:*.asf=01;35:*.rm=01;35:*.rmvb=01;35:*.flc=01;35:*.avi=01;35:*.fli=01;35:*.flv=01;35:*.gl=01;35:*.dl=01;35:*.xcf=01;35:*.xwd=01;35:*.yuv=01;35:*.cgm=01;35:*.emf=01;35:*.ogv=01;35:*.ogx=01;35:' +
  '*.aac=00;36:*.au=00;36:*.flac=00;36:*.m4a=00;36:*.mid=00;36:*.midi=00;36:*.mka=00;36:*.mp3=00;36:*.mpc=00;36:*.ogg=00;36:*.ra=00;36:*.wav=00;36:*.oga=00;36:*.opus=00;36:*.spx=00;36:*.xspf=00;36:';

/** A dircolors database (`DIR 01;34`, `.tar 01;31`) to the LS_COLORS string; null when unreadable. */
function fromDatabase(text: string): string {
  const keys: Record<string, string> = { NORMAL: 'no', FILE: 'fi', RESET: 'rs', DIR: 'di', LINK: 'ln', SYMLINK: 'ln', MULTIHARDLINK: 'mh', FIFO: 'pi', PIPE: 'pi', SOCK: 'so', DOOR: 'do', BLK: 'bd', BLOCK: 'bd', CHR: 'cd', CHAR: 'cd', ORPHAN: 'or', MISSING: 'mi', SETUID: 'su', SETGID: 'sg', CAPABILITY: 'ca', STICKY_OTHER_WRITABLE: 'tw', OTHER_WRITABLE: 'ow', STICKY: 'st', EXEC: 'ex' };
  let out = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const [k, v] = line.split(/\s+/);
    if (!k || !v || ['TERM', 'COLOR', 'OPTIONS', 'EIGHTBIT', 'COLORTERM'].includes(k.toUpperCase())) continue;
    if (k.startsWith('.')) out += `*${k}=${v}:`;
    else if (k.startsWith('*')) out += `${k}=${v}:`;
    else if (keys[k.toUpperCase()]) out += `${keys[k.toUpperCase()]}=${v}:`;
  }
  return out;
}

async function runDircolors(ctx: CommandContext): Promise<number> {
  const p = parseArgs(ctx.argv.slice(1), { short: 'bcp', long: { sh: { key: 'b', arg: 'none' }, 'bourne-shell': { key: 'b', arg: 'none' }, csh: { key: 'c', arg: 'none' }, 'c-shell': { key: 'c', arg: 'none' }, 'print-database': { key: 'p', arg: 'none' } } });
  if (!p.ok) {
    ctx.stderr.write(`dircolors: ${p.error}\n${tryHelp('dircolors')}`);
    return 1;
  }
  if (has(p, 'p')) {
    ctx.stdout.write('# Configuration file for dircolors, a utility to help you set the\n# LS_COLORS environment variable used by GNU ls with the --color option.\nRESET 0\nDIR 01;34\nLINK 01;36\nMULTIHARDLINK 00\nFIFO 40;33\nSOCK 01;35\nDOOR 01;35\nBLK 40;33;01\nCHR 40;33;01\nORPHAN 40;31;01\nMISSING 00\nSETUID 37;41\nSETGID 30;43\nCAPABILITY 30;41\nSTICKY_OTHER_WRITABLE 30;42\nOTHER_WRITABLE 34;42\nSTICKY 37;44\nEXEC 01;32\n');
    return 0;
  }
  let colors = DEFAULT_LS_COLORS;
  if (p.operands[0] !== undefined) {
    try {
      colors = fromDatabase(ctx.sys.fs.readFile(p.operands[0]));
    } catch (e) {
      ctx.stderr.write(`dircolors: ${p.operands[0]}: ${vfsError(e).text}\n`);
      return 1;
    }
  }
  const csh = has(p, 'c') || (!has(p, 'b') && /csh$/.test(ctx.env.SHELL ?? ''));
  ctx.stdout.write(csh ? `setenv LS_COLORS '${colors}'\n` : `LS_COLORS='${colors}';\nexport LS_COLORS\n`);
  return 0;
}

export const dircolors: Command = { name: 'dircolors', run: runDircolors };
