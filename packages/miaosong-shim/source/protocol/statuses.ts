// Order status codes and who cancelled, as the platform numbers them.

export const ORDER_STATUS = {
  WAITING_ACCEPT: 1,
  WAITING_PICKUP: 2,
  DELIVERING: 3,
  FINISHED: 4,
  CANCELLED: 5,
  EXPIRED: 7,
  ASSIGNED: 8,
  RETURNING: 9,
  RETURNED: 10,
  RIDER_AT_SHOP: 100,
  CREATE_FAILED: 1000,
} as const;

/** One of {@link ORDER_STATUS}. */
export type OrderStatus = (typeof ORDER_STATUS)[keyof typeof ORDER_STATUS];

export const ORDER_STATUS_MESSAGES: Readonly<Record<OrderStatus, string>> = {
  1: '待接单',
  2: '待取货',
  3: '配送中',
  4: '已完成',
  5: '已取消',
  7: '已过期',
  8: '指派单',
  9: '妥投异常之物品返回中',
  10: '妥投异常之物品返回完成',
  100: '骑士到店',
  1000: '创建达达运单失败',
};

/** `cancel_from` in callbacks: 1 rider, 2 merchant, 3 system or customer service, 0 not cancelled. */
export const CANCEL_FROM = { NONE: 0, RIDER: 1, MERCHANT: 2, SYSTEM: 3 } as const;

/** One of {@link CANCEL_FROM}. */
export type CancelFrom = (typeof CANCEL_FROM)[keyof typeof CANCEL_FROM];

/** Statuses from which reAddOrder / addAfterQuery may publish the same origin_id again. */
export const REPUBLISHABLE_STATUSES: readonly OrderStatus[] = [
  ORDER_STATUS.CANCELLED,
  ORDER_STATUS.EXPIRED,
  ORDER_STATUS.RETURNED,
];
