// @vitest-environment happy-dom
import { createMockHost, type MockHost } from '@jingmai/sdk/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AssistantApp } from './assistant-app.js';
import type { ListingGenerator } from './listing-generator.js';

// Node's Blob rather than happy-dom's, before the SDK and the protocol load: the mock host's
// MessageChannel is Node's, and its structured clone keeps only Node's Blobs (as a browser's keeps
// its own), which the protocol's schema then checks with `instanceof Blob`.
vi.hoisted(() => {
  const { Blob, File } = process.getBuiltinModule('node:buffer');
  Object.assign(globalThis, { Blob, File });
});

let host: MockHost | undefined;
afterEach(() => host?.close());

async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}

async function start(options: Parameters<typeof createMockHost>[0] = {}, generator?: ListingGenerator) {
  host = createMockHost(options);
  const app = await host.connect();
  const root = document.createElement('main');
  document.body.append(root);
  act(() => render(<AssistantApp app={app} {...(generator ? { generator } : {})} />, root));
  await settle();
  const field = <E extends HTMLInputElement | HTMLTextAreaElement>(name: string) =>
    root.querySelector(`[name="${name}"]`) as E;
  const type = (name: string, value: string) => {
    const input = field(name);
    input.value = value;
    act(() => {
      input.dispatchEvent(new Event('input'));
    });
  };
  const button = (label: string) =>
    [...root.querySelectorAll('button')].find(
      (element) => element.textContent === label,
    ) as HTMLButtonElement;
  return { root, field, type, button, host };
}

describe('listing assistant', () => {
  it('writes zh and en listings, saves the edited draft and opens it again', async () => {
    const { root, field, type, button, host } = await start();
    expect(root.querySelector('.assistant-drafts [role="status"]')?.textContent).toContain('还没有草稿');
    type('category', '背包');
    type('brand', '京造');
    type('material', '尼龙');
    type('size', '20L');
    type('color', '黑色');
    type('features', '大容量、防水，轻便');
    act(() => button('生成文案').click());
    await settle();
    expect(field('title-zh').value).toBe('京造 防水轻便尼龙背包 黑色 20L');
    expect(field('title-en').value).toBe('京造 Waterproof Lightweight Nylon Backpack, Black, 20L');
    expect(field<HTMLTextAreaElement>('points-zh').value.split('\n')[0]).toBe('防水面料，雨天出行不怕湿');
    expect(root.querySelector('section[lang="en"] h2')?.textContent).toBe('English');

    type('title-zh', '京造 防水背包 通勤出差都合适');
    act(() => button('保存草稿').click());
    await settle();
    const stored = host.objects.get('drafts/京造-背包.json');
    expect(stored?.info.contentType).toBe('application/json');
    const draft = JSON.parse((await stored?.body.text()) ?? 'null');
    expect(draft).toMatchObject({
      attributes: { category: '背包', brand: '京造', features: ['大容量', '防水', '轻便'] },
      listings: {
        zh: { title: '京造 防水背包 通勤出差都合适' },
        en: { title: expect.stringContaining('Nylon') },
      },
    });
    expect(host.toasts).toEqual([{ message: '草稿“京造-背包”已保存', tone: 'success' }]);

    // Another session (a reload) lists the draft and opens it with the edits.
    const again = document.createElement('main');
    const app = await host.connect();
    act(() => render(<AssistantApp app={app} />, again));
    await settle();
    act(() => (again.querySelector('button[aria-label="打开草稿 京造-背包"]') as HTMLButtonElement).click());
    await settle();
    const value = (name: string) => (again.querySelector(`[name="${name}"]`) as HTMLInputElement).value;
    expect(value('title-zh')).toBe('京造 防水背包 通勤出差都合适');
    expect(value('brand')).toBe('京造');
    expect(value('features')).toBe('大容量、防水、轻便');
    act(() => render(null, again));
  });

  it('asks for the category before writing, in English when the console is', async () => {
    const { root, button, type, field } = await start({ context: { locale: 'en-US' } });
    act(() => button('Write listing').click());
    await settle();
    const category = field('category');
    expect(category.getAttribute('aria-invalid')).toBe('true');
    expect(
      root.querySelector(`#${CSS.escape(category.getAttribute('aria-describedby') ?? '')}`)?.textContent,
    ).toBe('Enter a category');
    expect(root.querySelector('[name="title-zh"]')).toBeNull();
    type('category', 'T-shirt');
    type('material', 'cotton');
    type('features', 'breathable, machine washable');
    act(() => button('Write listing').click());
    await settle();
    expect(field('title-zh').value).toBe('透气可机洗纯棉T恤');
    expect(field('title-en').value).toBe('Breathable Machine-Washable Cotton T-Shirt');
  });

  it('writes with whichever ListingGenerator it is given, such as one backed by a server model', async () => {
    const requests: string[] = [];
    const generator: ListingGenerator = {
      async generate(attributes, language) {
        requests.push(`${language}:${attributes.category}`);
        return { title: `${language} title`, sellingPoints: [`${language} point`] };
      },
    };
    const { button, type, field } = await start({}, generator);
    type('category', '耳机');
    act(() => button('生成文案').click());
    await settle();
    expect(requests).toEqual(['zh:耳机', 'en:耳机']);
    expect(field('title-en').value).toBe('en title');
    expect(field<HTMLTextAreaElement>('points-zh').value).toBe('zh point');
  });
});
