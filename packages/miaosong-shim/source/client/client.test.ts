// The client against the shim: typed results, typed errors, transport errors, callback parsing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCallback } from '../protocol/signature.js';
import { type Harness, orderBody, startHarness } from '../testing/harness.js';
import { InvalidCallbackError, parseStatusCallback } from './callback.js';
import { MiaosongClient } from './client.js';
import { MiaosongApiError, MiaosongTransportError } from './errors.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timings: { autoDispatch: false } });
});
afterAll(() => h.close());

describe('MiaosongClient', () => {
  it('signs envelopes the platform way', () => {
    const client = new MiaosongClient({
      baseUrl: 'http://x',
      appKey: '123456',
      appSecret: 'abcdefg123',
      sourceId: '73753',
      now: () => 1488363493_000,
    });
    expect(client.envelope({ order_id: '20170301000001' })).toEqual({
      app_key: '123456',
      body: '{"order_id":"20170301000001"}',
      format: 'json',
      source_id: '73753',
      timestamp: '1488363493',
      v: '1.0',
      signature: '71CEE2D6544277940D8C72979E71D0E1',
    });
    expect(client.envelope(undefined).body).toBe('');
  });

  it('returns typed results', async () => {
    const cities = await h.client.cityCodes();
    expect(cities.find((c) => c.cityCode === '021')?.cityName).toBe('上海');
    const fee = await h.client.addOrder(orderBody('K1', 'http://127.0.0.1:9/cb'));
    expect(fee.deliverFee).toBe(5);
  });

  it('throws MiaosongApiError carrying the code', async () => {
    const wrong = new MiaosongClient({
      baseUrl: h.shim.url,
      appKey: h.shim.seed!.appKey,
      appSecret: 'wrong',
      sourceId: '73753',
    });
    const error = await wrong.cityCodes().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiaosongApiError);
    expect(error).toMatchObject({ code: 2003, httpStatus: 200, path: '/api/cityCode/list' });
  });

  it('throws MiaosongTransportError when nothing answers', async () => {
    const dead = new MiaosongClient({
      baseUrl: 'http://127.0.0.1:1',
      appKey: 'k',
      appSecret: 's',
      sourceId: '1',
      timeoutMs: 2000,
    });
    await expect(dead.cityCodes()).rejects.toBeInstanceOf(MiaosongTransportError);
  });
});

describe('parseStatusCallback', () => {
  const body = {
    client_id: '300000000000001',
    order_id: 'K1',
    order_status: 2,
    cancel_reason: '',
    cancel_from: 0,
    update_time: 1_800_000_000,
  };
  const signed = { ...body, signature: signCallback(body) };

  it('accepts a signed callback as text or object', () => {
    expect(parseStatusCallback(JSON.stringify(signed))).toEqual(signed);
    expect(parseStatusCallback(signed)).toEqual(signed);
  });

  it('rejects a forged or malformed one', () => {
    expect(() => parseStatusCallback({ ...signed, order_id: 'K2' })).toThrow(InvalidCallbackError);
    expect(() => parseStatusCallback('not json')).toThrow(InvalidCallbackError);
    expect(() => parseStatusCallback(null)).toThrow(InvalidCallbackError);
  });
});
