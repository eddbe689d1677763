// Request and response payloads of each endpoint, as they travel inside the envelope's `body` and `result`.

import type { CancelFrom, OrderStatus } from './statuses.js';

/** One line of `product_list`. */
export interface ProductLine {
  sku_name: string;
  src_product_no: string;
  count: number;
  unit?: string;
}

/** The body of addOrder, reAddOrder and queryDeliverFee (on queryDeliverFee the coordinates are optional). */
export interface AddOrderRequest {
  shop_no: string;
  origin_id: string;
  city_code: string;
  /** Goods value in yuan. */
  cargo_price: number;
  /** 1 when the rider advances the goods value. */
  is_prepay: 0 | 1;
  receiver_name: string;
  receiver_address: string;
  receiver_lat: number;
  receiver_lng: number;
  /** Status callback URL for this order. */
  callback: string;
  /** Kilograms, greater than 0. */
  cargo_weight: number;
  receiver_phone?: string;
  receiver_tel?: string;
  tips?: number;
  info?: string;
  cargo_type?: number;
  cargo_num?: number;
  invoice_title?: string;
  origin_mark?: string;
  origin_mark_no?: string;
  is_use_insurance?: 0 | 1;
  is_finish_code_needed?: 0 | 1;
  delay_publish_time?: number;
  is_expect_finish_order?: 0 | 1;
  expect_finish_time_limit?: number;
  is_direct_delivery?: 0 | 1;
  product_list?: ProductLine[];
  pick_up_pos?: string;
  fetch_code?: string;
}

/** The body of queryDeliverFee: addOrder's, with the receiver's coordinates optional. */
export type QueryDeliverFeeRequest = Omit<AddOrderRequest, 'receiver_lat' | 'receiver_lng'> &
  Partial<Pick<AddOrderRequest, 'receiver_lat' | 'receiver_lng'>>;

/** Prices in yuan, distance in metres. */
export interface FeeResult {
  distance: number;
  fee: number;
  deliverFee: number;
  couponFee: number;
  tips: number;
  insuranceFee: number;
}

/** The result of queryDeliverFee: a price and the deliveryNo that publishes it within 3 minutes. */
export interface QueryDeliverFeeResult extends FeeResult {
  deliveryNo: string;
  /** Unix seconds after which the deliveryNo is refused (2062). */
  expiredTime: number;
}

export interface AddAfterQueryRequest {
  deliveryNo: string;
  enableReset?: boolean;
  info?: string;
}

export interface OrderIdRequest {
  order_id: string;
}

/** The result of status/query. Times are `yyyy-MM-dd HH:mm:ss` (China time), empty until reached. */
export interface OrderStatusResult {
  orderId: string;
  statusCode: OrderStatus;
  statusMsg: string;
  transporterName: string;
  transporterPhone: string;
  transporterLng: string;
  transporterLat: string;
  deliveryFee: number;
  tips: number;
  couponFee: number;
  insuranceFee: number;
  actualFee: number;
  distance: number;
  createTime: string;
  acceptTime: string;
  fetchTime: string;
  finishTime: string;
  cancelTime: string;
  orderFinishCode: string;
  deductFee: number;
}

export interface FormalCancelRequest {
  order_id: string;
  cancel_reason_id: number;
  cancel_reason?: string;
}

export interface FormalCancelResult {
  /** Yuan withheld for the rider. */
  deduct_fee: number;
}

export interface CancelReason {
  id: number;
  reason: string;
}

export interface AddTipRequest {
  order_id: string;
  /** The order's new total tip in yuan; must exceed the previous one. */
  tips: number;
  city_code: string;
  info?: string;
}

export interface CityCode {
  cityName: string;
  cityCode: string;
}

/** The JSON body POSTed to an order's callback URL on every status change. */
export interface StatusCallback {
  client_id: string;
  order_id: string;
  order_status: OrderStatus;
  cancel_reason: string;
  cancel_from: CancelFrom;
  /** Unix seconds; milliseconds for status 1000. */
  update_time: number;
  signature: string;
  dm_id?: number;
  dm_name?: string;
  dm_mobile?: string;
  finish_code?: string;
  repeat_reason_type?: 1 | 2;
}

/** Endpoint paths. */
export const PATHS = {
  queryDeliverFee: '/api/order/queryDeliverFee',
  addAfterQuery: '/api/order/addAfterQuery',
  addOrder: '/api/order/addOrder',
  reAddOrder: '/api/order/reAddOrder',
  statusQuery: '/api/order/status/query',
  formalCancel: '/api/order/formalCancel',
  cancelReasons: '/api/order/cancel/reasons',
  addTip: '/api/order/addTip',
  confirmGoods: '/api/order/confirm/goods',
  cityCodeList: '/api/cityCode/list',
  simulateAccept: '/api/order/accept',
  simulateFetch: '/api/order/fetch',
  simulateFinish: '/api/order/finish',
  simulateCancel: '/api/order/cancel',
  simulateExpire: '/api/order/expire',
} as const;

/** One of {@link PATHS}. */
export type ApiPath = (typeof PATHS)[keyof typeof PATHS];
