// ValidateObjectMeta's label and annotation checks (apimachinery validation, v1.26): keys are
// qualified names (`example.com/name`), label values are at most 63 characters of [-A-Za-z0-9_.].

import type { ObjectMeta } from '../types';
import { fieldErr, type FieldError } from './status';

const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

const QUALIFIED_NAME_TEXT =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN_TEXT =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_TEXT =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** validation.IsQualifiedName. */
export function qualifiedNameErrors(value: string): string[] {
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a qualified name ${QUALIFIED_NAME_TEXT} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const errs: string[] = [];
  const name = parts[parts.length - 1]!;
  if (parts.length === 2) {
    const prefix = parts[0]!;
    if (prefix === '') errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push(`prefix part ${SUBDOMAIN_TEXT}`);
    }
  }
  if (name === '') errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_TEXT}`);
  return errs;
}

/** ValidateLabels and ValidateAnnotations for `metadata` (keys in sorted order; Go's map order is random). */
export function validateMetaMaps(meta: ObjectMeta): FieldError[] {
  const errs: FieldError[] = [];
  const labels = meta.labels ?? {};
  for (const key of Object.keys(labels).sort()) {
    for (const msg of qualifiedNameErrors(key)) errs.push(fieldErr.invalid('metadata.labels', key, msg));
    const v = labels[key] ?? '';
    if (v.length > 63) errs.push(fieldErr.invalid('metadata.labels', v, 'must be no more than 63 characters'));
    if (!LABEL_VALUE.test(v)) errs.push(fieldErr.invalid('metadata.labels', v, LABEL_VALUE_TEXT));
  }
  const annotations = meta.annotations ?? {};
  let size = 0;
  for (const key of Object.keys(annotations).sort()) {
    for (const msg of qualifiedNameErrors(key.toLowerCase())) errs.push(fieldErr.invalid('metadata.annotations', key, msg));
    size += key.length + (annotations[key] ?? '').length;
  }
  if (size > 262144) errs.push({ type: 'FieldValueTooLong', field: 'metadata.annotations', body: 'Too long: must have at most 262144 bytes' });
  return errs;
}
