import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RunningSandbox, startSandboxProcess } from './start-sandbox.js';

// `jingmai dev` in an app folder: the app reloads in its frame on each save, and the console
// keeps what it knew (calls, grants). The app lives under sandbox/.jingmai (ignored by git), so
// its @jingmai/sdk import resolves to the workspace's package.
const sandboxDir = fileURLToPath(new URL('..', import.meta.url));
const bin = join(sandboxDir, '../packages/cli/dist/bin.js');
const appDir = join(sandboxDir, '.jingmai', 'e2e-apps', `hot-${process.pid}`);
let running: RunningSandbox;

const manifest = {
  id: 'com.example.hot',
  name: 'Hot reload',
  version: '1.0.0',
  entry: 'http://localhost:4001/hot/',
  scopes: [{ scope: 'ui', purpose: 'Show toasts.' }],
  ui: { height: { default: 200, min: 100, max: 600 } },
  protocol: { versions: [1] },
};

function writeMain(heading: string): void {
  writeFileSync(
    join(appDir, 'source/main.ts'),
    `import { connect } from '@jingmai/sdk';
const app = await connect();
const output = document.createElement('output');
const button = document.createElement('button');
button.textContent = 'Toast';
button.onclick = () => app.ui.toast('hi').then(() => { output.textContent = 'shown'; }, (error) => { output.textContent = error.code; });
const title = document.createElement('h1');
title.textContent = ${JSON.stringify(heading)};
document.body.replaceChildren(title, button, output);
`,
  );
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  mkdirSync(join(appDir, 'source'), { recursive: true });
  writeFileSync(join(appDir, 'jingmai.app.json'), JSON.stringify(manifest));
  writeFileSync(
    join(appDir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="./source/main.ts"></script></body></html>',
  );
  writeMain('Version 1');
  running = await startSandboxProcess(process.execPath, [bin, 'dev'], appDir);
});

test.afterAll(async () => {
  await running?.stop();
  rmSync(appDir, { recursive: true, force: true });
});

test('jingmai dev reloads the app on save and the console keeps its calls and grants', async ({ page }) => {
  expect(running.output()).toContain('1 app(s): Hot reload');
  await page.goto(running.url);
  const app = page.frameLocator('iframe[data-jingmai-app="com.example.hot"]');
  await expect(app.getByRole('heading')).toHaveText('Version 1');
  await app.getByRole('button', { name: 'Toast' }).click();
  await expect(app.locator('output')).toHaveText('shown');
  await page.getByRole('tab', { name: 'Permissions' }).click();
  await page.getByLabel('ui', { exact: true }).uncheck();

  writeMain('Version 2');
  await expect(app.getByRole('heading')).toHaveText('Version 2');
  // The reloaded app still lacks the revoked scope, and the earlier call is still listed.
  await expect(page.getByLabel('ui', { exact: true })).not.toBeChecked();
  await app.getByRole('button', { name: 'Toast' }).click();
  await expect(app.locator('output')).toHaveText('PERMISSION_DENIED');
  await page.getByRole('tab', { name: 'Bridge calls' }).click();
  await expect(page.locator('.call[data-method="ui.toast"][data-outcome="ok"]')).toHaveCount(1);
  await expect(page.locator('.call[data-method="ui.toast"][data-outcome="refused"]')).toHaveCount(1);

  // A broken save keeps the running app and shows where the problem is.
  writeFileSync(join(appDir, 'source/main.ts'), 'const = ;\n');
  await page.getByRole('tab', { name: /Errors/ }).click();
  await expect(page.locator('.build-problems')).toContainText('source/main.ts:1:');
  await expect(app.getByRole('heading')).toHaveText('Version 2');
  writeMain('Version 3');
  await expect(app.getByRole('heading')).toHaveText('Version 3');
  await expect(page.locator('.build-problems')).toHaveCount(0);
});
