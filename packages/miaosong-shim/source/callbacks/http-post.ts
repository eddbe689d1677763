// One callback attempt: POST the JSON body, succeed on any 2xx. Keep-alive agents, because receivers
// usually get many callbacks in a row.

import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

export interface PostOutcome {
  readonly ok: boolean;
  readonly error?: string;
}

// Receivers are few and each gets many callbacks: parse each URL once. Bounded, because the URLs come
// from merchants' orders.
const targets = new Map<string, http.RequestOptions | null>();
const MAX_CACHED_TARGETS = 1024;

function targetOf(url: string): http.RequestOptions | null {
  let target = targets.get(url);
  if (target !== undefined) return target;
  try {
    target = urlToHttpOptions(new URL(url));
  } catch {
    target = null;
  }
  if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
  targets.set(url, target);
  return target;
}

export function postJson(url: string, body: string, timeoutMs: number): Promise<PostOutcome> {
  return new Promise((resolve) => {
    const target = targetOf(url);
    if (!target) {
      resolve({ ok: false, error: `invalid callback URL: ${url}` });
      return;
    }
    const secure = target.protocol === 'https:';
    const request = (secure ? https : http).request(
      {
        ...target,
        method: 'POST',
        agent: secure ? httpsAgent : httpAgent,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(body),
        },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          resolve(status >= 200 && status < 300 ? { ok: true } : { ok: false, error: `HTTP ${status}` });
        });
        response.on('error', (error) => resolve({ ok: false, error: error.message }));
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no response within ${timeoutMs} ms`)));
    request.on('error', (error) => resolve({ ok: false, error: error.message }));
    request.end(body);
  });
}
