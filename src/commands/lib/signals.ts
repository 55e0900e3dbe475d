// Linux signal names and numbers (x86_64), as kill -l lists them.

export const SIGNALS: [number, string][] = [
  [1, 'HUP'], [2, 'INT'], [3, 'QUIT'], [4, 'ILL'], [5, 'TRAP'], [6, 'ABRT'], [7, 'BUS'], [8, 'FPE'], [9, 'KILL'], [10, 'USR1'],
  [11, 'SEGV'], [12, 'USR2'], [13, 'PIPE'], [14, 'ALRM'], [15, 'TERM'], [16, 'STKFLT'], [17, 'CHLD'], [18, 'CONT'], [19, 'STOP'],
  [20, 'TSTP'], [21, 'TTIN'], [22, 'TTOU'], [23, 'URG'], [24, 'XCPU'], [25, 'XFSZ'], [26, 'VTALRM'], [27, 'PROF'], [28, 'WINCH'],
  [29, 'IO'], [30, 'PWR'], [31, 'SYS'],
];

/** `9`, `KILL`, `SIGKILL`, `kill` → 9; null when unknown. */
export function signalNumber(spec: string): number | null {
  if (/^\d+$/.test(spec)) {
    const n = Number(spec);
    return n >= 0 && n <= 64 ? n : null;
  }
  const name = spec.toUpperCase().replace(/^SIG/, '');
  if (name === 'IOT') return 6;
  if (name === 'POLL') return 29;
  return SIGNALS.find(([, s]) => s === name)?.[0] ?? null;
}

export function signalName(n: number): string | null {
  return SIGNALS.find(([k]) => k === n)?.[1] ?? null;
}
