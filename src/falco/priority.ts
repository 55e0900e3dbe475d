// Rule priorities, most to least severe, and their parsing (case-insensitive, `info` accepted).

export const PRIORITY_NAMES = ['Emergency', 'Alert', 'Critical', 'Error', 'Warning', 'Notice', 'Informational', 'Debug'] as const;

export type PriorityName = (typeof PRIORITY_NAMES)[number];

/** 0 = Emergency … 7 = Debug; a smaller number is more severe. */
export type Priority = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function parsePriority(text: string): Priority | null {
  const low = text.toLowerCase();
  const i = PRIORITY_NAMES.findIndex((n) => n.toLowerCase() === low);
  if (i >= 0) return i as Priority;
  return low === 'info' ? 6 : null;
}

/** The full word Falco prints in alerts and JSON (`Informational`, never `INFO`). */
export function priorityName(p: Priority): PriorityName {
  return PRIORITY_NAMES[p];
}
