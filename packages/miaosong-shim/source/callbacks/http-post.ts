// One callback attempt: POST the JSON body, succeed on any 2xx. Each receiver origin gets a keep-alive
// undici Pool, because receivers usually get many callbacks in a row; undici sends them for less CPU than
// node:http's client.

import { errors, Pool } from 'undici';

export interface PostOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

interface Target {
  readonly pool: Pool;
  readonly path: string;
}

// Attempts in flight to one receiver at once; further ones queue in the pool.
const CONNECTIONS_PER_ORIGIN = 64;

// Receivers are few and each gets many callbacks: parse each URL once and keep one pool per origin. Bounded,
// because the URLs come from merchants' orders; evicted pools finish their running requests, then close.
const targets = new Map<string, Target | null>();
const pools = new Map<string, Pool>();
const MAX_CACHED_TARGETS = 1024;

function poolFor(origin: string, timeoutMs: number): Pool {
  const key = `${timeoutMs} ${origin}`;
  let pool = pools.get(key);
  if (!pool) {
    if (pools.size >= MAX_CACHED_TARGETS) {
      for (const old of pools.values()) void old.close();
      pools.clear();
      targets.clear();
    }
    pool = new Pool(origin, { connections: CONNECTIONS_PER_ORIGIN, connectTimeout: timeoutMs });
    pools.set(key, pool);
  }
  return pool;
}

function targetOf(url: string, timeoutMs: number): Target | null {
  let target = targets.get(url);
  if (target !== undefined) return target;
  try {
    const parsed = new URL(url);
    target =
      parsed.protocol === 'http:' || parsed.protocol === 'https:'
        ? { pool: poolFor(parsed.origin, timeoutMs), path: `${parsed.pathname}${parsed.search}` }
        : null;
  } catch {
    target = null;
  }
  if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
  targets.set(url, target);
  return target;
}

const HEADERS = { 'content-type': 'application/json; charset=utf-8' };

function describeError(error: unknown, timeoutMs: number): string {
  if (
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError
  ) {
    return `no response within ${timeoutMs} ms`;
  }
  return error instanceof Error ? error.message : String(error);
}

export async function postJson(url: string, body: string, timeoutMs: number): Promise<PostOutcome> {
  const target = targetOf(url, timeoutMs);
  if (!target) return { ok: false, error: `invalid callback URL: ${url}` };
  try {
    const response = await target.pool.request({
      path: target.path,
      method: 'POST',
      headers: HEADERS,
      body,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await response.body.dump();
    const status = response.statusCode;
    return status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` };
  } catch (error) {
    return { ok: false, error: describeError(error, timeoutMs) };
  }
}
