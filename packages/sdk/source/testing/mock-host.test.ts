import { afterEach, describe, expect, it } from 'vitest';
import { JingmaiError } from '../index.js';
import { createMockHost, type MockHost } from './index.js';

let host: MockHost;
afterEach(() => host?.close());

describe('createMockHost', () => {
  it('connects an app with its scopes and context', async () => {
    host = createMockHost({ scopes: ['ui', 'context:read'], context: { locale: 'en-US' } });
    const app = await host.connect();
    expect(app.scopes).toEqual(['ui', 'context:read']);
    expect(app.context?.locale).toBe('en-US');
    expect(app.version).toBe(1);
  });

  it('runs every ui method through the same checks as the real host', async () => {
    host = createMockHost();
    const app = await host.connect();
    await app.ui.toast('已保存');
    await app.ui.toast({ message: 'Upload failed', tone: 'error' });
    expect(await app.ui.confirm({ title: 'Delete?', message: 'This cannot be undone.' })).toBe(true);
    expect(await app.ui.modal({ title: 'Pick', body: 'Which?', actions: [{ id: 'a', label: 'A' }] })).toEqual(
      { action: 'a' },
    );
    await app.ui.navigate('/orders/42');
    await app.ui.setTitle('Orders');
    await app.ui.setLoading(true);
    await app.ui.resize(640);
    expect(host.toasts).toEqual([{ message: '已保存' }, { message: 'Upload failed', tone: 'error' }]);
    expect(host.state).toEqual({ route: '/orders/42', title: 'Orders', loading: true, height: 640 });
    expect((await app.refreshContext()).route).toBe('/orders/42');
    expect(host.calls.map((call) => call.method)).toContain('ui.modal');
  });

  it('rejects with typed errors: invalid arguments, missing scope, unknown method', async () => {
    host = createMockHost({ scopes: ['ui'] });
    const app = await host.connect();
    const invalid = await app.ui.navigate('javascript:alert(1)').catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(JingmaiError);
    expect((invalid as JingmaiError).code).toBe('INVALID_ARGUMENT');
    await expect(app.auth.sessionToken()).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(app.call('nope.method' as never, {} as never)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('delivers events for granted scopes and follows grant changes', async () => {
    host = createMockHost({ scopes: ['ui', 'context:read'] });
    const app = await host.connect();
    const routes: string[] = [];
    const themes: string[] = [];
    app.on('route', ({ path }) => routes.push(path));
    app.on('context', (context) => themes.push(context.theme));
    host.emit('route', { path: '/back' });
    host.setContext({ theme: 'dark' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(routes).toEqual(['/back']);
    expect(themes).toEqual(['dark']);
    expect(app.context?.theme).toBe('dark');
    host.setGrants(['context:read']);
    await expect(app.ui.toast('x')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(app.scopes).toEqual(['context:read']);
  });

  it('caches session tokens until shortly before they expire', async () => {
    host = createMockHost();
    const app = await host.connect();
    const first = await app.auth.sessionToken();
    expect(await app.auth.sessionToken()).toBe(first);
    expect(await app.auth.sessionToken({ forceRefresh: true })).not.toBe(first);
    host.setGrants(['ui']);
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(app.auth.sessionToken()).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('fails pending and later calls with DISCONNECTED when the host goes away', async () => {
    host = createMockHost({ handlers: { 'ui.confirm': () => new Promise<boolean>(() => {}) } });
    const app = await host.connect();
    const disconnects: string[] = [];
    app.on('disconnect', (error) => disconnects.push(error.code));
    const pending = app.ui.confirm({ title: 'Wait', message: 'forever' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    host.close();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
    await expect(app.ui.toast('x')).rejects.toMatchObject({ code: 'DISCONNECTED' });
    expect(disconnects).toEqual(['DISCONNECTED']);
  });

  it('honours per-call deadlines and abort signals', async () => {
    host = createMockHost({ handlers: { 'ui.confirm': () => new Promise<boolean>(() => {}) } });
    const app = await host.connect();
    await expect(
      app.call('ui.confirm', { title: 't', message: 'm' }, { timeoutMs: 30 }),
    ).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    const controller = new AbortController();
    const call = app.call('ui.confirm', { title: 't', message: 'm' }, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('app.storage on the mock host', () => {
  it('puts, lists, reads, describes and deletes objects', async () => {
    host = createMockHost({ scopes: ['storage:read', 'storage:write'] });
    const app = await host.connect();
    const progress: number[] = [];
    const info = await app.storage.put('photos/a.txt', '你好', {
      metadata: { sku: '1001' },
      onProgress: (loaded) => progress.push(loaded),
    });
    expect(info).toMatchObject({
      key: 'photos/a.txt',
      size: 6,
      contentType: 'text/plain;charset=utf-8',
      metadata: { sku: '1001' },
    });
    expect(progress).toEqual([6]);
    await app.storage.put('photos/b.bin', new Uint8Array([1, 2, 3]).buffer);
    await app.storage.put('notes.txt', new Uint8Array([9]));
    const first = await app.storage.list({ prefix: 'photos/', limit: 1 });
    expect(first.items.map((item) => item.key)).toEqual(['photos/a.txt']);
    const second = await app.storage.list({ prefix: 'photos/', limit: 1, cursor: first.cursor ?? '' });
    expect(second).toMatchObject({ items: [{ key: 'photos/b.bin', size: 3 }], cursor: null });
    const { body } = await app.storage.get('photos/a.txt');
    expect(await body.text()).toBe('你好');
    expect(await app.storage.getUrl('photos/a.txt')).toMatch(/^https:\/\/storage\.mock\.invalid\//);
    await app.storage.delete('photos/a.txt');
    await expect(app.storage.head('photos/a.txt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses hostile keys and missing scopes with typed errors', async () => {
    host = createMockHost({ scopes: ['storage:read'] });
    const app = await host.connect();
    await expect(app.storage.put('a.txt', 'x')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    for (const key of ['../escape', '/abs', 'a//b', 'a/./b', 'nul\u0000', 'x'.repeat(600)]) {
      await expect(app.storage.head(key)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
  });
});

describe('app.delivery on the mock host', () => {
  const order = {
    orderId: 'SO-1',
    cityCode: '021',
    cargo: { price: 30, weight: 1 },
    receiver: { name: '王五', phone: '13900000000', address: '南京西路1266号', lat: 31.23, lng: 121.45 },
  };

  it('quotes, creates, follows status events and cancels with the fee', async () => {
    host = createMockHost({ scopes: ['delivery:read', 'delivery:write'] });
    const app = await host.connect();
    const statuses: number[] = [];
    app.delivery.on('status', (next) => statuses.push(next.status));
    const quote = await app.delivery.quote(order);
    expect(quote).toMatchObject({ orderId: 'SO-1', fee: 5 });
    expect(await app.delivery.create(quote)).toMatchObject({ orderId: 'SO-1', status: 1 });
    await expect(app.delivery.create(order)).rejects.toMatchObject({ code: 'CONFLICT' });
    host.setDeliveryStatus('SO-1', 2, { name: '骑手A', phone: '13700000000', lat: 31.2, lng: 121.4 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(statuses).toEqual([1, 2]);
    expect(await app.delivery.cancel('SO-1', 4)).toEqual({ deductFee: 2 });
    expect((await app.delivery.get('SO-1')).status).toBe(5);
    expect((await app.delivery.list()).items).toHaveLength(1);
    expect((await app.delivery.cancelReasons()).length).toBeGreaterThan(0);
  });

  it('refuses malformed orders and missing scopes', async () => {
    host = createMockHost({ scopes: ['delivery:read'] });
    const app = await host.connect();
    await expect(app.delivery.create(order)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    host.setGrants(['delivery:read', 'delivery:write']);
    await expect(app.delivery.quote({ ...order, orderId: '../x' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(app.delivery.quote({ ...order, cargo: { price: -1, weight: 1 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
