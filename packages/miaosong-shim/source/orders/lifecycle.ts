// Status changes. Every change updates the order, appends to its timeline and queues its signed callback,
// all inside the caller's transaction, so a crash never leaves a change without its callback or vice versa.

import { buildCallback } from '../callbacks/payload.js';
import { CANCEL_FROM, type CancelFrom, ORDER_STATUS, type OrderStatus } from '../protocol/statuses.js';
import type { OrderRow } from '../store/rows.js';
import type { Store } from '../store/sqlite.js';
import { riderFor } from './rider.js';
import { planNextEvent } from './schedule.js';
import type { SimulationTimings } from './timings.js';

/** Which status may follow which. Creation (-> 1) and re-publication are handled by the order service. */
const TRANSITIONS: Readonly<Partial<Record<OrderStatus, readonly OrderStatus[]>>> = {
  1: [2, 5, 7, 1000],
  8: [2, 5, 7],
  2: [100, 3, 5],
  100: [3, 5],
  3: [4, 5, 9],
  9: [10],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from]?.includes(to) ?? false;
}

export interface StatusChange {
  readonly cancelFrom?: CancelFrom;
  readonly cancelReason?: string;
  readonly deductFeeFen?: number;
}

export interface LifecycleDeps {
  readonly store: Store;
  readonly timings: SimulationTimings;
  /** Told the time of every order event planned, so a sleeping clock can wake up for it. */
  readonly onScheduled: (at: number) => void;
}

/** Appends the order's current status to its timeline, with its callback queued for delivery. */
export function recordStatus(deps: LifecycleDeps, order: OrderRow, at: number): void {
  deps.store.insertStatusChange({
    order_id: order.id,
    status: order.status,
    client_id: order.client_id,
    at,
    cancel_from: order.cancel_from,
    cancel_reason: order.cancel_reason,
    callback_url: order.callback_url,
    payload: JSON.stringify(buildCallback(order, at)),
    next_attempt_at: at,
  });
}

/** Moves `order` to `status` at `at`; the caller has checked {@link canTransition}. */
export function changeStatus(
  deps: LifecycleDeps,
  order: OrderRow,
  status: OrderStatus,
  at: number,
  change: StatusChange = {},
): OrderRow {
  const next: OrderRow = { ...order, status, updated_at: at };
  switch (status) {
    case ORDER_STATUS.WAITING_PICKUP: {
      const rider = riderFor(order.client_id, { lat: order.shop_lat, lng: order.shop_lng });
      next.accepted_at = at;
      next.dm_id = rider.dm_id;
      next.dm_name = rider.dm_name;
      next.dm_mobile = rider.dm_mobile;
      next.rider_start_lat = rider.start.lat;
      next.rider_start_lng = rider.start.lng;
      break;
    }
    case ORDER_STATUS.RIDER_AT_SHOP:
      next.arrived_at = at;
      break;
    case ORDER_STATUS.DELIVERING:
      next.fetched_at = at;
      break;
    case ORDER_STATUS.FINISHED:
      next.finished_at = at;
      break;
    case ORDER_STATUS.CANCELLED:
      next.cancelled_at = at;
      next.cancel_from = change.cancelFrom ?? CANCEL_FROM.SYSTEM;
      next.cancel_reason = change.cancelReason ?? '';
      next.deduct_fee_fen = change.deductFeeFen ?? 0;
      break;
    default:
      break;
  }
  const planned = planNextEvent(next, deps.timings);
  next.next_event = planned.event;
  next.next_event_at = planned.at;
  deps.store.updateOrder(next);
  if (planned.at !== null) deps.onScheduled(planned.at);
  recordStatus(deps, next, at);
  return next;
}
