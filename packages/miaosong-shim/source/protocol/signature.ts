import { createHash } from 'node:crypto';

/** The envelope fields that take part in the request signature (everything but `signature`). */
export type SignableEnvelope = Readonly<Record<string, string | number>>;

function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Signs a request envelope the way the open platform does: every field except `signature`, keys sorted
 * ASCII-ascending, concatenated as key+value, wrapped in the app secret on both sides, MD5, upper-case hex.
 */
export function signRequest(envelope: SignableEnvelope, appSecret: string): string {
  const keys = Object.keys(envelope)
    .filter((key) => key !== 'signature')
    .sort();
  let joined = '';
  for (const key of keys) joined += key + String(envelope[key]);
  return md5Hex(appSecret + joined + appSecret).toUpperCase();
}

/** The fields of a status callback that its signature covers. */
export interface CallbackSignatureFields {
  readonly client_id: string | number;
  readonly order_id: string | number;
  readonly update_time: string | number;
}

/**
 * Signs a status callback: the values of client_id, order_id and update_time, as strings, sorted
 * ascending and concatenated, MD5, lower-case hex. No secret takes part, which is how the platform does it.
 */
export function signCallback(fields: CallbackSignatureFields): string {
  const values = [String(fields.client_id), String(fields.order_id), String(fields.update_time)].sort();
  return md5Hex(values.join(''));
}

/** Checks a received callback's signature (plain comparison: the digest involves no secret to leak). */
export function verifyCallbackSignature(
  fields: CallbackSignatureFields & { readonly signature?: unknown },
): boolean {
  if (typeof fields.signature !== 'string') return false;
  // One public SDK upper-cases the digest; accept both cases as receivers are told to.
  return fields.signature.toLowerCase() === signCallback(fields);
}
