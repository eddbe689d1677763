// The app's words: Chinese first, English when the console's locale is English.

export interface Messages {
  readonly title: string;
  readonly caption: string;
  readonly select: (id: string) => string;
  readonly order: string;
  readonly receiver: string;
  readonly items: string;
  readonly fee: string;
  readonly status: string;
  readonly notDispatched: string;
  readonly quote: (count: number) => string;
  readonly create: (count: number) => string;
  readonly track: string;
  readonly yuan: (amount: number) => string;
  readonly quoteExpires: (time: string) => string;
  readonly rider: string;
  readonly noRider: string;
  readonly shop: string;
  readonly map: (status: string) => string;
  readonly cancelReason: string;
  readonly cancelText: string;
  readonly cancel: string;
  readonly confirmCancel: (id: string) => string;
  readonly cancelled: (fee: string) => string;
  readonly failed: (id: string, message: string) => string;
  readonly noOrders: string;
  readonly noOrdersHint: string;
}

const zh: Messages = {
  title: '秒送派单',
  caption: '待配送的门店订单',
  select: (id) => `选择订单 ${id}`,
  order: '订单',
  receiver: '收货人',
  items: '商品',
  fee: '运费',
  status: '配送状态',
  notDispatched: '未发单',
  quote: (count) => `询价（${count}）`,
  create: (count) => `发单（${count}）`,
  track: '跟踪',
  yuan: (amount) => `¥${amount.toFixed(2)}`,
  quoteExpires: (time) => `报价 ${time} 前有效`,
  rider: '骑士',
  noRider: '等待骑士接单',
  shop: '门店',
  map: (status) => `配送地图：门店到收货地址，${status}`,
  cancelReason: '取消原因',
  cancelText: '补充说明',
  cancel: '取消配送',
  confirmCancel: (id) => `确定取消订单 ${id} 的配送吗？骑士接单后取消会扣除违约金。`,
  cancelled: (fee) => `已取消，扣除违约金 ${fee}`,
  failed: (id, message) => `订单 ${id}：${message}`,
  noOrders: '暂无待配送订单',
  noOrdersHint: '门店的新订单会出现在这里。',
};

const en: Messages = {
  title: 'Delivery dispatch',
  caption: 'Store orders waiting for delivery',
  select: (id) => `Select order ${id}`,
  order: 'Order',
  receiver: 'Receiver',
  items: 'Items',
  fee: 'Fee',
  status: 'Delivery',
  notDispatched: 'Not sent',
  quote: (count) => `Get quotes (${count})`,
  create: (count) => `Send (${count})`,
  track: 'Track',
  yuan: (amount) => `¥${amount.toFixed(2)}`,
  quoteExpires: (time) => `Quote valid until ${time}`,
  rider: 'Rider',
  noRider: 'Waiting for a rider',
  shop: 'Shop',
  map: (status) => `Delivery map: shop to receiver, ${status}`,
  cancelReason: 'Reason',
  cancelText: 'Details',
  cancel: 'Cancel delivery',
  confirmCancel: (id) => `Cancel the delivery of order ${id}? Once a rider accepted, a fee is kept.`,
  cancelled: (fee) => `Cancelled; fee kept: ${fee}`,
  failed: (id, message) => `Order ${id}: ${message}`,
  noOrders: 'No orders to deliver',
  noOrdersHint: "The store's new orders show up here.",
};

/** The words for `locale`. */
export function messagesFor(locale: string | undefined): Messages {
  return locale && !locale.toLowerCase().startsWith('zh') ? en : zh;
}
