import { expect, type Frame, type Page, test } from '@playwright/test';
import { type Fixture, startFixture } from './fixture.js';

// An app in the console delivers through the platform server to the Miaosong simulator, whose
// clock the test steps by hand; signed callbacks come back as status events in the app.

let fixture: Fixture;
test.beforeAll(async () => {
  fixture = await startFixture();
});
test.afterAll(async () => fixture.close());

type AppWindow = Window & {
  e2e: {
    ready?: boolean;
    app: import('@jingmai/sdk').App;
    statuses?: { orderId: string; status: number; rider: unknown }[];
  };
};

async function appFrame(page: Page): Promise<Frame> {
  await page.goto(fixture.consoleUrl());
  const origin = fixture.appOrigins[0];
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origin))).toBe(true);
  const frame = page.frames().find((candidate) => candidate.url().startsWith(origin)) as Frame;
  await expect
    .poll(() => frame.evaluate(() => (window as unknown as AppWindow).e2e?.ready === true).catch(() => false))
    .toBe(true);
  await frame.evaluate(() => {
    const state = (window as unknown as AppWindow).e2e;
    state.statuses = [];
    state.app.delivery.on('status', (order) =>
      state.statuses?.push({ orderId: order.orderId, status: order.status, rider: order.rider }),
    );
  });
  return frame;
}

const order = (orderId: string) => ({
  orderId,
  cityCode: '021',
  cargo: { price: 88, weight: 2 },
  receiver: {
    name: '赵六',
    phone: '13811112222',
    address: '上海市静安区南京西路1266号',
    lat: 31.2303,
    lng: 121.4463,
  },
});

test('an app quotes, creates and follows a delivery to delivered under a stepped clock', async ({ page }) => {
  const frame = await appFrame(page);
  const created = await frame.evaluate(async (request) => {
    const { app } = (window as unknown as AppWindow).e2e;
    const quote = await app.delivery.quote(request);
    const order = await app.delivery.create(quote);
    return { quote, order };
  }, order('E2E-1'));
  expect(created.quote).toMatchObject({
    orderId: 'E2E-1',
    fee: expect.any(Number),
    distance: expect.any(Number),
  });
  expect(created.order).toMatchObject({ orderId: 'E2E-1', status: 1 });

  for (let step = 0; step < 12; step += 1) await fixture.miaosong.clock.advance(5 * 60_000);
  const statuses = () =>
    frame.evaluate(() =>
      (window as unknown as AppWindow).e2e.statuses
        ?.filter((s) => s.orderId === 'E2E-1')
        .map((s) => s.status),
    );
  await expect.poll(statuses, { timeout: 15_000 }).toEqual([1, 2, 100, 3, 4]);
  const delivered = await frame.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.delivery.get('E2E-1'),
  );
  expect(delivered).toMatchObject({ status: 4, rider: { name: expect.any(String) } });
});

test('cancelling after a rider accepted costs the documented 2 元; before, nothing', async ({ page }) => {
  const frame = await appFrame(page);
  await frame.evaluate(
    async (requests) => {
      const { app } = (window as unknown as AppWindow).e2e;
      for (const request of requests) await app.delivery.create(request);
    },
    [order('E2E-2'), order('E2E-3')],
  );
  const free = await frame.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.delivery.cancel('E2E-2', 36),
  );
  expect(free).toEqual({ deductFee: 0 });
  await fixture.miaosong.clock.advance(40_000);
  await fixture.miaosong.clock.advance(2 * 60_000);
  await expect
    .poll(
      () =>
        frame.evaluate(() =>
          (window as unknown as AppWindow).e2e.statuses?.some((s) => s.orderId === 'E2E-3' && s.status === 2),
        ),
      {
        timeout: 15_000,
      },
    )
    .toBe(true);
  const charged = await frame.evaluate(() =>
    (window as unknown as AppWindow).e2e.app.delivery.cancel('E2E-3', { id: 10000, text: '顾客改为自提' }),
  );
  expect(charged).toEqual({ deductFee: 2 });
  await expect
    .poll(() =>
      frame.evaluate(() =>
        (window as unknown as AppWindow).e2e.statuses?.some((s) => s.orderId === 'E2E-3' && s.status === 5),
      ),
    )
    .toBe(true);
});

test('another app sees none of these orders', async ({ page }) => {
  await page.goto(fixture.consoleUrl());
  const origin = fixture.appOrigins[1];
  await expect.poll(() => page.frames().some((frame) => frame.url().startsWith(origin))).toBe(true);
  const other = page.frames().find((candidate) => candidate.url().startsWith(origin)) as Frame;
  await expect
    .poll(() => other.evaluate(() => (window as unknown as AppWindow).e2e?.ready === true).catch(() => false))
    .toBe(true);
  const result = await other.evaluate(async () => {
    const { app } = (window as unknown as AppWindow).e2e;
    const list = await app.delivery.list();
    const get = await app.delivery.get('E2E-1').catch((error: { code: string }) => error.code);
    return { count: list.items.length, get };
  });
  expect(result).toEqual({ count: 0, get: 'NOT_FOUND' });
});
