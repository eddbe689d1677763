// The delivery the demo sends: one parcel from the shop to a receiver a couple of kilometres
// away in Shanghai, under an order id unique to the click.
import type { DeliveryRequest } from '@jingmai/sdk';

/** A Shanghai delivery for order `orderId`. */
export function demoOrder(orderId: string): DeliveryRequest {
  return {
    orderId,
    cityCode: '021',
    cargo: { price: 88, weight: 1.5 },
    receiver: {
      name: '张三',
      phone: '13800000000',
      address: '上海市静安区南京西路1266号',
      lat: 31.2303,
      lng: 121.4563,
    },
  };
}

/** An order id from the time, readable in the console's delivery panel. */
export function newOrderId(now: number): string {
  return `demo-${now.toString(36)}`;
}
