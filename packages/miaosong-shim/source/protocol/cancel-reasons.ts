// The merchant cancel reasons returned by /api/order/cancel/reasons.

export const CANCEL_REASONS: readonly { readonly id: number; readonly reason: string }[] = [
  { id: 1, reason: '没有配送员接单' },
  { id: 2, reason: '配送员没来取货' },
  { id: 3, reason: '配送员态度太差' },
  { id: 4, reason: '顾客取消订单' },
  { id: 5, reason: '订单填写错误' },
  { id: 34, reason: '配送员让我取消此单' },
  { id: 35, reason: '配送员不愿上门取货' },
  { id: 36, reason: '我不需要配送了' },
  { id: 37, reason: '配送员以各种理由表示无法完成订单' },
  { id: 10000, reason: '其他' },
];

/** The reason id that requires a free-text `cancel_reason`. */
export const OTHER_CANCEL_REASON_ID = 10000;
