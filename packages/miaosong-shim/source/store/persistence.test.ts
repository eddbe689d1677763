// A restart on the same data dir keeps orders, timelines, pending callbacks and the manual clock.
// Callbacks are committed before they are sent and handed to the dispatcher only in memory: a process that
// stops between the commit and the send leaves them pending, and the next start must find and send them,
// in order, ahead of anything the order commits later (which the dispatcher is handed in memory).

import { afterEach, describe, expect, it } from 'vitest';
import { changeStatus } from '../orders/lifecycle.js';
import { DEFAULT_TIMINGS } from '../orders/timings.js';
import { ORDER_STATUS } from '../protocol/statuses.js';
import {
  type Harness,
  orderBody,
  type Receiver,
  startHarness,
  startReceiver,
  tempDataDir,
} from '../testing/harness.js';
import { createStore } from './sqlite.js';

let receiver: Receiver;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await receiver.close();
});

describe('restart persistence', () => {
  it('keeps orders, timelines and pending callbacks, and delivers those after the restart', async () => {
    receiver = await startReceiver();
    const { dir, remove } = tempDataDir();
    try {
      h = await startHarness({}, dir);
      receiver.respondWith(500);
      await h.client.addOrder(orderBody('P1', receiver.url));
      await h.shim.clock.advance(30_000); // accepted; both callbacks still pending
      const before = await h.client.queryStatus('P1');
      const clockBefore = h.shim.clock.now();
      await h.close();

      receiver.respondWith(200);
      h = await startHarness({}, dir);
      expect(h.shim.clock.now()).toBe(clockBefore);
      expect(await h.client.queryStatus('P1')).toEqual(before);
      await h.shim.clock.advance(5 * 60_000); // the rider reaches the shop
      expect(receiver.received.map((c) => c.order_status)).toEqual([1, 2, 100]);

      const admin = await fetch(`${h.shim.url}/admin/orders?source_id=73753&order_id=P1`, {
        headers: { authorization: `Bearer ${h.shim.adminToken}` },
      });
      const detail = (await admin.json()) as {
        timeline: { status: number; delivery: string; attempts: number }[];
      };
      expect(detail.timeline.map((t) => t.status)).toEqual([1, 2, 100]);
      expect(detail.timeline.every((t) => t.delivery === 'delivered')).toBe(true);
      expect(detail.timeline[0]!.attempts).toBeGreaterThan(1);

      // The duplicate check survives the restart too.
      await expect(h.client.addOrder(orderBody('P1', receiver.url))).rejects.toMatchObject({ code: 2105 });
    } finally {
      await h?.close();
      h = undefined;
      remove();
    }
  });

  it('keeps every answered order of a burst of concurrent addOrder calls committed together', async () => {
    receiver = await startReceiver();
    const { dir, remove } = tempDataDir();
    try {
      h = await startHarness({ timings: { autoDispatch: false } }, dir);
      const ids = Array.from({ length: 40 }, (_, i) => `B${i}`);
      // One duplicate inside the burst: it gets its own 2105 and does not take the others down with it.
      const outcomes = await Promise.allSettled(
        [...ids, 'B7'].map((id) => h!.client.addOrder(orderBody(id, receiver.url))),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(ids.length);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => o.reason)).toMatchObject([
        { code: 2105 },
      ]);
      await h.close();

      h = await startHarness({ timings: { autoDispatch: false } }, dir);
      const statuses = await Promise.all(ids.map((id) => h!.client.queryStatus(id)));
      expect(statuses.map((s) => s.statusCode)).toEqual(ids.map(() => 1));
    } finally {
      await h?.close();
      h = undefined;
      remove();
    }
  });
});

describe('restart recovery of callbacks never sent', () => {
  it('sends the pending callbacks after a restart, then the ones committed since, in order', async () => {
    receiver = await startReceiver();
    const { dir, remove } = tempDataDir();
    try {
      h = await startHarness({ timings: { autoDispatch: false } }, dir);
      await h.client.addOrder(orderBody('C1', receiver.url));
      await h.client.simulate.accept('C1');
      await h.shim.clock.advance(0);
      const now = h.shim.clock.now();
      await h.close();
      h = undefined;
      expect(receiver.received.map((c) => c.order_status)).toEqual([1, 2]);

      // Two changes committed by a process that stopped before it sent their callbacks; the first of them
      // had one failed attempt and waits for its retry, so the scan at start does not find it yet.
      const store = createStore(dir);
      const lifecycle = { store, timings: DEFAULT_TIMINGS, onScheduled: () => {} };
      store.transaction(() => {
        const order = store.getOrder('73753', 'C1')!;
        const fetched = changeStatus(lifecycle, order, ORDER_STATUS.DELIVERING, now);
        changeStatus(lifecycle, fetched, ORDER_STATUS.RETURNING, now);
        const [, , retried] = store.statusChangesOf(order.id);
        store.recordOutcomes([
          {
            id: retried!.id,
            attemptsBefore: 0,
            delivery: 'pending',
            at: now,
            nextAttemptAt: now + 1000,
            error: 'HTTP 500',
          },
        ]);
      });
      store.close();

      h = await startHarness({ timings: { autoDispatch: false } }, dir);
      await h.client.confirmGoods('C1'); // committed after the restart: must wait behind 3 and 9
      await h.shim.clock.advance(0);
      expect(receiver.received.map((c) => c.order_status)).toEqual([1, 2]);
      await h.shim.clock.advance(1000);
      expect(receiver.received.map((c) => c.order_status)).toEqual([1, 2, 3, 9, 10]);
    } finally {
      await h?.close();
      h = undefined;
      remove();
    }
  });
});
