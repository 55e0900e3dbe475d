// exit, logout, return, break, continue.
import { BreakSignal, ContinueSignal, ExitSignal, ReturnSignal } from '../control';
import { builtinError, isInteger, type Builtin } from './types';

export const exitBuiltin: Builtin = ({ sh, argv }) => leave(sh, argv, 'exit');

export const logout: Builtin = ({ sh, argv }) => {
  if (!sh.state.login) {
    builtinError(sh, 'logout', "not login shell: use `exit'");
    return 1;
  }
  return leave(sh, argv, 'logout');
};

function leave(sh: Parameters<Builtin>[0]['sh'], argv: string[], name: string): number {
  const args = argv.slice(1);
  if (args.length > 1 && isInteger(args[0])) {
    builtinError(sh, name, 'too many arguments');
    return 1;
  }
  if (sh.interactive && sh.subshellLevel === 0 && sh.dialect === 'bash') {
    sh.stderr().write(sh.state.login ? 'logout\n' : 'exit\n');
  }
  let status = sh.state.lastStatus;
  if (args.length > 0) {
    if (isInteger(args[0])) status = Number(BigInt.asUintN(8, BigInt(args[0].trim())));
    else {
      builtinError(sh, name, `${args[0]}: numeric argument required`);
      status = 2;
    }
  }
  throw new ExitSignal(status);
}

export const returnBuiltin: Builtin = ({ sh, argv }) => {
  if (sh.funcDepth === 0 && sh.sourceDepth === 0) {
    builtinError(sh, 'return', "can only `return' from a function or sourced script");
    return 1;
  }
  const arg = argv[1];
  if (arg === undefined) throw new ReturnSignal(sh.state.lastStatus);
  if (!isInteger(arg)) {
    builtinError(sh, 'return', `${arg}: numeric argument required`);
    throw new ReturnSignal(2);
  }
  throw new ReturnSignal(Number(BigInt.asUintN(8, BigInt(arg.trim()))));
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return ({ sh, argv }) => {
    let n = 1;
    if (argv[1] !== undefined) {
      if (!isInteger(argv[1])) {
        builtinError(sh, kind, `${argv[1]}: numeric argument required`);
        return 1;
      }
      n = Number(argv[1]);
      if (n < 1) {
        builtinError(sh, kind, `${argv[1]}: loop count out of range`);
        return 1;
      }
    }
    if (sh.loopDepth === 0) {
      if (sh.dialect === 'bash') builtinError(sh, kind, "only meaningful in a `for', `while', or `until' loop");
      return 0;
    }
    n = Math.min(n, sh.loopDepth);
    throw kind === 'break' ? new BreakSignal(n) : new ContinueSignal(n);
  };
}

export const breakBuiltin = loopControl('break');
export const continueBuiltin = loopControl('continue');
