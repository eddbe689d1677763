// Adding merchants, shops and apps through /admin, then using them through the platform API.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MiaosongClient } from '../client/client.js';
import { type Harness, orderBody, startHarness } from '../testing/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ timings: { autoDispatch: false } });
});
afterAll(() => h.close());

async function admin(path: string, body: unknown) {
  const response = await fetch(h.shim.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${h.shim.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('admin accounts', () => {
  it('adds a merchant, a shop and an app that can publish', async () => {
    expect((await admin('/admin/merchants', { source_id: '90001', name: '京麦测试' })).status).toBe(200);
    const shop = {
      source_id: '90001',
      shop_no: 'BJ-1',
      name: '北京店',
      city_code: '010',
      lat: 39.9,
      lng: 116.4,
    };
    expect((await admin('/admin/shops', shop)).status).toBe(200);
    const app = await admin('/admin/apps', { source_id: '90001' });
    expect(app.status).toBe(200);
    const client = new MiaosongClient({
      baseUrl: h.shim.url,
      appKey: String(app.body.app_key),
      appSecret: String(app.body.app_secret),
      sourceId: '90001',
    });
    const fee = await client.addOrder(
      orderBody('M1', 'http://127.0.0.1:9/cb', {
        shop_no: 'BJ-1',
        city_code: '010',
        receiver_lat: 39.91,
        receiver_lng: 116.41,
      }),
    );
    expect(fee.distance).toBeGreaterThan(1000);
    // Another merchant's shop is unknown to this one.
    await expect(client.addOrder(orderBody('M2', 'http://127.0.0.1:9/cb'))).rejects.toMatchObject({
      code: 2004,
    });
  });

  it('refuses invalid input with 400 and unknown merchants with 404', async () => {
    expect((await admin('/admin/shops', { source_id: '90001', shop_no: 'x' })).status).toBe(400);
    expect((await admin('/admin/apps', { source_id: 'nobody' })).status).toBe(404);
    expect((await admin('/admin/clock/advance', { ms: -1 })).status).toBe(400);
  });
});
