// Business rules of each endpoint, through the typed client, with the platform's codes.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MiaosongApiError } from '../client/errors.js';
import type { AddOrderRequest } from '../protocol/types.js';
import { type Harness, orderBody, type Receiver, startHarness, startReceiver } from '../testing/harness.js';

let h: Harness;
let receiver: Receiver;
let seq = 0;
let id: string;
beforeAll(async () => {
  h = await startHarness({ timings: { autoDispatch: false } });
  receiver = await startReceiver();
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});
beforeEach(() => {
  seq += 1;
  id = `E${seq}`;
});

async function codeOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
  } catch (error) {
    if (error instanceof MiaosongApiError) return error.code;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const body = (overrides: Partial<AddOrderRequest> = {}) => orderBody(id, receiver.url, overrides);
const without = (field: keyof AddOrderRequest) => {
  const copy: Record<string, unknown> = { ...body() };
  delete copy[field];
  return copy as unknown as AddOrderRequest;
};

describe('addOrder fields', () => {
  const missing: [keyof AddOrderRequest, number][] = [
    ['shop_no', 2004],
    ['origin_id', 2104],
    ['city_code', 2126],
    ['cargo_price', 2113],
    ['is_prepay', 2109],
    ['receiver_name', 2120],
    ['receiver_address', 2121],
    ['receiver_lat', 2128],
    ['receiver_lng', 2128],
    ['callback', 2123],
    ['cargo_weight', 2112],
    ['receiver_phone', 2122],
  ];
  for (const [field, code] of missing) {
    it(`refuses a missing ${field} with ${code}`, async () => {
      expect(await codeOf(h.client.addOrder(without(field)))).toBe(code);
    });
  }

  const malformed: [string, Record<string, unknown>, number][] = [
    ['cargo_weight 0', { cargo_weight: 0 }, 2103],
    ['cargo_weight text', { cargo_weight: 'heavy' }, 2415],
    ['cargo_price text', { cargo_price: 'cheap' }, 2410],
    ['receiver_lat 95', { receiver_lat: 95 }, 2079],
    ['receiver_lng -200', { receiver_lng: -200 }, 2080],
    ['receiver_lat null', { receiver_lat: null }, 2138],
    ['info null', { info: null }, 2417],
    ['cargo_type 4', { cargo_type: 4 }, 2414],
    ['cargo_num 1.5', { cargo_num: 1.5 }, 2416],
    ['origin_mark with digits', { origin_mark: 'ab12' }, 2422],
    ['callback not a URL', { callback: 'not a url' }, 2006],
    ['is_prepay 2', { is_prepay: 2 }, 2013],
    ['an unknown shop', { shop_no: 'nope' }, 2004],
    ['an unopened city', { city_code: '0999' }, 2044],
  ];
  for (const [name, overrides, code] of malformed) {
    it(`refuses ${name} with ${code}`, async () => {
      expect(await codeOf(h.client.addOrder(body(overrides as Partial<AddOrderRequest>)))).toBe(code);
    });
  }

  it('accepts numbers sent as strings and a landline instead of a mobile', async () => {
    const loose = {
      ...without('receiver_phone'),
      receiver_tel: '021-5555555',
      cargo_weight: '2.5',
    } as unknown as AddOrderRequest;
    await expect(h.client.addOrder(loose)).resolves.toMatchObject({ deliverFee: 5 });
  });
});

describe('publishing', () => {
  it('returns the price and refuses a duplicate origin_id with 2105', async () => {
    const fee = await h.client.addOrder(body());
    expect(fee).toEqual({ distance: 2605, fee: 5, deliverFee: 5, couponFee: 0, tips: 0, insuranceFee: 0 });
    expect(await codeOf(h.client.addOrder(body()))).toBe(2105);
  });

  it('prices with queryDeliverFee then publishes with addAfterQuery once', async () => {
    const quote = await h.client.queryDeliverFee(body({ tips: 3, is_use_insurance: 1 }));
    expect(quote).toMatchObject({
      deliverFee: 5,
      tips: 3,
      insuranceFee: 0.89,
      deliveryNo: expect.stringMatching(/^Dada/),
    });
    expect(quote.expiredTime).toBe(Math.floor((h.shim.clock.now() + 180_000) / 1000));
    await h.client.addAfterQuery({ deliveryNo: quote.deliveryNo });
    expect(await codeOf(h.client.addAfterQuery({ deliveryNo: quote.deliveryNo }))).toBe(2063);
    expect((await h.client.queryStatus(id)).statusCode).toBe(1);
    expect(await codeOf(h.client.queryDeliverFee(body()))).toBe(2130);
  });

  it('geocodes the address when a fee query has no coordinates', async () => {
    const { receiver_lat: _lat, receiver_lng: _lng, ...rest } = body();
    const first = await h.client.queryDeliverFee(rest);
    const again = await h.client.queryDeliverFee(rest);
    expect(first.distance).toBe(again.distance);
    expect(await codeOf(h.client.queryDeliverFee({ ...rest, receiver_lat: 31.2 }))).toBe(2128);
  });

  it('refuses a deliveryNo after 3 minutes with 2062, an unknown one with 2005, an empty one with 2078', async () => {
    const quote = await h.client.queryDeliverFee(body());
    await h.shim.clock.advance(180_001);
    expect(await codeOf(h.client.addAfterQuery({ deliveryNo: quote.deliveryNo }))).toBe(2062);
    expect(await codeOf(h.client.addAfterQuery({ deliveryNo: 'Dada-unknown' }))).toBe(2005);
    expect(await codeOf(h.client.addAfterQuery({ deliveryNo: '' }))).toBe(2078);
  });

  it('re-publishes only cancelled, expired or returned orders', async () => {
    expect(await codeOf(h.client.reAddOrder(body()))).toBe(2060);
    await h.client.addOrder(body());
    expect(await codeOf(h.client.reAddOrder(body()))).toBe(2061);
    await h.client.simulate.expire(id);
    expect((await h.client.queryStatus(id)).statusCode).toBe(7);
    await h.client.reAddOrder(body({ cargo_weight: 8 }));
    const status = await h.client.queryStatus(id);
    expect(status).toMatchObject({ statusCode: 1, deliveryFee: 6.5 });
  });

  it('publishes a failed creation (1000) again with addOrder', async () => {
    await h.client.addOrder(body());
    const admin = await fetch(`${h.shim.url}/admin/orders/fail-creation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source_id: '73753', order_id: id }),
    });
    expect(admin.status).toBe(200);
    expect((await h.client.queryStatus(id)).statusCode).toBe(1000);
    await h.client.addOrder(body());
    expect((await h.client.queryStatus(id)).statusCode).toBe(1);
  });
});

describe('status query', () => {
  it('refuses an unknown order with 2005 and a missing order_id with 1997', async () => {
    expect(await codeOf(h.client.queryStatus('missing'))).toBe(2005);
    expect(await codeOf(h.client.call('/api/order/status/query', {}))).toBe(1997);
  });

  it('reports fees, times as China time text, and empty times not yet reached', async () => {
    await h.client.addOrder(body({ tips: 2 }));
    const status = await h.client.queryStatus(id);
    expect(status).toMatchObject({
      orderId: id,
      statusMsg: '待接单',
      deliveryFee: 7,
      actualFee: 7,
      tips: 2,
      acceptTime: '',
      transporterLat: '',
    });
    expect(status.createTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  });
});

describe('formalCancel', () => {
  it('lists the documented reasons', async () => {
    const reasons = await h.client.cancelReasons();
    expect(reasons.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 34, 35, 36, 37, 10000]);
  });

  it('checks the reason', async () => {
    await h.client.addOrder(body());
    expect(await codeOf(h.client.call('/api/order/formalCancel', { order_id: id }))).toBe(2048);
    expect(await codeOf(h.client.formalCancel({ order_id: id, cancel_reason_id: 99 }))).toBe(2457);
    expect(await codeOf(h.client.formalCancel({ order_id: id, cancel_reason_id: 10000 }))).toBe(2049);
    expect(await codeOf(h.client.formalCancel({ order_id: 'missing', cancel_reason_id: 1 }))).toBe(2005);
  });

  it('is free before acceptance, then refuses a second cancel with 2076', async () => {
    await h.client.addOrder(body());
    await expect(
      h.client.formalCancel({ order_id: id, cancel_reason_id: 10000, cancel_reason: '不要了' }),
    ).resolves.toEqual({ deduct_fee: 0 });
    expect(await codeOf(h.client.formalCancel({ order_id: id, cancel_reason_id: 4 }))).toBe(2076);
  });

  it('withholds 2 yuan between 1 and 15 minutes after acceptance', async () => {
    await h.client.addOrder(body());
    await h.client.simulate.accept(id);
    await h.shim.clock.advance(5 * 60_000);
    await expect(h.client.formalCancel({ order_id: id, cancel_reason_id: 4 })).resolves.toEqual({
      deduct_fee: 2,
    });
    expect((await h.client.queryStatus(id)).deductFee).toBe(2);
  });

  it('is free within the first minute after acceptance', async () => {
    await h.client.addOrder(body());
    await h.client.simulate.accept(id);
    await h.shim.clock.advance(30_000);
    await expect(h.client.formalCancel({ order_id: id, cancel_reason_id: 36 })).resolves.toEqual({
      deduct_fee: 0,
    });
  });

  it('refuses orders being delivered (2050) or finished (2051) or expired (2052)', async () => {
    await h.client.addOrder(body());
    await h.client.simulate.accept(id);
    await h.client.simulate.fetch(id);
    expect(await codeOf(h.client.formalCancel({ order_id: id, cancel_reason_id: 4 }))).toBe(2050);
    await h.client.simulate.finish(id);
    expect(await codeOf(h.client.formalCancel({ order_id: id, cancel_reason_id: 4 }))).toBe(2051);
    const other = `${id}-x`;
    await h.client.addOrder(orderBody(other, receiver.url));
    await h.client.simulate.expire(other);
    expect(await codeOf(h.client.formalCancel({ order_id: other, cancel_reason_id: 4 }))).toBe(2052);
  });
});

describe('addTip', () => {
  it('raises the tip only upwards, while waiting for a rider', async () => {
    await h.client.addOrder(body({ tips: 1 }));
    expect(await codeOf(h.client.addTip({ order_id: id, tips: 0.5, city_code: '021' }))).toBe(2055);
    expect(await codeOf(h.client.addTip({ order_id: id, tips: 1, city_code: '021' }))).toBe(2057);
    expect(
      await codeOf(h.client.call('/api/order/addTip', { order_id: id, tips: 'lots', city_code: '021' })),
    ).toBe(2054);
    expect(await codeOf(h.client.call('/api/order/addTip', { order_id: id, tips: 3 }))).toBe(2056);
    expect(await codeOf(h.client.addTip({ order_id: id, tips: 500, city_code: '021' }))).toBe(2077);
    await h.client.addTip({ order_id: id, tips: 3, city_code: '021' });
    expect((await h.client.queryStatus(id)).tips).toBe(3);
    await h.client.simulate.accept(id);
    expect(await codeOf(h.client.addTip({ order_id: id, tips: 5, city_code: '021' }))).toBe(2059);
  });
});

describe('test-environment simulations', () => {
  it('needs an accepted order to fetch or finish (2083)', async () => {
    await h.client.addOrder(body());
    expect(await codeOf(h.client.simulate.fetch(id))).toBe(2083);
    expect(await codeOf(h.client.simulate.finish(id))).toBe(2083);
    await h.client.simulate.accept(id);
    expect(await codeOf(h.client.simulate.accept(id))).toBe(2476);
    await h.client.simulate.fetch(id);
    await h.client.simulate.finish(id);
    expect((await h.client.queryStatus(id)).statusCode).toBe(4);
    expect(await codeOf(h.client.simulate.expire(id))).toBe(2089);
  });

  it('cancels as the rider, so the merchant can re-publish', async () => {
    await h.client.addOrder(body());
    await h.client.simulate.accept(id);
    await h.client.simulate.cancel(id);
    expect((await h.client.queryStatus(id)).statusCode).toBe(5);
    await h.client.reAddOrder(body());
  });

  it('confirms returned goods only from status 9 (2082)', async () => {
    await h.client.addOrder(body());
    expect(await codeOf(h.client.confirmGoods(id))).toBe(2082);
  });

  it('are refused in production with 2068', async () => {
    const prod = await startHarness({ environment: 'production' });
    try {
      await prod.client.addOrder(orderBody('P1', receiver.url));
      expect(await codeOf(prod.client.simulate.accept('P1'))).toBe(2068);
    } finally {
      await prod.close();
    }
  });
});
