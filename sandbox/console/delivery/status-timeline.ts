// An order's timeline as the console received it: one entry per status change pushed by the
// platform server (repeated pushes of the same status, e.g. rider moves, update that entry).
import type { DeliveryOrder } from '@jingmai/protocol';

/** One status the console was told about. */
export interface StatusEvent {
  readonly status: number;
  readonly statusText: string;
  readonly receivedAt: number;
  readonly order: DeliveryOrder;
}

/** The timeline with `order` added. */
export function appendStatus(
  timeline: readonly StatusEvent[],
  order: DeliveryOrder,
  receivedAt: number,
): readonly StatusEvent[] {
  const last = timeline.at(-1);
  const event = { status: order.status, statusText: order.statusText, receivedAt, order };
  if (last && last.status === order.status)
    return [...timeline.slice(0, -1), { ...event, receivedAt: last.receivedAt }];
  return [...timeline, event];
}

/** The latest known state of an order: the newest of the pushed and the fetched snapshots. */
export function latestOrder(fetched: DeliveryOrder, timeline: readonly StatusEvent[]): DeliveryOrder {
  const pushed = timeline.at(-1)?.order;
  return pushed && pushed.updatedAt > fetched.updatedAt ? pushed : fetched;
}
