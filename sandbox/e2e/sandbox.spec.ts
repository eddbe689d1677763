import { fileURLToPath } from 'node:url';
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import { type RunningSandbox, startSandboxProcess } from './start-sandbox.js';

// The whole sandbox as an entrant uses it: `pnpm start`, the printed URL, the example apps.
let sandbox: RunningSandbox;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  sandbox = await startSandboxProcess('pnpm', ['start'], fileURLToPath(new URL('..', import.meta.url)));
});

test.afterAll(async () => {
  await sandbox?.stop();
});

async function openApp(page: Page, name: string): Promise<FrameLocator> {
  await page.goto(sandbox.url);
  await page.getByRole('navigation', { name: 'Apps' }).getByRole('button', { name }).click();
  await expect(page.locator('.app-status')).toHaveAttribute('data-state', 'ready');
  return page.frameLocator('.frame-slot iframe');
}

async function tab(page: Page, label: string) {
  await page.getByRole('tab', { name: label }).click();
}

test('the hello app runs in a sandboxed frame; toasts come from the console; a revoked scope is refused', async ({
  page,
}) => {
  const app = await openApp(page, 'Hello 京麦');
  await expect(page.locator('iframe[data-jingmai-app="com.jingmai.hello"]')).toHaveAttribute(
    'sandbox',
    'allow-scripts',
  );
  await app.getByRole('button', { name: 'Toast' }).click();
  await expect(page.locator('jingmai-overlay .toast')).toContainText('Hello');
  await app.getByRole('button', { name: 'Session token' }).click();
  await expect(app.locator('code')).toHaveText(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);

  // Context changes reach the app live; the platform server sees the chosen role.
  await tab(page, 'Context');
  await page.getByLabel('Theme').selectOption('dark');
  await expect(app.locator('body')).toHaveAttribute('data-theme', 'dark');
  await page.getByLabel('Role').selectOption('viewer');
  await expect(page.getByRole('tabpanel')).toContainText('x-jingmai-role: viewer');
  await expect(page.locator('.topbar .who')).toContainText('viewer');

  await tab(page, 'Permissions');
  await page.getByLabel('auth:session').uncheck();
  await app.getByRole('button', { name: 'Session token' }).click();
  await expect(app.locator('code')).toHaveText(/PERMISSION_DENIED|needs the "auth:session" scope/);
  await tab(page, 'Bridge calls');
  const refused = page.locator('.call[data-outcome="refused"][data-method="auth.sessionToken"]');
  await expect(refused).toContainText('PERMISSION_DENIED');
});

test('an uploaded file shows in the storage browser, with an image preview', async ({ page }) => {
  const app = await openApp(page, 'Sandbox demo');
  const name = `pixel-${Date.now()}.png`;
  // A 1×1 red PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
  await app.getByLabel('File to upload').setInputFiles({ name, mimeType: 'image/png', buffer: png });
  await expect(app.locator('#result')).toHaveText(`stored uploads/${name} (${png.length} B)`);

  await tab(page, 'Storage');
  const row = page.locator(`tr[data-key="uploads/${name}"]`);
  await expect(row).toContainText(`${png.length} B`);
  await row.getByRole('button', { name: 'Preview' }).click();
  const preview = row.getByRole('img');
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);

  // Storage belongs to the shop: switched to another shop, the console and the platform server
  // follow, and the file is not there; back in the first shop, it is.
  const switchShop = async (id: string, name: string) => {
    await tab(page, 'Context');
    await page.getByLabel('Shop').selectOption(id);
    await expect(page.locator('.topbar .who')).toContainText(name);
    await tab(page, 'Storage');
    await expect(page.getByText(`in shop ${id}`)).toBeVisible();
  };
  await switchShop('shop-2002', '京麦旗舰店');
  await expect(row).toHaveCount(0);
  await switchShop('shop-1001', '京东测试店铺');
  await expect(row).toContainText(`${png.length} B`);

  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
});

test('a delivery reaches delivered, in the app and in the delivery panel', async ({ page }) => {
  const app = await openApp(page, 'Sandbox demo');
  await app.getByRole('button', { name: 'Send delivery' }).click();
  const status = app.locator('#delivery-status');
  await expect(status).toHaveAttribute('data-status', '1');
  const orderId = ((await status.textContent()) ?? '').split(':')[0] ?? '';
  await expect(page.locator('jingmai-overlay .toast')).toContainText(`Delivery ${orderId} sent`);

  await tab(page, 'Delivery');
  const card = page.locator(`.order[data-order="${orderId}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByRole('img', { name: 'Delivery route' })).toBeVisible();
  await card.getByRole('button', { name: 'Rider: accept' }).click();
  await expect(card).toHaveAttribute('data-status', '2');
  await expect(card.locator('[data-point="rider"]')).toBeVisible();
  await card.getByRole('button', { name: 'Rider: fetch' }).click();
  await expect(card).toHaveAttribute('data-status', '3');
  // The rest of the way by the shim's clock: an hour is more than any ride in the city.
  await page.getByRole('button', { name: 'Advance +1 h' }).click();
  await expect(card).toHaveAttribute('data-status', '4');
  await expect(status).toHaveAttribute('data-status', '4');
  await expect(card.locator('.timeline li[data-status="4"]')).toBeVisible();
});

test('a revoked scope gives the app a typed error, and the inspector shows the refusal', async ({ page }) => {
  const app = await openApp(page, 'Sandbox demo');
  await tab(page, 'Permissions');
  await page.getByLabel('storage:write').uncheck();
  await app.getByRole('button', { name: 'Save note' }).click();
  await expect(app.locator('#result')).toHaveText(/^PERMISSION_DENIED: /);

  await tab(page, 'Bridge calls');
  await page.getByLabel('Outcome').selectOption('refused');
  const refused = page.locator('.call[data-method="storage.put"]');
  await expect(refused).toHaveCount(1);
  await expect(refused).toContainText('refused PERMISSION_DENIED');
  await refused.locator('summary').click();
  await expect(refused.locator('pre')).toContainText('"decision": "refused"');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON' }).click();
  const exported = JSON.parse(
    await (await (await download).createReadStream()).toArray().then((c) => Buffer.concat(c).toString()),
  );
  expect(exported.calls).toEqual([expect.objectContaining({ method: 'storage.put', decision: 'refused' })]);

  await tab(page, 'Permissions');
  await page.getByLabel('storage:write').check();
  await app.getByRole('button', { name: 'Save note' }).click();
  await expect(app.locator('#result')).toHaveText(/^stored notes\/\d+\.txt/);
});

test("the app's uncaught errors show with their source location", async ({ page }) => {
  const app = await openApp(page, 'Sandbox demo');
  await app.getByRole('button', { name: 'Throw an error' }).click();
  await tab(page, 'Errors');
  const error = page.locator('.app-error[data-kind="error"]').first();
  await expect(error).toContainText('Demo failure from a timer');
  await expect(error.locator('.location')).toHaveText(/^source\/demo\.ts:\d+:\d+$/);
});
