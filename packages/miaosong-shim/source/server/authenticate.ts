// Checks the request envelope and its signature, in the order the platform reports problems:
// shape, required fields, fixed values, timestamp window, app_key, signature, merchant binding.

import { ENVELOPE_KEYS } from '../protocol/envelope.js';
import { signRequest } from '../protocol/signature.js';
import type { AppRow } from '../store/rows.js';
import type { Store } from '../store/sqlite.js';
import { ApiFailure } from './failure.js';

export interface Authenticated {
  readonly app: AppRow;
  readonly sourceId: string;
  /** The business payload, still as JSON text. */
  readonly body: string;
}

const ENVELOPE_KEY_SET: ReadonlySet<string> = new Set(ENVELOPE_KEYS);

const present = (value: unknown) => value !== undefined && value !== null && value !== '';

/** Unix seconds, or milliseconds from SDKs that send them; null when not a number. */
function timestampMs(value: string | number): number | null {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || String(value).trim() === '') return null;
  return n >= 1e12 ? n : n * 1000;
}

export function authenticate(
  input: unknown,
  store: Store,
  wallNow: number,
  toleranceMs: number,
): Authenticated {
  if (
    typeof input !== 'object' ||
    input === null ||
    Array.isArray(input) ||
    Object.keys(input).length === 0
  ) {
    throw new ApiFailure(2000);
  }
  const envelope = input as Record<string, unknown>;
  // One pass over the keys finds both problems; they are still reported in the platform's order below.
  const extra: string[] = [];
  let untyped: string | undefined;
  for (const key in envelope) {
    if (!ENVELOPE_KEY_SET.has(key)) extra.push(key);
    const value = envelope[key];
    if (untyped === undefined && typeof value !== 'string' && typeof value !== 'number') untyped = key;
  }
  if (extra.length) throw new ApiFailure(1998, `请求参数的个数不正确,多余的参数: ${extra.join(', ')}`);
  if (!present(envelope.app_key)) throw new ApiFailure(1993, '参数不能为空: app_key');
  if (!present(envelope.timestamp)) throw new ApiFailure(2009);
  if (!present(envelope.signature)) throw new ApiFailure(2010);
  if (envelope.body === undefined || envelope.body === null) throw new ApiFailure(1995);
  if (untyped !== undefined) throw new ApiFailure(2013, `${untyped} 必须是字符串 (body 为JSON字符串)`);
  if (typeof envelope.body !== 'string') throw new ApiFailure(2013, 'body 必须是JSON字符串');
  if (envelope.format !== 'json') throw new ApiFailure(1994);
  if (String(envelope.v) !== '1.0') throw new ApiFailure(1996);
  const signable = envelope as Record<string, string | number>;
  const sentAt = timestampMs(signable.timestamp!);
  if (sentAt === null) throw new ApiFailure(2013, 'timestamp 必须是unix时间戳(秒)');
  if (Math.abs(wallNow - sentAt) > toleranceMs) {
    throw new ApiFailure(
      2013,
      `timestamp 超出允许的时间窗口(±${Math.round(toleranceMs / 1000)}秒),请校准客户端时钟`,
    );
  }
  const app = store.getApp(String(envelope.app_key));
  if (!app) throw new ApiFailure(2001);
  // Exact match: the platform wants upper-case hex, and a shim that accepted more would hide client bugs.
  if (signRequest(signable, app.app_secret) !== String(envelope.signature)) {
    throw new ApiFailure(2003);
  }
  if (!present(envelope.source_id) || String(envelope.source_id) !== app.source_id) {
    throw new ApiFailure(2002);
  }
  return { app, sourceId: app.source_id, body: envelope.body };
}
