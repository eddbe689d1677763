// @vitest-environment happy-dom
import { createMockHost } from '@jingmai/sdk/testing';
import { describe, expect, it } from 'vitest';
import { renderHello } from './hello.js';

describe('hello app', () => {
  it('greets the shop in its locale and follows the theme', async () => {
    const host = createMockHost({ context: { locale: 'en-US' } });
    const app = await host.connect();
    const root = document.createElement('main');
    document.body.append(root);
    renderHello(app, root);
    expect(root.querySelector('h1')?.textContent).toBe('Hello, 京东测试店铺!');
    host.setContext({ theme: 'dark', locale: 'zh-CN' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.body.dataset.theme).toBe('dark');
    expect(root.querySelector('h1')?.textContent).toBe('你好，京东测试店铺！');
    host.close();
  });

  it('shows a toast and a session token from the console', async () => {
    const host = createMockHost();
    const app = await host.connect();
    const root = document.createElement('main');
    renderHello(app, root);
    const [toast, , token] = root.querySelectorAll('button');
    toast?.click();
    token?.click();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.toasts).toEqual([{ message: '来自 Hello 的问候', tone: 'success' }]);
    expect(root.querySelector('code')?.textContent).toMatch(/^mock\./);
    host.close();
  });
});
