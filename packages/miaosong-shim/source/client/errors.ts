import { messageFor } from '../protocol/codes.js';

/** The platform refused the call: `code` is its return code (e.g. 2003 bad signature, 2105 duplicate origin_id). */
export class MiaosongApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly path: string,
    /** HTTP status of the reply: 200 for business errors, 4xx/5xx for gateway-level refusals. */
    readonly httpStatus: number,
  ) {
    super(`${path}: ${code} ${message || messageFor(code)}`);
    this.name = 'MiaosongApiError';
  }
}

/** The call did not produce a platform reply: network failure, timeout, or a non-envelope response. */
export class MiaosongTransportError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${message}`, options);
    this.name = 'MiaosongTransportError';
  }
}
