// What the demo's buttons do, apart from the page: store a note or a picked file, send a delivery.
import type { ObjectInfo } from '@jingmai/protocol';
import type { App, DeliveryOrder } from '@jingmai/sdk';
import { demoOrder, newOrderId } from './demo-order.js';

/** Stores a short text note under notes/. */
export function saveNote(app: App, now: number): Promise<ObjectInfo> {
  return app.storage.put(`notes/${now}.txt`, `Note from ${app.context?.shop.name ?? 'the app'}`, {
    contentType: 'text/plain; charset=utf-8',
  });
}

/** Stores a picked file under uploads/ with its own type. */
export function uploadFile(app: App, file: File): Promise<ObjectInfo> {
  return app.storage.put(`uploads/${file.name}`, file, {
    contentType: file.type || 'application/octet-stream',
  });
}

/** Quotes and publishes a delivery, and says so in the console. */
export async function sendDelivery(app: App, now: number): Promise<DeliveryOrder> {
  const quote = await app.delivery.quote(demoOrder(newOrderId(now)));
  const order = await app.delivery.create(quote);
  await app.ui.toast({ message: `Delivery ${order.orderId} sent (¥${quote.fee})`, tone: 'success' });
  return order;
}
