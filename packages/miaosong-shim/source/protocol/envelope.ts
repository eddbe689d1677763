// The request and response envelopes every endpoint shares.

/** The signed request envelope, as POSTed to every endpoint. `body` is the payload serialised as JSON text. */
export interface RequestEnvelope {
  app_key: string;
  body: string;
  format: 'json';
  source_id: string;
  timestamp: string;
  v: '1.0';
  signature: string;
}

/** A successful response. */
export interface SuccessEnvelope<T> {
  status: 'success';
  code: 0;
  msg: string;
  result: T;
}

/** A failed response; `errorCode` mirrors `code`. Business failures still come with HTTP 200. */
export interface FailEnvelope {
  status: 'fail';
  code: number;
  errorCode: number;
  msg: string;
  result?: unknown;
}

/** Either response envelope. */
export type ResponseEnvelope<T> = SuccessEnvelope<T> | FailEnvelope;

/** The envelope keys a request may carry; anything else is refused (1998). */
export const ENVELOPE_KEYS = [
  'app_key',
  'body',
  'format',
  'source_id',
  'timestamp',
  'v',
  'signature',
] as const;

export function successEnvelope<T>(result: T): SuccessEnvelope<T> {
  return { status: 'success', code: 0, msg: '成功', result };
}

export function failEnvelope(code: number, msg: string): FailEnvelope {
  return { status: 'fail', code, errorCode: code, msg };
}
