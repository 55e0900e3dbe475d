// How kubectl reports the errors of a visit over several objects (ContinueOnError + CheckErr): one
// error is printed as usual (`error: …`, `Error from server (…)`), several as MultipleErrors lines.

import type { Status } from '../../kube/apiserver/types';
import { statusErrorText } from './errors';

/** One object's failure: an API status, or the messages of a client-side (aggregate) error. */
export type VisitFailure = { status: Status } | { messages: string[] };

/** messageForError inside an aggregate: API errors with their reason, plain errors bare. */
function aggregatedText(f: VisitFailure): string {
  if ('status' in f) {
    const reason = typeof f.status.reason === 'string' ? f.status.reason : '';
    const message = typeof f.status.message === 'string' ? f.status.message : '';
    return reason && reason !== 'Unknown' ? `Error from server (${reason}): ${message}\n` : `Error from server: ${message}\n`;
  }
  return f.messages.length === 1 ? `${f.messages[0]}\n` : `[${f.messages.join(', ')}]\n`;
}

/** The stderr text for the failures of one command; '' when there are none. */
export function visitErrorsText(failures: readonly VisitFailure[]): string {
  if (failures.length === 0) return '';
  if (failures.length > 1) return failures.map(aggregatedText).join('');
  const f = failures[0]!;
  if ('status' in f) return statusErrorText(f.status);
  if (f.messages.length === 1) return f.messages[0]!.startsWith('error: ') ? `${f.messages[0]}\n` : `error: ${f.messages[0]}\n`;
  return f.messages.map((m) => `${m}\n`).join('');
}
