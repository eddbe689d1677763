import { type ChildProcess, spawn } from 'node:child_process';
import { expect, test } from '@playwright/test';

// The sandbox as an entrant starts it: one command, one printed URL, the hello app inside.
let child: ChildProcess;
let url: string;

test.beforeAll(async () => {
  child = spawn('pnpm', ['start'], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`sandbox did not start:\n${output}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Jingmai sandbox: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
});

test.afterAll(() => {
  child.kill('SIGINT');
});

test('the sandbox serves the hello app in a sandboxed frame, and scope toggles reach it live', async ({
  page,
}) => {
  await page.goto(url);
  const frameElement = page.locator('iframe[data-jingmai-app="com.jingmai.hello"]');
  await expect(frameElement).toHaveAttribute('sandbox', 'allow-scripts');
  const app = page.frameLocator('iframe[data-jingmai-app="com.jingmai.hello"]');
  await app.getByRole('button', { name: 'Toast' }).click();
  await expect(page.locator('jingmai-overlay .toast')).toContainText('Hello');
  await app.getByRole('button', { name: 'Session token' }).click();
  await expect(app.locator('code')).toHaveText(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  await page.getByLabel('auth:session').uncheck();
  await app.getByRole('button', { name: 'Session token' }).click();
  await expect(app.locator('code')).toHaveText(/PERMISSION_DENIED|needs the "auth:session" scope/);
  await expect(page.locator('.log .refused').first()).toContainText('auth.sessionToken ✖ PERMISSION_DENIED');
});
