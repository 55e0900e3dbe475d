// The audit event's requestObject: the body as the handler decoded it (scheme defaults applied, no
// admission or registry changes) and re-encoded in the request's version, as LogRequestObject does.
// Patches are logged as sent.

import type { JsonObject, JsonValue, Pod, Secret, Service } from '../types';
import { defaultPod } from './pod-defaults';
import { encodeInGoOrder, KIND_SHAPES } from './schema';
import { schemeDefaultService } from './service-strategy';

const SCHEME_DEFAULTS: Record<string, (obj: JsonObject) => void> = {
  Pod: (o) => defaultPod(o as unknown as Pod),
  Service: (o) => schemeDefaultService(o as unknown as Service),
  Secret: (o) => void ((o as unknown as Secret).type ||= 'Opaque'),
};

/** `kind` is the resource's kind; a body of another kind (or not an object) is logged unchanged. */
export function auditRequestObject(body: JsonValue, kind: string, verb: string): JsonValue {
  if (verb === 'patch' || body === null || typeof body !== 'object' || Array.isArray(body)) return body;
  if ((body.kind !== undefined && body.kind !== kind) || !KIND_SHAPES[kind]) return body;
  const decoded = structuredClone(body);
  try {
    SCHEME_DEFAULTS[kind]?.(decoded);
  } catch {
    // A body whose shape the defaulting cannot walk fails decoding in the handler; log it as sent.
    return body;
  }
  return encodeInGoOrder(decoded, kind);
}
