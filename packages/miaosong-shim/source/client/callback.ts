// For receivers of status callbacks: parse the JSON body and check its signature before trusting it.

import { verifyCallbackSignature } from '../protocol/signature.js';
import type { StatusCallback } from '../protocol/types.js';

/** Thrown by {@link parseStatusCallback} when a body is malformed or its signature does not match. */
export class InvalidCallbackError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCallbackError';
  }
}

/** True when `body` carries a valid signature for its client_id, order_id and update_time. */
export function isValidCallback(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const fields = body as Record<string, unknown>;
  const scalar = (value: unknown) => typeof value === 'string' || typeof value === 'number';
  if (!scalar(fields.client_id) || !scalar(fields.order_id) || !scalar(fields.update_time)) return false;
  return verifyCallbackSignature({
    client_id: fields.client_id as string | number,
    order_id: fields.order_id as string | number,
    update_time: fields.update_time as string | number,
    signature: fields.signature,
  });
}

/** Parses a callback body (JSON text or an already parsed object) and verifies its signature. */
export function parseStatusCallback(body: string | unknown): StatusCallback {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new InvalidCallbackError('callback body is not JSON');
    }
  }
  if (!isValidCallback(parsed)) throw new InvalidCallbackError('callback signature does not match');
  const callback = parsed as StatusCallback;
  if (typeof callback.order_status !== 'number')
    throw new InvalidCallbackError('callback has no order_status');
  return callback;
}
