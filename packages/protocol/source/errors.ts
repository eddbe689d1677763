// The one error type that crosses the bridge. Zod-free: the SDK ships it.

/** Stable error codes. Apps branch on these; messages are for people and may change. */
export const ERROR_CODES = [
  'PERMISSION_DENIED',
  'INVALID_ARGUMENT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'DISCONNECTED',
  'UNSUPPORTED_VERSION',
  'UNAVAILABLE',
  'CANCELLED',
  'INTERNAL',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** What each code means, for docs and for the message of a bare error. */
export const ERROR_CODE_DESCRIPTIONS: Readonly<Record<ErrorCode, string>> = {
  PERMISSION_DENIED: 'The app lacks the scope the method needs, or the user may not do this.',
  INVALID_ARGUMENT: 'The arguments do not match the method schema.',
  NOT_FOUND: 'The object or method does not exist.',
  CONFLICT: 'The request conflicts with the current state (a precondition failed, a duplicate).',
  RATE_LIMITED: "The app exceeded its method's rate class; retry after details.retryAfterMs.",
  TIMEOUT: 'The call did not finish before its deadline.',
  PAYLOAD_TOO_LARGE: "The arguments exceed the method's byte limit.",
  DISCONNECTED: 'The bridge closed (reload, navigation, unmount) before the call finished.',
  UNSUPPORTED_VERSION: 'The app and the host share no protocol version.',
  UNAVAILABLE: 'A backing service is down or unreachable; retrying later may succeed.',
  CANCELLED: 'The caller aborted the call.',
  INTERNAL: 'An unexpected failure on the host side; nothing about it is disclosed.',
};

/** JSON-safe details attached to an error. */
export type ErrorDetails = Readonly<Record<string, unknown>>;

/** The wire form of {@link JingmaiError}: plain data, safe to structured-clone, no stack. */
export interface WireError {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: ErrorDetails;
  readonly cause?: WireError;
}

/** Options for {@link JingmaiError}. */
export interface JingmaiErrorOptions {
  readonly details?: ErrorDetails;
  readonly cause?: unknown;
}

const MAX_CAUSE_DEPTH = 8;
const MAX_MESSAGE_LENGTH = 2000;

/** The error every Jingmai API rejects with. */
export class JingmaiError extends Error {
  override readonly name = 'JingmaiError';
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message?: string, options: JingmaiErrorOptions = {}) {
    super(
      message ?? ERROR_CODE_DESCRIPTIONS[code],
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.code = code;
    this.details = options.details;
  }
}

/** True when `value` is a {@link JingmaiError}, also one made by another copy of this package. */
export function isJingmaiError(value: unknown): value is JingmaiError {
  return (
    value instanceof JingmaiError ||
    (value instanceof Error && value.name === 'JingmaiError' && isErrorCode((value as JingmaiError).code))
  );
}

/** True when `value` is one of the stable codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * The wire form of any thrown value. Only a JingmaiError keeps its code, message and details;
 * anything else becomes INTERNAL without its message, so no host internals or stacks leak.
 */
export function toWireError(error: unknown, depth = 0): WireError {
  if (!isJingmaiError(error)) return { code: 'INTERNAL', message: ERROR_CODE_DESCRIPTIONS.INTERNAL };
  const wire: { code: ErrorCode; message: string; details?: ErrorDetails; cause?: WireError } = {
    code: error.code,
    message: error.message.slice(0, MAX_MESSAGE_LENGTH),
  };
  if (error.details !== undefined) wire.details = error.details;
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH && isJingmaiError(error.cause)) {
    wire.cause = toWireError(error.cause, depth + 1);
  }
  return wire;
}

/** Rebuilds a {@link JingmaiError} (with its cause chain) from its wire form; anything malformed is INTERNAL. */
export function fromWireError(wire: unknown, depth = 0): JingmaiError {
  if (typeof wire !== 'object' || wire === null) return new JingmaiError('INTERNAL');
  const { code, message, details, cause } = wire as Record<string, unknown>;
  if (!isErrorCode(code)) return new JingmaiError('INTERNAL');
  const options: { details?: ErrorDetails; cause?: unknown } = {};
  if (typeof details === 'object' && details !== null) options.details = details as ErrorDetails;
  if (cause !== undefined && depth < MAX_CAUSE_DEPTH) options.cause = fromWireError(cause, depth + 1);
  return new JingmaiError(
    code,
    typeof message === 'string' ? message.slice(0, MAX_MESSAGE_LENGTH) : undefined,
    options,
  );
}
