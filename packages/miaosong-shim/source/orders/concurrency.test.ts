// Many parallel addOrder calls with one origin_id create exactly one order; the rest get 2105.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiaosongApiError } from '../client/errors.js';
import { type Harness, orderBody, type Receiver, startHarness, startReceiver } from '../testing/harness.js';

let h: Harness;
let receiver: Receiver;
beforeAll(async () => {
  receiver = await startReceiver();
  h = await startHarness({ timings: { autoDispatch: false } });
});
afterAll(async () => {
  await h.close();
  await receiver.close();
});

describe('concurrent publishing', () => {
  it('creates one order out of 50 parallel addOrder calls with the same origin_id', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => h.client.addOrder(orderBody('C1', receiver.url))),
    );
    const created = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(49);
    expect(refused.every((e) => e instanceof MiaosongApiError && e.code === 2105)).toBe(true);
    await h.shim.clock.advance(0);
    expect(receiver.received.filter((c) => c.order_id === 'C1')).toHaveLength(1);
  });

  it('lets only one of many parallel addAfterQuery calls use a deliveryNo', async () => {
    const quote = await h.client.queryDeliverFee(orderBody('C2', receiver.url));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () => h.client.addAfterQuery({ deliveryNo: quote.deliveryNo })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });
});
