// When a merchant may cancel, and what it costs (deduct_fee), per the platform's published rules:
// before acceptance or within 1 min of it: 0; 1-15 min after acceptance: 2 yuan for the rider;
// more than 15 min after acceptance with the rider still not at the shop: 0 (the rider is late).

import { ORDER_STATUS, type OrderStatus } from '../protocol/statuses.js';
import type { OrderRow } from '../store/rows.js';

export const FREE_CANCEL_WINDOW_MS = 60_000;
export const LATE_RIDER_AFTER_MS = 15 * 60_000;
export const RIDER_COMPENSATION_FEN = 200;

const CANCELLABLE: readonly OrderStatus[] = [
  ORDER_STATUS.WAITING_ACCEPT,
  ORDER_STATUS.ASSIGNED,
  ORDER_STATUS.WAITING_PICKUP,
  ORDER_STATUS.RIDER_AT_SHOP,
];

/** The code that refuses a merchant cancel in `status`, or null when it is allowed. */
export function cancelRefusal(status: OrderStatus): number | null {
  if (CANCELLABLE.includes(status)) return null;
  switch (status) {
    case ORDER_STATUS.DELIVERING:
      return 2050;
    case ORDER_STATUS.FINISHED:
      return 2051;
    case ORDER_STATUS.CANCELLED:
      return 2076;
    case ORDER_STATUS.EXPIRED:
      return 2052;
    case ORDER_STATUS.RETURNING:
      return 2458;
    case ORDER_STATUS.RETURNED:
      return 2459;
    default:
      return 2460;
  }
}

/** The fee withheld when the merchant cancels `order` at `now`, in fen. */
export function deductFeeFen(order: Pick<OrderRow, 'status' | 'accepted_at'>, now: number): number {
  if (order.accepted_at === null) return 0;
  const sinceAccept = now - order.accepted_at;
  if (sinceAccept <= FREE_CANCEL_WINDOW_MS) return 0;
  if (sinceAccept <= LATE_RIDER_AFTER_MS) return RIDER_COMPENSATION_FEN;
  return order.status === ORDER_STATUS.RIDER_AT_SHOP ? RIDER_COMPENSATION_FEN : 0;
}
