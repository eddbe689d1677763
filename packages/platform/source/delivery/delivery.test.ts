// Delivery for apps against the real Miaosong shim on a stepped clock: quote, create, signed
// callbacks turned into console events, cancel fees, isolation between apps, and a restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MiaosongServer, startMiaosongServer } from '@jingmai/miaosong-shim';
import { signCallback } from '@jingmai/miaosong-shim/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devConsoleAuth } from '../http/console-auth.js';
import { createPlatformServer, type PlatformServer } from '../server.js';

const secret = 'delivery-test-secret-delivery-test-secret';
let shim: MiaosongServer;
let platform: PlatformServer;
let url: string;
let dataDir: string;

function start() {
  const seed = shim.seed;
  if (!seed) throw new Error('the shim has no seeded account');
  platform = createPlatformServer({
    apps: [
      { id: 'com.example.dispatch', secret, scopes: ['delivery:read', 'delivery:write'] },
      { id: 'com.example.other', secret, scopes: ['delivery:read', 'delivery:write'] },
      { id: 'com.example.readonly', secret, scopes: ['delivery:read'] },
    ],
    authenticate: devConsoleAuth('dev'),
    allowedOrigins: [],
    dataDir,
    delivery: {
      baseUrl: shim.url,
      appKey: seed.appKey,
      appSecret: seed.appSecret,
      sourceId: seed.sourceId,
      shopNo: () => seed.shop.shop_no,
    },
  });
  return platform.listen();
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'platform-delivery-'));
  shim = await startMiaosongServer({ dataDir: join(dataDir, 'shim'), clock: 'manual', port: 0 });
  ({ url } = await start());
});

afterAll(async () => {
  await platform.close();
  await shim.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const headers = (shop = 'shop-1') => ({
  authorization: 'Bearer dev',
  'x-jingmai-shop': shop,
  'x-jingmai-user': 'user-1',
  'x-jingmai-role': 'owner',
  'content-type': 'application/json',
});

async function call(appId: string, route: string, body: unknown, shop = 'shop-1') {
  const response = await fetch(`${url}/v1/apps/${appId}/delivery/${route}`, {
    method: 'POST',
    headers: headers(shop),
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & {
      error?: { code: string; details?: Record<string, unknown> };
    },
  };
}

const order = (orderId: string) => ({
  orderId,
  cityCode: '021',
  cargo: { price: 58, weight: 1.2 },
  receiver: {
    name: '李四',
    phone: '13800000000',
    address: '上海市静安区南京西路1266号',
    lat: 31.2303,
    lng: 121.4463,
  },
});

/** Collects console events from the SSE stream. */
async function subscribe(shop = 'shop-1', lastEventId?: string) {
  const controller = new AbortController();
  const resume: Record<string, string> = lastEventId ? { 'last-event-id': lastEventId } : {};
  const response = await fetch(`${url}/v1/events`, {
    headers: { ...headers(shop), ...resume },
    signal: controller.signal,
  });
  const events: { id: string; appId: string; payload: { orderId: string; status: number } }[] = [];
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  void (async () => {
    for (;;) {
      const chunk = await reader?.read().catch(() => undefined);
      if (!chunk || chunk.done) return;
      buffer += chunk.value;
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const data = lines.find((line) => line.startsWith('data: '));
        const id = lines.find((line) => line.startsWith('id: '))?.slice(4) ?? '';
        if (data) events.push({ id, ...JSON.parse(data.slice(6)) });
      }
    }
  })();
  return { events, stop: () => controller.abort() };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
}

describe('delivery for apps', () => {
  it('quotes, creates from the quote, and follows signed callbacks through to delivered', async () => {
    const stream = await subscribe();
    const quote = await call('com.example.dispatch', 'quote', order('A-1001'));
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      orderId: 'A-1001',
      quoteId: expect.any(String),
      fee: expect.any(Number),
    });
    const created = await call('com.example.dispatch', 'create', { quoteId: quote.body.quoteId });
    expect(created.body).toMatchObject({ orderId: 'A-1001', status: 1, statusText: '待接单' });
    for (let step = 0; step < 12; step += 1) await shim.clock.advance(5 * 60_000);
    const statuses = () =>
      stream.events
        .filter((event) => event.payload.orderId === 'A-1001')
        .map((event) => event.payload.status);
    await until(() => statuses().includes(4));
    expect(statuses()).toEqual([1, 2, 100, 3, 4]);
    expect(stream.events.every((event) => event.appId === 'com.example.dispatch')).toBe(true);
    const got = await call('com.example.dispatch', 'get', { orderId: 'A-1001' });
    expect(got.body).toMatchObject({
      status: 4,
      rider: { name: expect.any(String), lat: expect.any(Number) },
    });
    stream.stop();
  });

  it('cancels with the documented fee: free before acceptance, 2 元 within 1-15 minutes after it', async () => {
    await call('com.example.dispatch', 'create', { order: order('B-1') });
    const free = await call('com.example.dispatch', 'cancel', { orderId: 'B-1', reasonId: 36 });
    expect(free.body).toEqual({ deductFee: 0 });
    await call('com.example.dispatch', 'create', { order: order('B-2') });
    await shim.clock.advance(40_000);
    await shim.clock.advance(2 * 60_000);
    const charged = await call('com.example.dispatch', 'cancel', { orderId: 'B-2', reasonId: 4 });
    expect(charged.body).toEqual({ deductFee: 2 });
    const cancelled = await call('com.example.dispatch', 'get', { orderId: 'B-2' });
    expect(cancelled.body).toMatchObject({ status: 5, deductFee: 2 });
  });

  it('maps open-platform refusals to typed errors carrying the platform code', async () => {
    const again = await call('com.example.dispatch', 'create', { order: order('A-1001') });
    expect(again.body.error).toMatchObject({ code: 'CONFLICT', details: { miaosongCode: 2105 } });
    const illegal = await call('com.example.dispatch', 'cancel', { orderId: 'A-1001', reasonId: 4 });
    expect(illegal.body.error).toMatchObject({ code: 'CONFLICT', details: { miaosongCode: 2051 } });
    const other = await call('com.example.dispatch', 'cancel', { orderId: 'B-1', reasonId: 10000 });
    expect(other.body.error?.code).toBeDefined();
    const invalid = await call('com.example.dispatch', 'quote', { ...order('C-1'), cityCode: 'shanghai' });
    expect(invalid.body.error).toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it("keeps each app's and shop's orders to itself", async () => {
    expect((await call('com.example.other', 'get', { orderId: 'A-1001' })).body.error?.code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await call('com.example.dispatch', 'get', { orderId: 'A-1001' }, 'shop-2')).body.error?.code,
    ).toBe('NOT_FOUND');
    const mine = await call('com.example.dispatch', 'list', {});
    expect((mine.body.items as { orderId: string }[]).map((item) => item.orderId)).toEqual([
      'B-2',
      'B-1',
      'A-1001',
    ]);
    expect((await call('com.example.other', 'list', {})).body.items).toEqual([]);
    const readOnly = await call('com.example.readonly', 'create', { order: order('R-1') });
    expect(readOnly.body.error).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('refuses callbacks with a forged signature', async () => {
    const forged = {
      client_id: 'x',
      order_id: 'jm-whatever',
      order_status: 4,
      cancel_reason: '',
      cancel_from: 0,
      update_time: 1,
      signature: 'deadbeef',
    };
    const response = await fetch(`${url}/v1/delivery/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(response.status).toBe(403);
    const signed = {
      ...forged,
      signature: signCallback({ client_id: 'x', order_id: 'jm-unknown', update_time: 1 }),
      order_id: 'jm-unknown',
    };
    const unknown = await fetch(`${url}/v1/delivery/callback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(signed),
    });
    expect(unknown.status).toBe(200);
  });

  it('replays the events a reconnecting console missed (Last-Event-ID)', async () => {
    const first = await subscribe();
    await call('com.example.dispatch', 'create', { order: order('D-1') });
    await until(() => first.events.some((event) => event.payload.orderId === 'D-1'));
    const seen = first.events.at(-1)?.id ?? '';
    first.stop();
    await shim.clock.advance(40_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await subscribe('shop-1', seen);
    await until(() =>
      second.events.some((event) => event.payload.orderId === 'D-1' && event.payload.status === 2),
    );
    expect(second.events.every((event) => Number(event.id) > Number(seen))).toBe(true);
    const otherShop = await subscribe('shop-2', '0');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(otherShop.events).toEqual([]);
    second.stop();
    otherShop.stop();
  });

  it('keeps order owners across a restart', async () => {
    await platform.close();
    ({ url } = await start());
    const list = await call('com.example.dispatch', 'list', { limit: 2 });
    expect((list.body.items as { orderId: string }[]).map((item) => item.orderId)).toEqual(['D-1', 'B-2']);
    const next = await call('com.example.dispatch', 'list', { limit: 2, cursor: list.body.cursor });
    expect((next.body.items as { orderId: string }[]).map((item) => item.orderId)).toEqual(['B-1', 'A-1001']);
  });
});
