// Envelope, authentication and transport refusals, sent as raw HTTP so each malformation is exact.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../protocol/signature.js';
import { type Harness, startHarness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function post(path: string, body: string, contentType = 'application/json; charset=utf-8') {
  const response = await fetch(h.shim.url + path, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return {
    http: response.status,
    reply: (await response.json()) as {
      status: string;
      code: number;
      msg: string;
      errorCode?: number;
      result?: unknown;
    },
  };
}

function envelope(overrides: Record<string, unknown> = {}, payload: unknown = { order_id: 'none' }) {
  const seed = h.shim.seed!;
  const unsigned: Record<string, string | number> = {
    app_key: seed.appKey,
    body: JSON.stringify(payload),
    format: 'json',
    source_id: seed.sourceId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    v: '1.0',
  };
  const signed: Record<string, unknown> = { ...unsigned, signature: signRequest(unsigned, seed.appSecret) };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete signed[key];
    else signed[key] = value;
  }
  return signed;
}

/** Re-signs after applying overrides, so only the intended field is wrong. */
function resigned(overrides: Record<string, string | number>) {
  const base = envelope();
  delete base.signature;
  const unsigned = { ...(base as Record<string, string | number>), ...overrides };
  return { ...unsigned, signature: signRequest(unsigned, h.shim.seed!.appSecret) };
}

const statusQuery = '/api/order/status/query';

describe('request envelope', () => {
  it('answers a correct envelope with the success shape', async () => {
    const { http, reply } = await post('/api/cityCode/list', JSON.stringify(envelope({}, '')));
    expect(http).toBe(200);
    expect(reply).toMatchObject({ status: 'success', code: 0, msg: '成功' });
    expect(reply.result).toContainEqual({ cityName: '上海', cityCode: '021' });
  });

  it('accepts a millisecond timestamp (tolerated as some SDKs send it)', async () => {
    const { reply } = await post(
      '/api/cityCode/list',
      JSON.stringify(resigned({ timestamp: String(Date.now()), body: '' })),
    );
    expect(reply.code).toBe(0);
  });

  const cases: [string, () => Record<string, unknown> | unknown, number][] = [
    ['empty object', () => ({}), 2000],
    ['a JSON array', () => [], 2000],
    ['an unknown envelope key', () => envelope({ extra: 'x' }), 1998],
    ['no app_key', () => envelope({ app_key: undefined }), 1993],
    ['no timestamp', () => envelope({ timestamp: undefined }), 2009],
    ['no signature', () => envelope({ signature: undefined }), 2010],
    ['body null', () => envelope({ body: null }), 1995],
    ['body as an object instead of JSON text', () => envelope({ body: { order_id: 'x' } }), 2013],
    ['format xml', () => resigned({ format: 'xml' }), 1994],
    ['v 2.0', () => resigned({ v: '2.0' }), 1996],
    ['a non-numeric timestamp', () => resigned({ timestamp: 'yesterday' }), 2013],
    [
      'a timestamp an hour old',
      () => resigned({ timestamp: String(Math.floor(Date.now() / 1000) - 3600) }),
      2013,
    ],
    ['an unknown app_key', () => resigned({ app_key: 'nobody' }), 2001],
    ['a wrong signature', () => envelope({ signature: '71CEE2D6544277940D8C72979E71D0E1' }), 2003],
    [
      'a lower-cased signature',
      () => {
        const e = envelope();
        return { ...e, signature: String(e.signature).toLowerCase() };
      },
      2003,
    ],
    ['a source_id of another merchant', () => resigned({ source_id: '99999' }), 2002],
    [
      'no source_id',
      () => {
        const base = envelope();
        delete base.signature;
        delete base.source_id;
        const unsigned = base as Record<string, string>;
        return { ...unsigned, signature: signRequest(unsigned, h.shim.seed!.appSecret) };
      },
      2002,
    ],
    ['an empty body where one is required', () => resigned({ body: '' }), 2000],
    ['a body that is not JSON', () => resigned({ body: '{order_id:' }), 2419],
    ['a body that is a JSON array', () => resigned({ body: '[1]' }), 2419],
  ];
  for (const [name, make, code] of cases) {
    it(`refuses ${name} with ${code}`, async () => {
      const { http, reply } = await post(statusQuery, JSON.stringify(make()));
      expect(http).toBe(200);
      expect(reply).toMatchObject({ status: 'fail', code, errorCode: code });
      expect(reply.msg).toBeTruthy();
    });
  }
});

describe('transport refusals', () => {
  it('refuses a wrong Content-Type with 1999 on HTTP 200', async () => {
    const { http, reply } = await post(statusQuery, JSON.stringify(envelope()), 'text/plain');
    expect(http).toBe(200);
    expect(reply.code).toBe(1999);
  });

  it('refuses a request that is not JSON', async () => {
    const { http, reply } = await post(statusQuery, 'app_key=1&v=1.0');
    expect(http).toBe(200);
    expect(reply).toMatchObject({ status: 'fail', code: 2013 });
    expect(reply.msg).toMatch(/JSON/);
  });

  it('refuses bodies over 1 MiB with HTTP 413', async () => {
    const huge = JSON.stringify(envelope({}, { order_id: 'x', info: 'x'.repeat(1024 * 1024) }));
    const { http, reply } = await post(statusQuery, huge);
    expect(http).toBe(413);
    expect(reply.status).toBe('fail');
    expect(reply.msg).toMatch(/1048576/);
  });

  it('answers unknown paths with 404 and GET with 405, both as fail envelopes', async () => {
    expect((await post('/api/order/nope', JSON.stringify(envelope()))).http).toBe(404);
    const get = await fetch(h.shim.url + statusQuery);
    expect(get.status).toBe(405);
    expect(((await get.json()) as { status: string }).status).toBe('fail');
  });

  it('guards /admin with the admin token', async () => {
    expect((await fetch(`${h.shim.url}/admin/state`)).status).toBe(401);
    const ok = await fetch(`${h.shim.url}/admin/state`, {
      headers: { authorization: `Bearer ${h.shim.adminToken}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ clock: { mode: 'manual' } });
  });
});
