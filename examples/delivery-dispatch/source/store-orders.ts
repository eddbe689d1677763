// The merchant's pending store orders. A real app would read them from the shop's order system;
// this one ships a fixed set around the shop in Shanghai so every run starts the same.
import type { DeliveryRequest } from '@jingmai/sdk';

/** Where the shop is: deliveries start here. */
export const SHOP = { name: '京东便利店（静安店）', lat: 31.2295, lng: 121.4478 } as const;

/** Shanghai's city code on the Miaosong open platform. */
const CITY_CODE = '021';

/** An order placed in the store, waiting to be delivered. */
export interface StoreOrder {
  readonly id: string;
  readonly customer: string;
  readonly phone: string;
  readonly address: string;
  readonly lat: number;
  readonly lng: number;
  /** What is in the parcel, as the merchant reads it. */
  readonly items: string;
  /** Goods value in 元. */
  readonly price: number;
  /** Parcel weight in kg. */
  readonly weight: number;
}

export const STORE_ORDERS: readonly StoreOrder[] = [
  {
    id: 'JM20240601001',
    customer: '王女士',
    phone: '13800000001',
    address: '上海市静安区南京西路 1601 号',
    lat: 31.2243,
    lng: 121.4515,
    items: '鲜牛奶 ×2、全麦面包',
    price: 36.8,
    weight: 1.6,
  },
  {
    id: 'JM20240601002',
    customer: '李先生',
    phone: '13800000002',
    address: '上海市静安区常德路 800 号',
    lat: 31.2368,
    lng: 121.4421,
    items: '矿泉水 ×12',
    price: 24,
    weight: 7.2,
  },
  {
    id: 'JM20240601003',
    customer: '陈女士',
    phone: '13800000003',
    address: '上海市长宁区愚园路 1000 号',
    lat: 31.2206,
    lng: 121.4337,
    items: '水果礼盒',
    price: 128,
    weight: 3.5,
  },
  {
    id: 'JM20240601004',
    customer: 'Mr. Smith',
    phone: '13800000004',
    address: '上海市静安区延安中路 1238 号',
    lat: 31.2199,
    lng: 121.4539,
    items: '咖啡豆、燕麦奶 ×2',
    price: 88.5,
    weight: 2.1,
  },
];

/** The delivery the platform needs for a store order. */
export function deliveryRequest(order: StoreOrder): DeliveryRequest {
  return {
    orderId: order.id,
    cityCode: CITY_CODE,
    cargo: { price: order.price, weight: order.weight },
    receiver: {
      name: order.customer,
      phone: order.phone,
      address: order.address,
      lat: order.lat,
      lng: order.lng,
    },
  };
}
