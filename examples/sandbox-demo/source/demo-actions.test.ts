import { createMockHost } from '@jingmai/sdk/testing';
import { describe, expect, it } from 'vitest';
import { saveNote, sendDelivery } from './demo-actions.js';

describe('sandbox demo actions', () => {
  it('stores a note under notes/ with the shop name', async () => {
    const host = createMockHost();
    const app = await host.connect();
    const info = await saveNote(app, 1700000000000);
    expect(info.key).toBe('notes/1700000000000.txt');
    expect(await host.objects.get(info.key)?.body.text()).toBe('Note from 京东测试店铺');
    host.close();
  });

  it('quotes and creates a Shanghai delivery, then says so', async () => {
    const host = createMockHost();
    const app = await host.connect();
    const order = await sendDelivery(app, 1700000000000);
    expect(order.orderId).toBe(`demo-${(1700000000000).toString(36)}`);
    expect(host.deliveries.get(order.orderId)?.status).toBe(1);
    expect(host.toasts[0]?.message).toMatch(/^Delivery demo-\w+ sent \(¥[\d.]+\)$/);
    host.close();
  });
});
