// cd: logical directory change with bash's (or ash's) messages; keeps PWD and OLDPWD.
import { isErrno, type Errno } from '../host';
import { strerror } from '../messages';
import { builtinError, type Builtin } from './types';

export const cd: Builtin = ({ sh, argv }) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')));
  const ash = sh.dialect === 'ash';
  const fail = (target: string, errno: Errno): number => {
    if (ash) {
      builtinError(sh, 'cd', `can't cd to ${target}: ${strerror(errno)}`);
      return 2;
    }
    builtinError(sh, 'cd', `${target}: ${strerror(errno)}`);
    return 1;
  };
  if (args.length > 1 && !ash) {
    builtinError(sh, 'cd', 'too many arguments');
    return 1;
  }
  let target = args[0];
  let print = false;
  if (target === undefined || target === '') {
    if (target === '' ) return 0;
    const home = sh.getVar('HOME');
    if (home === undefined) {
      builtinError(sh, 'cd', 'HOME not set');
      return 1;
    }
    target = home;
  } else if (target === '-') {
    const old = sh.getVar('OLDPWD');
    if (old === undefined) {
      builtinError(sh, 'cd', 'OLDPWD not set');
      return 1;
    }
    target = old;
    print = true;
  }
  const dir = sh.resolvePath(target);
  const st = sh.host.stat(dir);
  if (isErrno(st)) return fail(target, st.errno);
  if (st.type !== 'dir') return fail(target, 'ENOTDIR');
  if (!sh.host.access(dir, 'x')) return fail(target, 'EACCES');
  const previous = sh.state.cwd;
  sh.state.cwd = dir;
  sh.setVar('OLDPWD', previous);
  sh.setVar('PWD', dir);
  if (print) sh.stdout().write(`${dir}\n`);
  return 0;
};
