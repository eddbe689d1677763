import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type FrameLocator, type Page, test } from '@playwright/test';
import { type RunningSandbox, startSandboxProcess } from './start-sandbox.js';

// The contest examples as a merchant uses them in `pnpm start`'s sandbox. The hello example is
// covered by sandbox.spec.ts. The sandbox starts from empty data: the dispatch example ships a
// fixed set of store orders, and a delivered order cannot be sent again.
let sandbox: RunningSandbox;
let dataDir: string;

test.beforeAll(async () => {
  test.setTimeout(90_000);
  dataDir = mkdtempSync(join(tmpdir(), 'jingmai-examples-e2e-'));
  sandbox = await startSandboxProcess('pnpm', ['start'], fileURLToPath(new URL('../..', import.meta.url)), {
    ...process.env,
    JINGMAI_SANDBOX_DATA_DIR: dataDir,
  });
});

test.afterAll(async () => {
  await sandbox?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
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

/** Answers the console's confirmation dialog with its confirm button. */
async function confirm(page: Page) {
  const dialog = page.locator('jingmai-overlay dialog[open]');
  await dialog.getByRole('button', { name: 'OK' }).click();
  await expect(dialog).toHaveCount(0);
}

test('every example app is in the app switcher', async ({ page }) => {
  await page.goto(sandbox.url);
  const apps = page.getByRole('navigation', { name: 'Apps' });
  for (const name of [
    'Hello 京麦',
    '秒送派单 Delivery Dispatch',
    '商品图库 Product Gallery',
    '商品文案助手 Listing Assistant',
  ])
    await expect(apps.getByRole('button', { name })).toBeVisible();
});

test('delivery dispatch: quote and send store orders, follow one to delivered, cancel one after a rider accepted', async ({
  page,
}) => {
  const app = await openApp(page, '秒送派单 Delivery Dispatch');
  const delivered = 'JM20240601001';
  const cancelled = 'JM20240601002';
  const row = (id: string) => app.getByRole('row').filter({ hasText: id });

  await app.getByRole('checkbox', { name: `选择订单 ${delivered}` }).check();
  await app.getByRole('checkbox', { name: `选择订单 ${cancelled}` }).check();
  await app.getByRole('button', { name: '询价（2）' }).click();
  await expect(row(delivered).getByRole('cell', { name: /^¥\d+\.\d\d$/ })).toBeVisible();
  await expect(row(cancelled).getByRole('cell', { name: /^¥\d+\.\d\d$/ })).toBeVisible();
  await app.getByRole('button', { name: '发单（2）' }).click();
  // The shim's riders accept by themselves after 30 s of its clock (3 s here).
  await expect(row(delivered).locator('.jm-badge')).toHaveText(/^(待接单|待取货)$/);
  await expect(row(cancelled).locator('.jm-badge')).toHaveText(/^(待接单|待取货)$/);
  await expect(app.getByRole('checkbox', { name: `选择订单 ${delivered}` })).toBeDisabled();

  // The clock, from the delivery panel; the app follows by status events. A minute: both accepted.
  await tab(page, 'Delivery');
  const card = page.locator(`.order[data-order="${delivered}"]`);
  const other = page.locator(`.order[data-order="${cancelled}"]`);
  await page.getByRole('button', { name: 'Advance +1 min' }).click();
  for (const id of [delivered, cancelled]) {
    await expect(page.locator(`.order[data-order="${id}"]`)).toHaveAttribute('data-status', /^(2|100)$/);
    await expect(row(id).locator('.jm-badge')).toHaveText(/^(待取货|骑士到店)$/);
  }

  // Past the free minute after the rider accepted, cancelling keeps the rider's 2 元.
  await page.getByRole('button', { name: 'Advance +1 min' }).click();
  await row(cancelled).getByRole('button', { name: '跟踪' }).click();
  const tracking = app.locator('.dispatch-tracking');
  await expect(tracking.getByRole('heading')).toContainText(cancelled);
  await expect(tracking.getByLabel('取消原因').locator('option')).not.toHaveCount(0);
  await tracking.getByRole('button', { name: '取消配送' }).click();
  await confirm(page);
  await expect(tracking.getByRole('status')).toHaveText('已取消，扣除违约金 ¥2.00');
  await expect(row(cancelled).locator('.jm-badge')).toHaveText('已取消');

  // The other one: picked up by the rider, then delivered an hour later.
  await card.getByRole('button', { name: 'Rider: fetch' }).click();
  await expect(row(delivered).locator('.jm-badge')).toHaveText('配送中');
  await page.getByRole('button', { name: 'Advance +1 h' }).click();
  await expect(card).toHaveAttribute('data-status', '4');
  await expect(row(delivered).locator('.jm-badge')).toHaveText('已完成');
  await row(delivered).getByRole('button', { name: '跟踪' }).click();
  await expect(tracking.getByRole('heading')).toContainText(delivered);
  await expect(tracking.getByRole('heading')).toContainText('已完成');
  await expect(other).toHaveAttribute('data-status', '5');
});

test('product gallery: upload an image with progress, see its thumbnail, share it, delete it', async ({
  page,
}) => {
  const app = await openApp(page, '商品图库 Product Gallery');
  const name = `e2e-${Date.now()}.png`;
  // A 1×1 red PNG.
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  );
  await app.locator('input[type="file"]').setInputFiles({ name, mimeType: 'image/png', buffer: png });

  const upload = app
    .getByRole('region', { name: '上传任务' })
    .getByRole('listitem')
    .filter({ hasText: name });
  const progress = upload.getByRole('progressbar', { name });
  await expect(progress).toHaveAttribute('aria-valuenow', '100');
  await expect(progress).toHaveAttribute('aria-valuetext', '已完成 100%');
  await expect(upload).toContainText('已上传');

  const images = app.getByRole('region', { name: '商品图片' });
  const thumbnail = images.getByRole('img', { name });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(1);

  await images.getByRole('button', { name: `分享链接 ${name}` }).click();
  const link = app.getByRole('textbox', { name: `“${name}”的分享链接` });
  await expect(link).toHaveValue(/^https?:\/\/\S+/);
  const shared = await page.request.get(await link.inputValue());
  expect(shared.status()).toBe(200);
  expect(Buffer.from(await shared.body())).toEqual(png);

  await images.getByRole('button', { name: `删除 ${name}` }).click();
  await confirm(page);
  await expect(thumbnail).toHaveCount(0);
  await expect(link).toHaveCount(0);
  await expect(images).toContainText('还没有商品图片');
});

test('listing assistant: write a listing in Chinese and English, edit it, save a draft, find it after a reload', async ({
  page,
}) => {
  const app = await openApp(page, '商品文案助手 Listing Assistant');
  const form = app.getByRole('form', { name: '商品属性' });
  await form.getByLabel('类目').fill('背包');
  await form.getByLabel('品牌').fill('京造');
  await form.getByLabel('材质').fill('尼龙');
  await form.getByLabel('规格').fill('20L');
  await form.getByLabel('颜色').fill('黑色');
  await form.getByLabel('卖点特征').fill('大容量、防水、USB充电口、轻便');
  await form.getByRole('button', { name: '生成文案' }).click();

  // The local engine: the same attributes always give the same words.
  const zh = app.getByRole('region', { name: '中文' });
  const en = app.getByRole('region', { name: 'English' });
  await expect(zh.getByLabel('标题')).toHaveValue('京造 防水轻便尼龙背包 黑色 20L');
  await expect(zh.getByLabel('卖点')).toHaveValue(
    [
      '防水面料，雨天出行不怕湿',
      '轻量设计，长时间携带不累',
      '大容量分区收纳，物品一目了然',
      'USB充电口，细节用心',
      '尼龙材质，黑色配色，20L规格，品质可靠',
    ].join('\n'),
  );
  await expect(en.getByLabel('标题')).toHaveValue('京造 Waterproof Lightweight Nylon Backpack, Black, 20L');
  await expect(en.getByLabel('卖点')).toHaveValue(/^Waterproof fabric keeps everything dry in the rain\n/);

  const edited = `京造 防水轻便尼龙背包 黑色 20L 新款 ${Date.now()}`;
  await zh.getByLabel('标题').fill(edited);
  await app.getByRole('button', { name: '保存草稿' }).click();
  // The toast follows the storage write, which can take a while when the machine is busy.
  await expect(page.locator('jingmai-overlay .toast')).toContainText('草稿“京造-背包”已保存', {
    timeout: 15_000,
  });
  await expect(app.getByRole('button', { name: '打开草稿 京造-背包' })).toBeVisible();

  // A fresh page of the app: the draft comes back from storage.
  await page.reload();
  await page
    .getByRole('navigation', { name: 'Apps' })
    .getByRole('button', { name: '商品文案助手 Listing Assistant' })
    .click();
  await expect(page.locator('.app-status')).toHaveAttribute('data-state', 'ready');
  await expect(app.getByRole('region', { name: '中文' })).toHaveCount(0);
  await app.getByRole('button', { name: '打开草稿 京造-背包' }).click();
  await expect(zh.getByLabel('标题')).toHaveValue(edited);
  await expect(form.getByLabel('类目')).toHaveValue('背包');
  await expect(en.getByLabel('标题')).toHaveValue('京造 Waterproof Lightweight Nylon Backpack, Black, 20L');
});
