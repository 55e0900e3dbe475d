// Semantic colours for the TUI. State is never shown by colour alone (✓ ✗ ▸ · carry it), so the plain
// theme loses nothing but decoration.

/** Ink colour names; undefined means the terminal's default colour. */
export interface Theme {
  /** Titles, the current task marker. */
  accent?: string;
  success?: string;
  failure?: string;
  /** Hints and confirmations. */
  warning?: string;
  /** Pending tasks, secondary text. */
  muted?: string;
  /** Dim secondary text instead of a grey colour (readable on light and dark backgrounds). */
  dimMuted: boolean;
}

/** Mid-intensity colours chosen to stay readable on both light and dark terminal backgrounds. */
export const defaultTheme: Theme = {
  accent: 'cyan',
  success: 'green',
  failure: 'red',
  warning: 'yellow',
  muted: undefined,
  dimMuted: true,
};

/** For --no-color / NO_COLOR: Ink would still emit SGR for explicit colours, so name none. */
export const plainTheme: Theme = { dimMuted: false };
