import { expect, type Frame, type Page, test } from '@playwright/test';
import { type Fixture, startFixture } from './fixture.js';

// App storage end to end: the app hands a Blob to the console, the console uploads it in parts
// with presigned URLs from the platform server to the S3-compatible shim, and the app reads it
// back through a presigned URL from its own sandboxed frame.

let fixture: Fixture;
test.beforeAll(async () => {
  fixture = await startFixture();
});
test.afterAll(async () => fixture.close());

type AppWindow = Window & { e2e: { ready?: boolean; app: import('@jingmai/sdk').App } };

async function frameAt(page: Page, index: 0 | 1): Promise<Frame> {
  const origin = fixture.appOrigins[index];
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origin))).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().startsWith(origin)) as Frame;
  await expect
    .poll(() => frame.evaluate(() => (window as unknown as AppWindow).e2e?.ready === true).catch(() => false))
    .toBe(true);
  return frame;
}

test('an app uploads 20 MiB with progress, lists it, reads it back byte for byte; another app cannot see it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(fixture.consoleUrl());
  const alpha = await frameAt(page, 0);
  const beta = await frameAt(page, 1);

  const result = await alpha.evaluate(async () => {
    const { app } = (window as unknown as AppWindow).e2e;
    const size = 20 * 1024 * 1024;
    const bytes = new Uint8Array(size);
    for (let offset = 0; offset < size; offset += 65_536)
      crypto.getRandomValues(bytes.subarray(offset, offset + 65_536));
    const digest = async (data: ArrayBuffer) =>
      [...new Uint8Array(await crypto.subtle.digest('SHA-256', data))]
        .map((b) => b.toString(16).padStart(2, '0'))
        .join('');
    const expected = await digest(bytes.buffer);
    const progress: number[] = [];
    const info = await app.storage.put(
      'catalog/hero.bin',
      new Blob([bytes], { type: 'application/octet-stream' }),
      {
        metadata: { sku: 'A-100' },
        onProgress: (loaded) => progress.push(loaded),
      },
    );
    const listing = await app.storage.list({ prefix: 'catalog/' });
    const url = await app.storage.getUrl('catalog/hero.bin', { expiresIn: 120 });
    const downloaded = await (await fetch(url)).arrayBuffer();
    const viaBridge = await app.storage.get('catalog/hero.bin');
    return {
      info,
      progress,
      keys: listing.items.map((item) => item.key),
      expected,
      downloaded: await digest(downloaded),
      viaBridge: await digest(await viaBridge.body.arrayBuffer()),
    };
  });
  expect(result.info).toMatchObject({
    key: 'catalog/hero.bin',
    size: 20 * 1024 * 1024,
    metadata: { sku: 'A-100' },
  });
  expect(result.info.etag).toMatch(/-3"$/);
  expect(result.progress.length).toBeGreaterThan(2);
  expect(result.progress.at(-1)).toBe(20 * 1024 * 1024);
  expect(result.progress).toEqual([...result.progress].sort((a, b) => a - b));
  expect(result.keys).toEqual(['catalog/hero.bin']);
  expect(result.downloaded).toBe(result.expected);
  expect(result.viaBridge).toBe(result.expected);

  const other = await beta.evaluate(async () => {
    const { app } = (window as unknown as AppWindow).e2e;
    const listing = await app.storage.list({ prefix: '' });
    const head = await app.storage.head('catalog/hero.bin').catch((error: { code: string }) => error.code);
    return { count: listing.items.length, head };
  });
  expect(other).toEqual({ count: 0, head: 'NOT_FOUND' });
});

test('small uploads go in one PUT; cancelling an upload stops it; deleting removes the object', async ({
  page,
}) => {
  await page.goto(fixture.consoleUrl());
  const alpha = await frameAt(page, 0);
  const result = await alpha.evaluate(async () => {
    const { app } = (window as unknown as AppWindow).e2e;
    const small = await app.storage.put('notes/hello.txt', '你好，京麦', {
      contentType: 'text/plain; charset=utf-8',
      metadata: { lang: 'zh-cn' },
    });
    const text = await (await fetch(await app.storage.getUrl('notes/hello.txt'))).text();
    const controller = new AbortController();
    const big = new Blob([new Uint8Array(24 * 1024 * 1024)]);
    const pending = app.storage.put('notes/big.bin', big, {
      signal: controller.signal,
      onProgress: () => controller.abort(),
    });
    const cancelled = await pending.then(
      () => 'finished',
      (error: { code: string }) => error.code,
    );
    const bigHead = await app.storage.head('notes/big.bin').then(
      () => 'exists',
      (error: { code: string }) => error.code,
    );
    await app.storage.delete('notes/hello.txt');
    const afterDelete = await app.storage.head('notes/hello.txt').then(
      () => 'exists',
      (error: { code: string }) => error.code,
    );
    return { etag: small.etag, metadata: small.metadata, text, cancelled, bigHead, afterDelete };
  });
  expect(result.etag).not.toContain('-');
  expect(result.metadata).toEqual({ lang: 'zh-cn' });
  expect(result.text).toBe('你好，京麦');
  expect(result.cancelled).toBe('CANCELLED');
  expect(result.bigHead).toBe('NOT_FOUND');
  expect(result.afterDelete).toBe('NOT_FOUND');
});
