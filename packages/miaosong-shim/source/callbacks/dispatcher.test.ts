// Callback delivery: retries with exponential backoff on the simulated clock, in-order per order,
// the admin failure switch, and giving up after the last attempt.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Harness, orderBody, type Receiver, startHarness, startReceiver } from '../testing/harness.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from './dispatcher.js';

let h: Harness;
let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver();
  h = await startHarness({
    timings: { autoDispatch: false },
    callbacks: { maxAttempts: 4, initialDelayMs: 1000 },
  });
});
afterEach(async () => {
  await h.close();
  await receiver.close();
});

async function adminState(): Promise<{ callbacks: Record<string, number> }> {
  const response = await fetch(`${h.shim.url}/admin/state`, {
    headers: { authorization: `Bearer ${h.shim.adminToken}` },
  });
  return (await response.json()) as { callbacks: Record<string, number> };
}

describe('callback retries', () => {
  it('doubles the delay after each failure, capped', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, initialDelayMs: 1000, maxDelayMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(policy, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('retries a failing receiver after 1 s, 2 s, ... and delivers in order once it recovers', async () => {
    receiver.respondWith(500);
    await h.client.addOrder(orderBody('R1', receiver.url));
    await h.client.simulate.accept('R1');
    await h.shim.clock.advance(0);
    expect(receiver.attempts()).toBe(1); // the status-2 callback waits behind status 1

    await h.shim.clock.advance(999);
    expect(receiver.attempts()).toBe(1);
    await h.shim.clock.advance(1);
    expect(receiver.attempts()).toBe(2);
    await h.shim.clock.advance(1999);
    expect(receiver.attempts()).toBe(2);

    receiver.respondWith(200);
    await h.shim.clock.advance(1);
    expect(receiver.attempts()).toBe(4);
    expect(receiver.received.map((c) => c.order_status)).toEqual([1, 2]);
    expect((await adminState()).callbacks).toEqual({ delivered: 2 });
  });

  it('gives up after maxAttempts and marks the callback failed', async () => {
    receiver.respondWith(503);
    await h.client.addOrder(orderBody('R2', receiver.url));
    await h.shim.clock.advance(60_000);
    expect(receiver.attempts()).toBe(4);
    expect((await adminState()).callbacks).toEqual({ failed: 1 });
  });

  it('fails every attempt while the admin switch is on', async () => {
    const toggle = (enabled: boolean) =>
      fetch(`${h.shim.url}/admin/callbacks/failure`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ enabled }),
      });
    expect((await toggle(true)).status).toBe(200);
    await h.client.addOrder(orderBody('R3', receiver.url));
    await h.shim.clock.advance(2000);
    expect(receiver.attempts()).toBe(0);
    await toggle(false);
    await h.shim.clock.advance(4000);
    expect(receiver.received.map((c) => c.order_id)).toEqual(['R3']);
  });

  it('treats an unreachable receiver as a failure', async () => {
    await h.client.addOrder(orderBody('R4', 'http://127.0.0.1:1/callback'));
    await h.shim.clock.advance(0);
    expect((await adminState()).callbacks).toEqual({ pending: 1 });
  });
});
