// The line Falco writes for an alert: `HH:MM:SS.nnnnnnnnn: Priority output`, or its JSON object.
import type { Alert } from '../engine';
import { eventTimeRawString } from '../event';
import { timeIso8601, timeJsonIso, timeOfDay } from '../fields/time-format';
import { jsonText } from './format';

export interface AlertLineOptions {
  /** time_format_iso_8601: prefix with `2023-01-24T18:03:14.632368639+0000`. */
  timeFormatIso8601?: boolean;
  json?: boolean;
  jsonIncludeOutputProperty?: boolean;
  jsonIncludeTagsProperty?: boolean;
  /** The node's hostname (or FALCO_HOSTNAME), for the JSON `hostname` key. */
  hostname?: string;
}

/** The text line: the `*%evt.time: <Priority> <output>` format Falco builds around every rule output. */
export function alertText(alert: Alert, iso8601 = false): string {
  const time = iso8601 ? timeIso8601(alert.time) : timeOfDay(alert.time);
  return `${time}: ${alert.priorityName} ${alert.output}`;
}

/** One output line, without the trailing newline. */
export function formatAlertLine(alert: Alert, opts: AlertLineOptions = {}): string {
  const text = alertText(alert, opts.timeFormatIso8601);
  if (!opts.json) return text;
  // jsoncpp writes keys sorted; Falco then grafts ", \"output_fields\": {…}" before the closing brace.
  const head: Array<[string, string]> = [['hostname', jsonText(opts.hostname ?? '')]];
  if (opts.jsonIncludeOutputProperty ?? true) head.push(['output', jsonText(text)]);
  head.push(['priority', jsonText(alert.priorityName)], ['rule', jsonText(alert.rule)], ['source', jsonText(alert.source)]);
  if (opts.jsonIncludeTagsProperty ?? true) head.push(['tags', jsonText(alert.tags)]);
  head.push(['time', jsonText(timeJsonIso(alert.time))]);
  const fields: Record<string, string> = { ...alert.outputFieldsJson };
  if (opts.timeFormatIso8601) fields['evt.time.iso8601'] = jsonText(timeIso8601(alert.time));
  else fields['evt.time'] = eventTimeRawString(alert.time);
  const outputFields = Object.keys(fields)
    .sort()
    .map((k) => `${jsonText(k)}:${fields[k]}`)
    .join(',');
  return `{${head.map(([k, v]) => `"${k}":${v}`).join(',')}, "output_fields": {${outputFields}}}`;
}
