// @jingmai/miaosong-shim/client: a typed client for the Miaosong (Dada open platform) delivery API,
// plus what a callback receiver needs. Works against the shim and the real service alike.

export { CANCEL_REASONS, OTHER_CANCEL_REASON_ID } from '../protocol/cancel-reasons.js';
export { messageFor, RESULT_CODES, type ResultCode } from '../protocol/codes.js';
export type {
  FailEnvelope,
  RequestEnvelope,
  ResponseEnvelope,
  SuccessEnvelope,
} from '../protocol/envelope.js';
export {
  type CallbackSignatureFields,
  type SignableEnvelope,
  signCallback,
  signRequest,
  verifyCallbackSignature,
} from '../protocol/signature.js';
export {
  CANCEL_FROM,
  type CancelFrom,
  ORDER_STATUS,
  ORDER_STATUS_MESSAGES,
  type OrderStatus,
} from '../protocol/statuses.js';
export * from '../protocol/types.js';
export { InvalidCallbackError, isValidCallback, parseStatusCallback } from './callback.js';
export { MIAOSONG_HOSTS, MiaosongClient, type MiaosongClientOptions } from './client.js';
export { MiaosongApiError, MiaosongTransportError } from './errors.js';
