// The whole order lifecycle under a stepped clock, observed through signed callbacks on a local receiver.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseStatusCallback } from '../client/callback.js';
import { DEFAULT_TIMINGS } from '../orders/timings.js';
import { type Harness, orderBody, type Receiver, startHarness, startReceiver } from '../testing/harness.js';

let h: Harness;
let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
  await receiver.close();
});

const statuses = () => receiver.received.map((c) => c.order_status);

describe('automatic lifecycle', () => {
  it('runs 1 -> 2 -> 100 -> 3 -> 4 with a signed callback per change and a moving rider', async () => {
    await h.client.addOrder(orderBody('L1', receiver.url, { is_finish_code_needed: 1 }));
    await h.shim.clock.advance(0);
    expect(statuses()).toEqual([1]);

    await h.shim.clock.advance(DEFAULT_TIMINGS.acceptAfterMs);
    expect(statuses()).toEqual([1, 2]);
    const accepted = await h.client.queryStatus('L1');
    expect(accepted.transporterName).not.toBe('');
    const startLat = Number(accepted.transporterLat);

    await h.shim.clock.advance(DEFAULT_TIMINGS.arriveAfterMs / 2);
    const halfway = await h.client.queryStatus('L1');
    expect(Number(halfway.transporterLat)).not.toBe(startLat);

    await h.shim.clock.advance(DEFAULT_TIMINGS.arriveAfterMs / 2 + DEFAULT_TIMINGS.fetchAfterMs);
    expect(statuses()).toEqual([1, 2, 100, 3]);
    const picked = await h.client.queryStatus('L1');
    expect(Number(picked.transporterLat)).toBeCloseTo(31.2304, 4);
    expect(picked.fetchTime).not.toBe('');

    // 2605 m at 5 m/s = 521 s; halfway the rider is between shop and receiver.
    await h.shim.clock.advance(260_500);
    const riding = await h.client.queryStatus('L1');
    expect(Number(riding.transporterLng)).toBeCloseTo((121.4737 + 121.4463) / 2, 3);

    await h.shim.clock.advance(260_500);
    expect(statuses()).toEqual([1, 2, 100, 3, 4]);
    const done = await h.client.queryStatus('L1');
    expect(done).toMatchObject({ statusCode: 4, transporterLat: '31.230300', transporterLng: '121.446300' });

    for (const callback of receiver.received) {
      expect(parseStatusCallback(JSON.stringify(callback))).toEqual(callback);
      expect(callback).toMatchObject({ order_id: 'L1', cancel_reason: '', cancel_from: 0 });
      expect(callback.finish_code).toMatch(/^\d{6}$/);
    }
    const [created, accept] = receiver.received;
    expect(created?.dm_id).toBeUndefined();
    expect(accept).toMatchObject({
      dm_name: expect.any(String),
      dm_mobile: expect.stringMatching(/^13\d{9}$/),
    });
    expect(accept?.update_time).toBe(Math.floor((Date.UTC(2026, 10, 2, 2, 0, 0) + 30_000) / 1000));
  });

  it('expires an order nobody accepts (7) when riders only move on request', async () => {
    await h.close();
    h = await startHarness({ timings: { autoDispatch: false, expireAfterMs: 600_000 } });
    await h.client.addOrder(orderBody('L2', receiver.url));
    await h.shim.clock.advance(600_000);
    expect(statuses()).toEqual([1, 7]);
  });

  it('cancels as the system (cancel_from 3) when an accepted order is never picked up', async () => {
    await h.close();
    h = await startHarness({ timings: { autoDispatch: false } });
    await h.client.addOrder(orderBody('L3', receiver.url));
    await h.client.simulate.accept('L3');
    const t = DEFAULT_TIMINGS;
    await h.shim.clock.advance(t.arriveAfterMs + t.fetchAfterMs + t.pickupGraceMs);
    expect(statuses()).toEqual([1, 2, 5]);
    expect(receiver.received[2]).toMatchObject({
      cancel_from: 3,
      cancel_reason: expect.stringContaining('超时'),
    });
  });

  it('reports a merchant cancel with cancel_from 2 and the reason text', async () => {
    await h.client.addOrder(orderBody('L4', receiver.url));
    await h.client.formalCancel({ order_id: 'L4', cancel_reason_id: 4 });
    await h.shim.clock.advance(0);
    expect(receiver.received[1]).toMatchObject({
      order_status: 5,
      cancel_from: 2,
      cancel_reason: '顾客取消订单',
    });
  });

  it('runs the return flow 3 -> 9 -> 10 with confirm/goods', async () => {
    await h.client.addOrder(orderBody('L5', receiver.url));
    await h.client.simulate.accept('L5');
    await h.client.simulate.fetch('L5');
    const response = await fetch(`${h.shim.url}/admin/orders/exception`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source_id: '73753', order_id: 'L5' }),
    });
    expect(response.status).toBe(200);
    await h.client.confirmGoods('L5');
    await h.shim.clock.advance(0);
    expect(statuses()).toEqual([1, 2, 3, 9, 10]);
  });

  it('sends the creation failure (1000) with update_time in milliseconds', async () => {
    await h.client.addOrder(orderBody('L6', receiver.url));
    await fetch(`${h.shim.url}/admin/orders/fail-creation`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ source_id: '73753', order_id: 'L6' }),
    });
    await h.shim.clock.advance(0);
    const failure = receiver.received.find((c) => c.order_status === 1000);
    expect(failure?.update_time).toBe(h.shim.clock.now());
    expect(parseStatusCallback(failure)).toBeTruthy();
  });

  it('advances over the admin endpoint too', async () => {
    await h.client.addOrder(orderBody('L7', receiver.url));
    const response = await fetch(`${h.shim.url}/admin/clock/advance`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ms: 60_000 }),
    });
    expect(await response.json()).toMatchObject({ clock: { now: Date.UTC(2026, 10, 2, 2, 1, 0) } });
    expect(statuses()).toEqual([1, 2]);
  });

  it('runs by itself on an accelerated clock', async () => {
    await h.close();
    h = await startHarness({ clock: { speed: 1000 } });
    await h.client.addOrder(orderBody('L8', receiver.url));
    // 30 s to accept, 5 min to the shop, 2 min to pick up, ~9 min to ride: about 1 s of wall time at 1000x.
    const deadline = Date.now() + 5000;
    while (!statuses().includes(4) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(statuses()).toEqual([1, 2, 100, 3, 4]);
  });
});
