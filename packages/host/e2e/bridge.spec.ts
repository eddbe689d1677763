import { expect, type Frame, type Page, test } from '@playwright/test';
import { APP_SECRET, type Fixture, startFixture } from './fixture.js';

let fixture: Fixture;
test.beforeAll(async () => {
  fixture = await startFixture();
});
test.afterAll(async () => fixture.close());

type AppWindow = Window & { e2e: Record<string, unknown> & { app: import('@jingmai/sdk').App } };
type ConsoleWindow = Window & {
  e2e: {
    host: import('@jingmai/host').Host;
    handles: import('@jingmai/host').AppHandle[];
    events: { app: string; event: string; detail?: unknown }[];
    counts: { messageListeners: number };
    liveIntervals(): number;
  };
};

async function appFrame(page: Page, index: 0 | 1): Promise<Frame> {
  const origin = fixture.appOrigins[index];
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origin))).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().startsWith(origin)) as Frame;
  // The frame may be mid-navigation (a reload): an evaluate that loses its context just retries.
  await expect
    .poll(() => frame.evaluate(() => (window as unknown as AppWindow).e2e?.ready === true).catch(() => false))
    .toBe(true);
  return frame;
}

async function openConsole(page: Page, query: Record<string, string> = {}) {
  await page.goto(fixture.consoleUrl(query));
  return { a: await appFrame(page, 0), b: await appFrame(page, 1) };
}

test('two apps side by side, each sandboxed on its own origin', async ({ page }) => {
  const { a, b } = await openConsole(page);
  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(2);
  for (const index of [0, 1]) {
    const frame = frames.nth(index);
    await expect(frame).toHaveAttribute('sandbox', 'allow-scripts');
    await expect(frame).toHaveAttribute('allow', '');
    await expect(frame).toHaveAttribute('referrerpolicy', 'no-referrer');
  }
  expect(await a.evaluate(() => origin)).toBe('null');
  expect(await a.evaluate(() => (window as unknown as AppWindow).e2e.app.appId)).toBe('com.example.alpha');
  expect(await b.evaluate(() => (window as unknown as AppWindow).e2e.app.appId)).toBe('com.example.beta');
  expect(await a.evaluate(() => (window as unknown as AppWindow).e2e.app.context?.shop.name)).toBe(
    '京麦测试店',
  );
});

test('calls, events, toasts and modals cross the bridge; modals render in the console', async ({ page }) => {
  const { a, b } = await openConsole(page);
  await a.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.ui.toast({ message: '<b>已保存</b>', tone: 'success' }),
  );
  const overlay = page.locator('jingmai-overlay');
  await expect(overlay.locator('.toast')).toContainText('<b>已保存</b>');
  await expect(overlay.locator('.toast b')).toHaveCount(0);

  const answer = a.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.ui.confirm({
      title: '删除商品?',
      message: 'This cannot be undone.',
      tone: 'danger',
    }),
  );
  await expect(overlay.locator('dialog h2')).toHaveText('删除商品?');
  await overlay.locator('dialog button', { hasText: 'OK' }).click();
  expect(await answer).toBe(true);

  const choice = b.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.ui.modal({
      title: 'Ship how?',
      body: 'Pick a carrier',
      actions: [
        { id: 'miaosong', label: '秒送', tone: 'primary' },
        { id: 'self', label: 'Self pick-up' },
      ],
    }),
  );
  await overlay.locator('dialog button', { hasText: '秒送' }).click();
  expect(await choice).toEqual({ action: 'miaosong' });

  await page.evaluate(() => (window as unknown as ConsoleWindow).e2e.host.setContext({ theme: 'dark' }));
  for (const frame of [a, b]) {
    await expect
      .poll(() => frame.evaluate(() => (window as unknown as AppWindow).e2e.app.context?.theme))
      .toBe('dark');
  }

  await a.evaluate(() => (window as unknown as AppWindow).e2e.app.ui.setTitle('订单'));
  const title = await page.evaluate(() => (window as unknown as ConsoleWindow).e2e.handles[0]?.title);
  expect(title).toBe('订单');
});

test('session tokens come from the platform server and verify with the app secret', async ({ page }) => {
  const { a } = await openConsole(page);
  const token = await a.evaluate(() => (window as unknown as AppWindow).e2e.app.auth.sessionToken());
  const { verifySessionToken } = await import('@jingmai/platform');
  const claims = await verifySessionToken(token, { appId: 'com.example.alpha', appSecret: APP_SECRET });
  expect(claims).toMatchObject({ shopId: 'shop-1', userId: 'user-1', role: 'owner' });
});

test('the frame follows the content height within the manifest bounds', async ({ page }) => {
  const { a } = await openConsole(page);
  const frame = page.locator('#slot-a iframe');
  await a.evaluate(() =>
    ((window as unknown as AppWindow).e2e.setContentHeight as (px: number) => void)(350),
  );
  await expect.poll(async () => (await frame.boundingBox())?.height).toBeGreaterThanOrEqual(350);
  await a.evaluate(() =>
    ((window as unknown as AppWindow).e2e.setContentHeight as (px: number) => void)(5000),
  );
  await expect.poll(async () => (await frame.boundingBox())?.height).toBe(600);
  await a.evaluate(() => ((window as unknown as AppWindow).e2e.setContentHeight as (px: number) => void)(10));
  await expect.poll(async () => (await frame.boundingBox())?.height).toBe(100);
});

test('navigation is recorded in the console history and back/forward reach the app', async ({ page }) => {
  const { a, b } = await openConsole(page);
  await a.evaluate(() => (window as unknown as AppWindow).e2e.app.ui.navigate('/orders/42'));
  await a.evaluate(() => (window as unknown as AppWindow).e2e.app.ui.navigate('/orders/43'));
  expect(new URL(page.url()).searchParams.get('app:com.example.alpha')).toBe('/orders/43');
  await page.goBack();
  await expect
    .poll(() =>
      a.evaluate(() =>
        (window as unknown as AppWindow).e2e.events.filter((e) => e.event === 'route').map((e) => e.payload),
      ),
    )
    .toEqual([{ path: '/orders/42' }]);
  expect(await a.evaluate(() => (window as unknown as AppWindow).e2e.app.context?.route)).toBe('/orders/42');
  expect(
    await b.evaluate(() => (window as unknown as AppWindow).e2e.events.filter((e) => e.event === 'route')),
  ).toEqual([]);
});

test('a reload binds a new session; calls in flight fail with DISCONNECTED and none hangs', async ({
  page,
}) => {
  const { a } = await openConsole(page);
  const pending = page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        (window as unknown as ConsoleWindow).e2e.handles[0]?.on('call', (record) => {
          if (record.method === 'ui.confirm') resolve(record.error?.code ?? 'ok');
        });
      }),
  );
  const appSide = a
    .evaluate(() =>
      (window as unknown as AppWindow).e2e.app.ui
        .confirm({ title: 'Wait', message: 'for reload' })
        .catch((error: { code: string }) => error.code),
    )
    .catch(() => 'page gone');
  await expect(page.locator('jingmai-overlay dialog')).toBeVisible();
  await page.evaluate(() => (window as unknown as ConsoleWindow).e2e.handles[0]?.reload());
  expect(await pending).toBe('DISCONNECTED');
  expect(['DISCONNECTED', 'page gone']).toContain(await appSide);
  await expect(page.locator('jingmai-overlay dialog')).toHaveCount(0);
  const fresh = await appFrame(page, 0);
  await fresh.evaluate(() => (window as unknown as AppWindow).e2e.app.ui.toast('back again'));
  await expect(page.locator('jingmai-overlay .toast', { hasText: 'back again' })).toBeVisible();

  await fresh.evaluate(() => location.reload());
  const again = await appFrame(page, 0);
  await again.evaluate(() => (window as unknown as AppWindow).e2e.app.ui.toast('after self reload'));
  await expect(page.locator('jingmai-overlay .toast', { hasText: 'after self reload' })).toBeVisible();
});

test('the app learns when the host goes away; the host learns when the app hangs', async ({ page }) => {
  const { a } = await openConsole(page, { heartbeat: '200' });
  await a.evaluate(() => {
    const end = Date.now() + 1500;
    while (Date.now() < end) {
      // Busy-wait: the app's event loop is stuck, so it cannot answer pings.
    }
  });
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as ConsoleWindow).e2e.events.some((e) => e.event === 'unresponsive'),
      ),
    )
    .toBe(true);
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as ConsoleWindow).e2e.events.some((e) => e.event === 'responsive'),
      ),
    )
    .toBe(true);

  const pending = a.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.ui
      .confirm({ title: 'Pending', message: 'the console will freeze' })
      .catch((error: { code: string }) => error.code),
  );
  await expect(page.locator('jingmai-overlay dialog')).toBeVisible();
  await page.evaluate(() => {
    const end = Date.now() + 2000;
    while (Date.now() < end) {
      // The console's main thread is stuck: no pings reach the app.
    }
  });
  expect(await pending).toBe('DISCONNECTED');
  expect(
    await a.evaluate(() => (window as unknown as AppWindow).e2e.events.some((e) => e.event === 'disconnect')),
  ).toBe(true);
});

test('unmount removes the frame and leaves no listeners, ports or timers behind', async ({ page }) => {
  await openConsole(page);
  const before = await page.evaluate(() => {
    const { counts, liveIntervals } = (window as unknown as ConsoleWindow).e2e;
    return { listeners: counts.messageListeners, intervals: liveIntervals() };
  });
  expect(before.intervals).toBe(2);
  const after = await page.evaluate(() => {
    const { host, counts, liveIntervals, events } = (window as unknown as ConsoleWindow).e2e;
    host.destroy();
    return {
      listeners: counts.messageListeners,
      intervals: liveIntervals(),
      frames: document.querySelectorAll('iframe').length,
      unmounted: events.filter((e) => e.event === 'unmounted').length,
    };
  });
  expect(after).toEqual({ listeners: 0, intervals: 0, frames: 0, unmounted: 2 });
});

test('a page that never says hello is reported as an error, not left hanging', async ({ page }) => {
  await page.goto(fixture.consoleUrl({ pageA: 'plain.html', loadTimeout: '500' }));
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as ConsoleWindow).e2e.events.find(
          (e) => e.app === 'com.example.alpha' && e.event === 'error',
        ),
      ),
    )
    .toEqual({ app: 'com.example.alpha', event: 'error', detail: { code: 'TIMEOUT' } });
  await appFrame(page, 1);
});
