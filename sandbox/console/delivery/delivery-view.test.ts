import type { DeliveryOrder } from '@jingmai/protocol';
import { describe, expect, it } from 'vitest';
import { fitProjection } from './route-projection';
import { appendStatus, latestOrder } from './status-timeline';

const order = (status: number, updatedAt: string): DeliveryOrder => ({
  orderId: 'A-1',
  status,
  statusText: `status ${status}`,
  fee: 5,
  distance: 1200,
  tips: 0,
  rider: null,
  deductFee: null,
  cancelReason: null,
  createdAt: '2026-01-01 10:00:00',
  updatedAt,
});

describe('route projection', () => {
  const shop = { lat: 31.2304, lng: 121.4737 };
  const receiver = { lat: 31.2303, lng: 121.4563 };

  it('fits the route inside the margins, north up and east right', () => {
    const project = fitProjection([shop, receiver], 320, 200, 20);
    const a = project(shop);
    const b = project(receiver);
    for (const point of [a, b]) {
      expect(point.x).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(point.x).toBeLessThanOrEqual(300 + 1e-9);
      expect(point.y).toBeGreaterThanOrEqual(20 - 1e-9);
      expect(point.y).toBeLessThanOrEqual(180 + 1e-9);
    }
    expect(a.x).toBeGreaterThan(b.x);
    expect(a.y).toBeLessThan(b.y);
  });

  it('keeps a point halfway along the route halfway on the map', () => {
    const project = fitProjection([shop, receiver], 320, 200, 20);
    const middle = project({ lat: (shop.lat + receiver.lat) / 2, lng: (shop.lng + receiver.lng) / 2 });
    expect(middle.x).toBeCloseTo((project(shop).x + project(receiver).x) / 2, 6);
  });

  it('places a single point in the middle', () => {
    expect(fitProjection([shop], 320, 200, 20)(shop)).toEqual({ x: 160, y: 100 });
  });
});

describe('status timeline', () => {
  it('adds a status once and keeps the latest snapshot of a repeated one', () => {
    let timeline = appendStatus([], order(1, '10:00'), 1);
    timeline = appendStatus(timeline, order(2, '10:01'), 2);
    timeline = appendStatus(timeline, order(2, '10:02'), 3);
    expect(timeline.map((event) => [event.status, event.receivedAt, event.order.updatedAt])).toEqual([
      [1, 1, '10:00'],
      [2, 2, '10:02'],
    ]);
  });

  it('prefers the newer of the fetched and the pushed order', () => {
    const timeline = appendStatus([], order(3, '2026-01-01 10:05:00'), 1);
    expect(latestOrder(order(2, '2026-01-01 10:01:00'), timeline).status).toBe(3);
    expect(latestOrder(order(4, '2026-01-01 10:09:00'), timeline).status).toBe(4);
  });
});
