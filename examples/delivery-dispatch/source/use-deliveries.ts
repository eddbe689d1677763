// The app's deliveries as Preact state: quotes by order, the deliveries the platform knows
// (restored from delivery.list on start, then kept current by status events), and the actions.
import type { App, DeliveryOrder, DeliveryQuote } from '@jingmai/sdk';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { deliveryRequest, type StoreOrder } from './store-orders.js';

/** An action that failed for one order. */
export interface OrderFailure {
  readonly orderId: string;
  readonly message: string;
}

export interface Deliveries {
  readonly quotes: ReadonlyMap<string, DeliveryQuote>;
  readonly deliveries: ReadonlyMap<string, DeliveryOrder>;
  readonly failures: readonly OrderFailure[];
  /** Prices each order; failures are reported per order. */
  quote(orders: readonly StoreOrder[]): Promise<void>;
  /** Publishes each quoted order from its quote. */
  create(orderIds: readonly string[]): Promise<void>;
  /** Cancels a delivery; resolves with the fee kept, in 元. */
  cancel(orderId: string, reason: { id: number; text?: string }): Promise<number>;
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

/** Runs `task` for every item at once and collects the failures with the item's order id. */
async function eachOrder<T>(
  items: readonly T[],
  idOf: (item: T) => string,
  task: (item: T) => Promise<void>,
) {
  const results = await Promise.allSettled(items.map(task));
  return results.flatMap((result, index) =>
    result.status === 'rejected'
      ? [{ orderId: idOf(items[index] as T), message: (result.reason as Error).message }]
      : [],
  );
}

export function useDeliveries(app: App): Deliveries {
  const [quotes, setQuotes] = useState<ReadonlyMap<string, DeliveryQuote>>(new Map());
  const [deliveries, setDeliveries] = useState<ReadonlyMap<string, DeliveryOrder>>(new Map());
  const [failures, setFailures] = useState<readonly OrderFailure[]>([]);

  useEffect(() => {
    const stop = app.delivery.on('status', (order) =>
      setDeliveries((current) => withEntry(current, order.orderId, order)),
    );
    // Deliveries created before this page loaded; a status event that arrived meanwhile is newer.
    (async () => {
      let cursor: string | undefined;
      do {
        const page = await app.delivery.list({ limit: 100, ...(cursor ? { cursor } : {}) });
        setDeliveries((current) => {
          const next = new Map(current);
          for (const order of page.items) if (!next.has(order.orderId)) next.set(order.orderId, order);
          return next;
        });
        cursor = page.cursor ?? undefined;
      } while (cursor);
    })().catch((error: Error) => setFailures([{ orderId: '*', message: error.message }]));
    return stop;
  }, [app]);

  const quote = useCallback(
    async (orders: readonly StoreOrder[]) => {
      setFailures(
        await eachOrder(
          orders,
          (order) => order.id,
          async (order) => {
            const priced = await app.delivery.quote(deliveryRequest(order));
            setQuotes((current) => withEntry(current, order.id, priced));
          },
        ),
      );
    },
    [app],
  );

  const create = useCallback(
    async (orderIds: readonly string[]) => {
      setFailures(
        await eachOrder(
          orderIds,
          (orderId) => orderId,
          async (orderId) => {
            const priced = quotes.get(orderId);
            if (!priced) return;
            const order = await app.delivery.create(priced);
            setDeliveries((current) => withEntry(current, orderId, order));
          },
        ),
      );
    },
    [app, quotes],
  );

  const cancel = useCallback(
    async (orderId: string, reason: { id: number; text?: string }) => {
      const { deductFee } = await app.delivery.cancel(orderId, reason);
      return deductFee;
    },
    [app],
  );

  return { quotes, deliveries, failures, quote, create, cancel };
}
