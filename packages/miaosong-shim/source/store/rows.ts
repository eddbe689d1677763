// Row shapes as stored. Money is in fen, times are simulated epoch milliseconds.

import type { CancelFrom, OrderStatus } from '../protocol/statuses.js';

export interface MerchantRow {
  source_id: string;
  name: string;
}

export interface AppRow {
  app_key: string;
  app_secret: string;
  source_id: string;
}

export interface ShopRow {
  source_id: string;
  shop_no: string;
  name: string;
  city_code: string;
  address: string;
  phone: string;
  lat: number;
  lng: number;
}

export interface QuoteRow {
  delivery_no: string;
  source_id: string;
  origin_id: string;
  request: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

/** What the simulation does next to an order on its own, and when. */
export type OrderEvent = 'accept' | 'arrive' | 'fetch' | 'finish' | 'expire' | 'pickup-timeout';

export interface OrderRow {
  id: number;
  source_id: string;
  origin_id: string;
  client_id: string;
  shop_no: string;
  city_code: string;
  status: OrderStatus;
  request: string;
  callback_url: string;
  shop_lat: number;
  shop_lng: number;
  receiver_lat: number;
  receiver_lng: number;
  distance: number;
  cargo_price_fen: number;
  deliver_fee_fen: number;
  coupon_fee_fen: number;
  insurance_fee_fen: number;
  tips_fen: number;
  deduct_fee_fen: number;
  finish_code: string;
  created_at: number;
  updated_at: number;
  accepted_at: number | null;
  arrived_at: number | null;
  fetched_at: number | null;
  finished_at: number | null;
  cancelled_at: number | null;
  cancel_from: CancelFrom;
  cancel_reason: string;
  dm_id: number | null;
  dm_name: string | null;
  dm_mobile: string | null;
  rider_start_lat: number | null;
  rider_start_lng: number | null;
  next_event: OrderEvent | null;
  next_event_at: number | null;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** One status change of an order (its timeline entry) and the delivery of its callback. */
export interface StatusChangeRow {
  id: number;
  order_id: number;
  status: OrderStatus;
  client_id: string;
  at: number;
  cancel_from: CancelFrom;
  cancel_reason: string;
  callback_url: string;
  /** The callback body as sent. */
  payload: string;
  delivery: DeliveryState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  delivered_at: number | null;
}

/** What the dispatcher needs of a callback to send it and record the outcome. */
export type PendingCallback = Pick<
  StatusChangeRow,
  'id' | 'order_id' | 'callback_url' | 'payload' | 'attempts' | 'next_attempt_at'
>;

/** The columns written when a change is recorded; delivery starts pending with no attempts. */
export type NewStatusChange = Omit<
  StatusChangeRow,
  'id' | 'delivery' | 'attempts' | 'last_error' | 'delivered_at'
>;

/** The outcome of one callback attempt, applied in batches. */
export interface DeliveryOutcome {
  readonly id: number;
  readonly attemptsBefore: number;
  readonly delivery: DeliveryState;
  readonly at: number;
  readonly nextAttemptAt: number;
  readonly error: string | null;
}
