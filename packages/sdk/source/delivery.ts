// app.delivery: Miaosong (秒送) instant delivery for the shop's orders. The console's platform
// server holds the delivery credentials; the app sees quotes, orders and their status changes.
import type { DeliveryOrder, DeliveryQuote, DeliveryRequest, MethodResult } from '@jingmai/protocol';
import type { BridgeClient } from './bridge/client.js';

/** A cancel reason: an id from `cancelReasons()`, with text when the id is 10000 (other). */
export type CancelReason = number | { readonly id: number; readonly text?: string };

/** The app's deliveries. */
export interface AppDelivery {
  /** Prices a delivery; the quote is valid for 3 minutes. */
  quote(order: DeliveryRequest): Promise<DeliveryQuote>;
  /** Publishes a delivery from a quote, or directly from an order. */
  create(quoteOrOrder: DeliveryQuote | { quoteId: string } | DeliveryRequest): Promise<DeliveryOrder>;
  get(orderId: string): Promise<DeliveryOrder>;
  list(options?: {
    status?: number;
    cursor?: string;
    limit?: number;
  }): Promise<MethodResult<'delivery.list'>>;
  /** Cancels; resolves with the fee kept (元), 0 before a rider accepted. */
  cancel(orderId: string, reason: CancelReason): Promise<{ deductFee: number }>;
  addTip(orderId: string, amount: number): Promise<void>;
  cancelReasons(): Promise<{ id: number; reason: string }[]>;
  /** Status changes of the app's deliveries, with the rider's position when known. */
  on(event: 'status', listener: (order: DeliveryOrder) => void): () => void;
}

/** Builds `app.delivery` over a connected client. */
export function createDelivery(client: BridgeClient): AppDelivery {
  const call = <T>(method: string, params: unknown) => client.call(method, params) as Promise<T>;
  return {
    quote: (order) => call('delivery.quote', order),
    create: (quoteOrOrder) =>
      call(
        'delivery.create',
        'quoteId' in quoteOrOrder ? { quoteId: quoteOrOrder.quoteId } : { order: quoteOrOrder },
      ),
    get: (orderId) => call('delivery.get', { orderId }),
    list: (options = {}) => call('delivery.list', options),
    cancel: (orderId, reason) => {
      const { id, text } = typeof reason === 'number' ? { id: reason, text: undefined } : reason;
      return call('delivery.cancel', { orderId, reasonId: id, ...(text ? { reason: text } : {}) });
    },
    addTip: (orderId, amount) => call('delivery.addTip', { orderId, amount }),
    cancelReasons: async () =>
      (await call<{ reasons: { id: number; reason: string }[] }>('delivery.cancelReasons', {})).reasons,
    on: (_event, listener) => client.on('delivery.status', listener),
  };
}
