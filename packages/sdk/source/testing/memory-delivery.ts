// In-memory deliveries for the mock host: quotes, orders, cancels and tips with the open
// platform's rules an app's tests rely on (quote validity, cancellable states, the 2 元 fee once a
// rider accepted, rising tips). Status moves only when the test says so, with setDeliveryStatus.
import { type DeliveryOrder, type DeliveryRequest, JingmaiError } from '@jingmai/protocol';
import type { MockHandlers } from './index.js';

type DeliveryHandlers = Required<
  Pick<
    MockHandlers,
    | 'delivery.quote'
    | 'delivery.create'
    | 'delivery.get'
    | 'delivery.list'
    | 'delivery.cancel'
    | 'delivery.addTip'
    | 'delivery.cancelReasons'
  >
>;

const STATUS_TEXT: Record<number, string> = {
  1: '待接单',
  2: '待取货',
  100: '骑士到店',
  3: '配送中',
  4: '已完成',
  5: '已取消',
  7: '已过期',
};
const REASONS = [
  { id: 1, reason: '没有配送员接单' },
  { id: 4, reason: '顾客取消订单' },
  { id: 36, reason: '我不需要配送了' },
  { id: 10000, reason: '其他' },
];
const QUOTE_SECONDS = 180;

/** A deterministic fee: 5 元 base, plus 1 元 per kg over 5. */
function feeOf(request: DeliveryRequest): number {
  return 5 + Math.max(0, Math.ceil(request.cargo.weight - 5));
}

/** Delivery handlers over a Map, and a way for tests to move orders along. */
export function memoryDelivery(emit: (order: DeliveryOrder) => void) {
  const orders = new Map<string, DeliveryOrder>();
  const quotes = new Map<string, { request: DeliveryRequest; expiresAt: number }>();
  let quoteCount = 0;

  const find = (orderId: string) => {
    const order = orders.get(orderId);
    if (!order) throw new JingmaiError('NOT_FOUND', 'No such delivery order.');
    return order;
  };
  const update = (order: DeliveryOrder, patch: Partial<DeliveryOrder>) => {
    const next = { ...order, ...patch, updatedAt: new Date().toISOString() };
    orders.set(next.orderId, next);
    emit(next);
    return next;
  };
  const publish = (request: DeliveryRequest) => {
    if (orders.has(request.orderId))
      throw new JingmaiError('CONFLICT', 'The order was already published.', {
        details: { miaosongCode: 2105 },
      });
    const now = new Date().toISOString();
    const order: DeliveryOrder = {
      orderId: request.orderId,
      status: 1,
      statusText: STATUS_TEXT[1] as string,
      fee: feeOf(request),
      distance: 1000,
      tips: 0,
      rider: null,
      deductFee: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
    };
    orders.set(order.orderId, order);
    emit(order);
    return order;
  };

  const handlers: DeliveryHandlers = {
    'delivery.quote': (request) => {
      quoteCount += 1;
      const quoteId = `mock-quote-${quoteCount}`;
      const expiresAt = Math.floor(Date.now() / 1000) + QUOTE_SECONDS;
      quotes.set(quoteId, { request, expiresAt });
      return {
        quoteId,
        orderId: request.orderId,
        fee: feeOf(request),
        deliverFee: feeOf(request),
        distance: 1000,
        expiresAt,
      };
    },
    'delivery.create': (request) => {
      if ('order' in request) return publish(request.order);
      const quote = quotes.get(request.quoteId);
      if (!quote) throw new JingmaiError('NOT_FOUND', 'No such quote.');
      quotes.delete(request.quoteId);
      if (quote.expiresAt < Date.now() / 1000)
        throw new JingmaiError('CONFLICT', 'The quote expired.', { details: { miaosongCode: 2062 } });
      return publish(quote.request);
    },
    'delivery.get': ({ orderId }) => find(orderId),
    'delivery.list': ({ status, cursor, limit = 20 }) => {
      const all = [...orders.values()]
        .reverse()
        .filter((order) => status === undefined || order.status === status);
      const start = cursor ? all.findIndex((order) => order.orderId === cursor) + 1 : 0;
      const page = all.slice(start, start + limit);
      return { items: page, cursor: start + limit < all.length ? (page.at(-1)?.orderId ?? null) : null };
    },
    'delivery.cancel': ({ orderId, reasonId, reason }) => {
      const order = find(orderId);
      if (![1, 2, 100].includes(order.status))
        throw new JingmaiError('CONFLICT', 'The order can no longer be cancelled.', {
          details: { miaosongCode: 2460 },
        });
      if (reasonId === 10000 && !reason)
        throw new JingmaiError('INVALID_ARGUMENT', 'Reason 10000 needs a text.', {
          details: { miaosongCode: 2049 },
        });
      const deductFee = order.status === 1 ? 0 : 2;
      update(order, {
        status: 5,
        statusText: STATUS_TEXT[5] as string,
        deductFee,
        cancelReason: reason ?? REASONS.find((r) => r.id === reasonId)?.reason ?? null,
      });
      return { deductFee };
    },
    'delivery.addTip': ({ orderId, amount }) => {
      const order = find(orderId);
      if (order.status !== 1)
        throw new JingmaiError('CONFLICT', 'Tips only while waiting for a rider.', {
          details: { miaosongCode: 2055 },
        });
      if (amount <= order.tips)
        throw new JingmaiError('CONFLICT', 'A tip must exceed the last one.', {
          details: { miaosongCode: 2057 },
        });
      update(order, { tips: amount });
    },
    'delivery.cancelReasons': () => ({ reasons: REASONS }),
  };

  /** Moves an order to `status` (and a rider, when given) and sends the status event. */
  function setStatus(orderId: string, status: number, rider?: DeliveryOrder['rider']) {
    update(find(orderId), {
      status,
      statusText: STATUS_TEXT[status] ?? String(status),
      ...(rider !== undefined ? { rider } : {}),
    });
  }

  return { handlers, orders, setStatus };
}
