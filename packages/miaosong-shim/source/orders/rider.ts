// The simulated rider: an identity derived from the waybill number, a start point near the shop, and a
// position interpolated along straight lines (start -> shop -> receiver, and back for returns).

import { createHash } from 'node:crypto';
import { interpolate, type LatLng } from '../fees/distance.js';
import { ORDER_STATUS } from '../protocol/statuses.js';
import type { OrderRow } from '../store/rows.js';
import type { SimulationTimings } from './timings.js';

const RIDER_NAMES = ['测试达达', '王师傅', '李骑士', '张达达', '刘骑手', '陈师傅'];
const METRES_PER_DEGREE = 111_320;

export interface RiderIdentity {
  readonly dm_id: number;
  readonly dm_name: string;
  readonly dm_mobile: string;
  readonly start: LatLng;
}

function seed(text: string): number {
  return createHash('md5').update(text).digest().readUInt32BE(0);
}

/** The same order always gets the same rider, so test runs are repeatable. */
export function riderFor(clientId: string, shop: LatLng): RiderIdentity {
  const h = seed(clientId);
  const bearing = ((h % 360) * Math.PI) / 180;
  const metres = 800 + (h % 1200);
  const start = {
    lat: shop.lat + (metres * Math.cos(bearing)) / METRES_PER_DEGREE,
    lng: shop.lng + (metres * Math.sin(bearing)) / (METRES_PER_DEGREE * Math.cos((shop.lat * Math.PI) / 180)),
  };
  return {
    dm_id: 100_000 + (h % 900_000),
    dm_name: RIDER_NAMES[h % RIDER_NAMES.length]!,
    dm_mobile: `13${String(h % 1_000_000_000).padStart(9, '0')}`,
    start,
  };
}

/** How long the rider needs to ride the order's distance. */
export function travelMs(order: Pick<OrderRow, 'distance'>, timings: SimulationTimings): number {
  return Math.max(60_000, (order.distance / timings.riderSpeedMps) * 1000);
}

/** Where the rider is at `now`, or null when no rider is on the order. */
export function riderPosition(order: OrderRow, now: number, timings: SimulationTimings): LatLng | null {
  const shop = { lat: order.shop_lat, lng: order.shop_lng };
  const receiver = { lat: order.receiver_lat, lng: order.receiver_lng };
  const since = (t: number | null) => Math.max(0, now - (t ?? now));
  switch (order.status) {
    case ORDER_STATUS.WAITING_PICKUP: {
      if (order.rider_start_lat === null || order.rider_start_lng === null) return shop;
      const start = { lat: order.rider_start_lat, lng: order.rider_start_lng };
      return interpolate(start, shop, since(order.accepted_at) / timings.arriveAfterMs);
    }
    case ORDER_STATUS.RIDER_AT_SHOP:
    case ORDER_STATUS.RETURNED:
      return shop;
    case ORDER_STATUS.DELIVERING:
      return interpolate(shop, receiver, since(order.fetched_at) / travelMs(order, timings));
    case ORDER_STATUS.FINISHED:
      return receiver;
    case ORDER_STATUS.RETURNING:
      return interpolate(receiver, shop, since(order.updated_at) / travelMs(order, timings));
    default:
      return null;
  }
}
