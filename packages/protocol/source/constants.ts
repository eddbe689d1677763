// The zod-free entry (`@jingmai/protocol/constants`): what the SDK ships at run time.
// Schemas and types inferred from them come from the main entry, imported as types only.
export { FRAME, HELLO, MAX_BATCH_FRAMES, WELCOME } from './contract/frames.js';
export {
  EVENT_NAMES,
  EVENTS,
  type EventInfo,
  type EventName,
  isMethodName,
  MAX_OBJECT_BYTES,
  METHOD_NAMES,
  METHODS,
  type MethodInfo,
  type MethodName,
  MULTIPART_THRESHOLD,
  RATE_CLASSES,
  type RateClass,
  type RateClassName,
  scopeOpens,
} from './contract/methods.js';
export {
  ERROR_CODE_DESCRIPTIONS,
  ERROR_CODES,
  type ErrorCode,
  type ErrorDetails,
  fromWireError,
  isErrorCode,
  isJingmaiError,
  JingmaiError,
  type JingmaiErrorOptions,
  toWireError,
  type WireError,
} from './errors.js';
export { postBatch } from './runtime/batch.js';
export { DeadlineTimer, type Due } from './runtime/deadlines.js';
export { isScope, SCOPE_NAMES, SCOPES, type Scope } from './scopes.js';
export { negotiateVersion, PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from './version.js';
