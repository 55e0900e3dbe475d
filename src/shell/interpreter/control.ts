// Non-local control flow inside the interpreter (break, continue, return, exit, fatal errors). These are
// thrown and caught within the interpreter only; runScript never lets them escape.

export class BreakSignal {
  constructor(public levels: number) {}
}

export class ContinueSignal {
  constructor(public levels: number) {}
}

export class ReturnSignal {
  constructor(readonly status: number) {}
}

/** `exit`, `set -e`, or a fatal error in a non-interactive shell. */
export class ExitSignal {
  constructor(readonly status: number) {}
}

/** The foreground job was interrupted (Ctrl-C) or the shell was killed: stop running this input. */
export class InterruptSignal {
  constructor(readonly status: number) {}
}

/** An expansion failed (`${x:?}`, bad substitution, arithmetic error); the message is already printed. */
export class ExpansionError {
  constructor(
    readonly status: number,
    /** A non-interactive shell exits (POSIX: `${x:?}`, unset variable with `set -u`). */
    readonly fatal: boolean,
  ) {}
}
