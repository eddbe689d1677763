// @vitest-environment happy-dom
import { createMockHost } from '@jingmai/sdk/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { App } from './App.js';

describe('App', () => {
  it('greets the shop and follows the console theme', async () => {
    const host = createMockHost({ context: { locale: 'en-US' } });
    const app = await host.connect();
    const root = document.createElement('main');
    act(() => render(<App app={app} />, root));
    expect(root.querySelector('h1')?.textContent).toBe('Hello, 京东测试店铺!');
    host.setContext({ theme: 'dark' });
    await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
    expect(document.body.dataset.theme).toBe('dark');
    host.close();
  });

  it('says hello with a toast in the console', async () => {
    const host = createMockHost({ context: { locale: 'zh-CN' } });
    const app = await host.connect();
    const root = document.createElement('main');
    act(() => render(<App app={app} />, root));
    await act(async () => {
      root.querySelector('button')?.click();
      await new Promise((resolve) => setTimeout(resolve, 10));
    });
    expect(host.toasts).toEqual([{ message: '你好，京东测试店铺！', tone: 'success' }]);
    host.close();
  });
});
