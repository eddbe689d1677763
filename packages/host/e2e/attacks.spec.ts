import { expect, type Frame, type Page, test } from '@playwright/test';
import { type Fixture, startFixture } from './fixture.js';

// A hostile app (frame A, granted only "ui") attacks the console; after each attack the console
// and the well-behaved app in frame B must still work.

let fixture: Fixture;
test.beforeAll(async () => {
  fixture = await startFixture();
});
test.afterAll(async () => fixture.close());

type Attacks = Record<string, (...args: never[]) => unknown>;
type HostileWindow = Window & { e2e: { attacks: Attacks } };
type AppWindow = Window & { e2e: { ready?: boolean; app: import('@jingmai/sdk').App } };

function frameAt(page: Page, origin: string): Frame {
  return page.frames().find((frame) => frame.url().startsWith(origin)) as Frame;
}

async function setup(page: Page) {
  const consoleUrl = fixture.consoleUrl({ pageA: 'hostile.html', grantsA: 'ui' });
  await page.goto(consoleUrl);
  await expect.poll(() => page.frames().length).toBe(3);
  const hostile = frameAt(page, fixture.appOrigins[0]);
  const good = frameAt(page, fixture.appOrigins[1]);
  await expect
    .poll(() => good.evaluate(() => (window as unknown as AppWindow).e2e?.ready === true).catch(() => false))
    .toBe(true);
  await expect
    .poll(() => hostile.evaluate(() => Boolean((window as unknown as HostileWindow).e2e)).catch(() => false))
    .toBe(true);
  const scopes = await hostile.evaluate(() =>
    (window as unknown as HostileWindow).e2e.attacks.rawConnect?.(),
  );
  expect(scopes).toEqual({ scopes: ['ui'] });
  return { hostile, good, consoleUrl };
}

function attack(frame: Frame, name: string, ...args: unknown[]) {
  return frame.evaluate(
    ([attackName, attackArgs]) => {
      const fn = (window as unknown as HostileWindow).e2e.attacks[attackName as string] as (
        ...a: unknown[]
      ) => unknown;
      return fn(...(attackArgs as unknown[]));
    },
    [name, args] as const,
  );
}

async function stillWorks(page: Page, good: Frame, consoleUrl: string) {
  expect(page.url()).toBe(consoleUrl);
  expect(await page.evaluate(() => document.title)).toBe('e2e');
  const toast = `still fine ${Math.random()}`;
  await good.evaluate((message) => (window as unknown as AppWindow).e2e.app.ui.toast(message), toast);
  await expect(page.locator('jingmai-overlay .toast', { hasText: toast })).toBeVisible();
}

test('cannot read the console document or location', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  expect(await attack(hostile, 'readParentDocument')).toBe('SecurityError');
  expect(await attack(hostile, 'readParentLocation')).toBe('SecurityError');
  expect(await attack(hostile, 'readCookiesAndStorage')).toEqual([
    'SecurityError',
    'SecurityError',
    'SecurityError',
  ]);
  await stillWorks(page, good, consoleUrl);
});

test('cannot navigate the top window or open popups', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  const popups: unknown[] = [];
  page.context().on('page', (popup) => popups.push(popup));
  expect(await attack(hostile, 'navigateTop')).toBe('SecurityError');
  expect(await attack(hostile, 'openPopup')).toBe('blocked');
  await page.waitForTimeout(300);
  expect(popups).toEqual([]);
  await stillWorks(page, good, consoleUrl);
});

test('forged messages to the console, before and after the handshake, do nothing', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  // The forged welcome and hellos posted at load did not create extra sessions: exactly one ready.
  const readies = await page.evaluate(
    () =>
      (window as unknown as { e2e: { events: { app: string; event: string }[] } }).e2e.events.filter(
        (e) => e.app === 'com.example.alpha' && e.event === 'ready',
      ).length,
  );
  expect(readies).toBe(1);
  expect(await attack(hostile, 'forgeAfterHandshake')).toBe(0);
  await stillWorks(page, good, consoleUrl);
});

test('a nested iframe cannot handshake in the app’s name', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  expect(await attack(hostile, 'nestedHello')).toBe('ignored');
  await stillWorks(page, good, consoleUrl);
});

test('methods outside the granted scopes are refused', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  expect(await attack(hostile, 'call', 'auth.sessionToken', {})).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await attack(hostile, 'call', 'context.get', {})).toMatchObject({ code: 'PERMISSION_DENIED' });
  expect(await attack(hostile, 'call', 'ui.toast', { message: 'allowed' })).toMatchObject({ tag: 1 });
  await stillWorks(page, good, consoleUrl);
});

test('raw get/set/construct/release messages on the port reach nothing', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  expect(await attack(hostile, 'rawRpcMessages')).toBe(0);
  for (const method of ['constructor', '__proto__', 'toString', 'services', 'ui']) {
    expect(await attack(hostile, 'call', method, {})).toMatchObject({ code: 'NOT_FOUND' });
  }
  await stillWorks(page, good, consoleUrl);
});

test('malformed, nested and oversized batches reach nothing; calls inside a batch get every check', async ({
  page,
}) => {
  const { hostile, good, consoleUrl } = await setup(page);
  expect(await attack(hostile, 'hostileBatches')).toEqual({
    leaked: 0,
    answers: ['PERMISSION_DENIED', 'NOT_FOUND', 'OK'],
  });
  await stillWorks(page, good, consoleUrl);
});

test('__proto__ and constructor payloads are refused as invalid arguments', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  const proto = await hostile.evaluate(() =>
    (window as unknown as HostileWindow).e2e.attacks.call?.(
      'ui.toast' as never,
      JSON.parse('{"message":"x","__proto__":{"polluted":1}}') as never,
    ),
  );
  expect(proto).toMatchObject({ code: 'INVALID_ARGUMENT' });
  const ctor = await attack(hostile, 'call', 'ui.setTitle', {
    title: 'x',
    constructor: { prototype: { polluted: 1 } },
  });
  expect(ctor).toMatchObject({ code: 'INVALID_ARGUMENT' });
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
  await stillWorks(page, good, consoleUrl);
});

test('a 50 MB payload is refused as too large', async ({ page }) => {
  const { hostile, good, consoleUrl } = await setup(page);
  const result = await hostile.evaluate(() =>
    (window as unknown as HostileWindow).e2e.attacks.call?.(
      'ui.toast' as never,
      { message: 'x'.repeat(50 * 1024 * 1024) } as never,
    ),
  );
  expect(result).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  await stillWorks(page, good, consoleUrl);
});

test('100 000 messages in one burst are refused, the flood closes the session, and the console keeps serving', async ({
  page,
}) => {
  const { hostile, good, consoleUrl } = await setup(page);
  const { codes, closedWith } = (await attack(hostile, 'burst', 100_000)) as {
    codes: Record<string, number>;
    closedWith?: string;
  };
  expect(closedWith).toBe('RATE_LIMITED');
  // The write class allows a burst of 50 plus 20 per second while the flood is measured.
  expect(codes.OK).toBeLessThanOrEqual(100);
  expect(codes.RATE_LIMITED).toBeGreaterThanOrEqual(1000);
  expect(Object.keys(codes).sort()).toEqual(['OK', 'RATE_LIMITED']);
  const events = await page.evaluate(
    () =>
      (window as unknown as { e2e: { events: { app: string; event: string; detail?: unknown }[] } }).e2e
        .events,
  );
  expect(events).toContainEqual({
    app: 'com.example.alpha',
    event: 'error',
    detail: { code: 'RATE_LIMITED' },
  });
  await stillWorks(page, good, consoleUrl);
  // The app may connect again and is served normally.
  expect(await attack(hostile, 'rawConnect')).toEqual({ scopes: ['ui'] });
  expect(await attack(hostile, 'call', 'ui.toast', { message: 'after the burst' })).toMatchObject({ tag: 1 });
});
