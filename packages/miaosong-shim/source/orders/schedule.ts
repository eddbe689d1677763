// What the simulation will do next to an order by itself, given its status and timings.

import { ORDER_STATUS } from '../protocol/statuses.js';
import type { OrderEvent, OrderRow } from '../store/rows.js';
import { travelMs } from './rider.js';
import type { SimulationTimings } from './timings.js';

export interface PlannedEvent {
  readonly event: OrderEvent | null;
  readonly at: number | null;
}

const NONE: PlannedEvent = { event: null, at: null };

export function planNextEvent(order: OrderRow, timings: SimulationTimings): PlannedEvent {
  const auto = timings.autoDispatch;
  switch (order.status) {
    case ORDER_STATUS.WAITING_ACCEPT:
    case ORDER_STATUS.ASSIGNED:
      return auto && timings.acceptAfterMs < timings.expireAfterMs
        ? { event: 'accept', at: order.created_at + timings.acceptAfterMs }
        : { event: 'expire', at: order.created_at + timings.expireAfterMs };
    case ORDER_STATUS.WAITING_PICKUP:
    case ORDER_STATUS.RIDER_AT_SHOP: {
      const accepted = order.accepted_at ?? order.updated_at;
      if (auto && order.status === ORDER_STATUS.WAITING_PICKUP) {
        return { event: 'arrive', at: accepted + timings.arriveAfterMs };
      }
      if (auto) return { event: 'fetch', at: (order.arrived_at ?? order.updated_at) + timings.fetchAfterMs };
      const predictedFetch = accepted + timings.arriveAfterMs + timings.fetchAfterMs;
      return { event: 'pickup-timeout', at: predictedFetch + timings.pickupGraceMs };
    }
    case ORDER_STATUS.DELIVERING:
      return auto
        ? { event: 'finish', at: (order.fetched_at ?? order.updated_at) + travelMs(order, timings) }
        : NONE;
    default:
      return NONE;
  }
}
