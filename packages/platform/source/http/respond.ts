// JSON responses of the platform server. Errors leave as the protocol's wire form, with the HTTP
// status that matches their code; anything unexpected is INTERNAL and says nothing more.
import type { ServerResponse } from 'node:http';
import { type ErrorCode, toWireError } from '@jingmai/protocol';

const STATUS: Record<ErrorCode, number> = {
  PERMISSION_DENIED: 403,
  INVALID_ARGUMENT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  PAYLOAD_TOO_LARGE: 413,
  DISCONNECTED: 503,
  UNSUPPORTED_VERSION: 400,
  UNAVAILABLE: 503,
  CANCELLED: 499,
  INTERNAL: 500,
};

/** Sends `body` as JSON. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Sends an error in its wire form. */
export function sendError(response: ServerResponse, error: unknown): void {
  const wire = toWireError(error);
  if (response.headersSent) {
    response.destroy();
    return;
  }
  sendJson(response, STATUS[wire.code], { error: wire });
}
