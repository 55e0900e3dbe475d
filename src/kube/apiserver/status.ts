// metav1.Status values the API server returns, with apimachinery's exact messages (pkg/api/errors).

import type { JsonObject } from '../types';
import type { ResourceInfo } from '../resources';
import type { Status, StatusCause } from './types';

/** `pods`, `deployments.apps`: how errors name a resource. */
export function groupResource(r: Pick<ResourceInfo, 'resource' | 'group'>): string {
  return r.group === '' ? r.resource : `${r.resource}.${r.group}`;
}

function status(code: number, reason: string, message: string, details?: JsonObject): Status {
  const s: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details) s.details = details;
  return s;
}

function details(r: Pick<ResourceInfo, 'resource' | 'group'>, name?: string): JsonObject {
  const d: JsonObject = {};
  if (name) d.name = name;
  if (r.group) d.group = r.group;
  d.kind = r.resource;
  return d;
}

export function notFound(r: Pick<ResourceInfo, 'resource' | 'group'>, name: string): Status {
  return status(404, 'NotFound', `${groupResource(r)} "${name}" not found`, details(r, name));
}

export function alreadyExists(r: Pick<ResourceInfo, 'resource' | 'group'>, name: string): Status {
  return status(409, 'AlreadyExists', `${groupResource(r)} "${name}" already exists`, details(r, name));
}

export function conflict(r: Pick<ResourceInfo, 'resource' | 'group'>, name: string, why: string): Status {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${groupResource(r)} "${name}": ${why}`, details(r, name));
}

/** A field.Error: `spec.containers[0].image: Required value`. */
export interface FieldError {
  type: 'FieldValueRequired' | 'FieldValueInvalid' | 'FieldValueNotFound' | 'FieldValueDuplicate' | 'FieldValueForbidden' | 'FieldValueNotSupported' | 'FieldValueTooLong';
  field: string;
  /** The part after the field: `Required value`, `Invalid value: "x": detail`, `Forbidden: …`. */
  body: string;
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${e.body}`;
}

/** Go's %q of a value in field errors: strings quoted, numbers bare. */
function q(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

export const fieldErr = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, body: detail ? `Required value: ${detail}` : 'Required value' }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({ type: 'FieldValueInvalid', field, body: `Invalid value: ${q(value)}${detail ? `: ${detail}` : ''}` }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, body: `Not found: ${q(value)}` }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, body: `Duplicate value: ${q(value)}` }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, body: `Forbidden: ${detail}` }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    body: `Unsupported value: ${q(value)}: supported values: ${supported.map((s) => `"${s}"`).join(', ')}`,
  }),
};

/** 422 Invalid: `Pod "x" is invalid: <one error>` or `… is invalid: [e1, e2]`. */
export function invalid(kind: string, name: string, r: Pick<ResourceInfo, 'group'>, errs: FieldError[]): Status {
  const texts = errs.map(fieldErrorText);
  const msg = `${kind} "${name}" is invalid: ${texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`}`;
  const causes: StatusCause[] = errs.map((e) => ({ reason: e.type, message: e.body, field: e.field }));
  const d: JsonObject = { name, kind, causes: causes as JsonObject[] };
  if (r.group) d.group = r.group;
  return status(422, 'Invalid', msg, d);
}

export function badRequest(message: string): Status {
  return status(400, 'BadRequest', message);
}

export function methodNotAllowed(message = 'the server does not allow this method on the requested resource'): Status {
  return status(405, 'MethodNotAllowed', message, {});
}

export function notFoundPath(): Status {
  return status(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function unauthorized(): Status {
  return status(401, 'Unauthorized', 'Unauthorized');
}

export function internalError(message: string): Status {
  return status(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] });
}

export function forbidden(r: Pick<ResourceInfo, 'resource' | 'group'>, name: string | undefined, reason: string): Status {
  const who = name ? `${groupResource(r)} "${name}"` : groupResource(r);
  return status(403, 'Forbidden', `${who} is forbidden: ${reason}`, details(r, name));
}

export function success(r: Pick<ResourceInfo, 'resource' | 'group'>, name: string, uid?: string): Status {
  const d = details(r, name);
  if (uid) d.uid = uid;
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: d, code: 200 } as Status;
}
