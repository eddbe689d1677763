// Callbacks are committed before they are sent and handed to the dispatcher only in memory: a process that
// stops between the commit and the send leaves them pending, and the next start must find and send them,
// in order, ahead of anything the order commits later (which the dispatcher is handed in memory).

import { afterEach, describe, expect, it } from 'vitest';
import { changeStatus } from '../orders/lifecycle.js';
import { DEFAULT_TIMINGS } from '../orders/timings.js';
import { ORDER_STATUS } from '../protocol/statuses.js';
import { createStore } from '../store/sqlite.js';
import {
  type Harness,
  orderBody,
  type Receiver,
  startHarness,
  startReceiver,
  tempDataDir,
} from '../testing/harness.js';

let receiver: Receiver;
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  await receiver.close();
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
