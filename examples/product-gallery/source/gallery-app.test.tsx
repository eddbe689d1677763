// @vitest-environment happy-dom
import { JingmaiError } from '@jingmai/sdk';
import { createMockHost, type MockHost } from '@jingmai/sdk/testing';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GalleryApp } from './gallery-app.js';
import { imageKey } from './image-keys.js';

// Node's Blob and File rather than happy-dom's, before the SDK and the protocol load: the mock
// host's MessageChannel is Node's, and its structured clone keeps only Node's Blobs (as a browser's
// keeps its own), which the protocol's schema then checks with `instanceof Blob`.
vi.hoisted(() => {
  const { Blob, File } = process.getBuiltinModule('node:buffer');
  Object.assign(globalThis, { Blob, File });
});

let host: MockHost | undefined;
afterEach(() => host?.close());

async function settle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
}

function image(name: string, bytes = 1000): File {
  return new File([new Uint8Array(bytes)], name, { type: 'image/png' });
}

async function start(options: Parameters<typeof createMockHost>[0] = {}) {
  host = createMockHost(options);
  const app = await host.connect();
  const root = document.createElement('main');
  document.body.append(root);
  act(() => render(<GalleryApp app={app} />, root));
  await settle();
  const choose = async (...files: File[]) => {
    const input = root.querySelector('input[type="file"]') as HTMLInputElement;
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change'));
    await settle();
  };
  const button = (label: string, within: ParentNode = root) =>
    [...within.querySelectorAll('button')].find(
      (element) => element.textContent === label,
    ) as HTMLButtonElement;
  const upload = (name: string) =>
    [...root.querySelectorAll('.gallery-upload')].find((row) =>
      row.textContent?.startsWith(name),
    ) as HTMLElement;
  return { root, choose, button, upload, host };
}

describe('product gallery uploads', () => {
  it('uploads several files at once with progress, cancels one and retries it, retries a failure', async () => {
    const gates = new Map<string, () => void>();
    let failures = 0;
    const { choose, button, upload, host } = await start({
      handlers: {
        'storage.put': ({ key, body, progressId }, call) => {
          const size = body instanceof Blob ? body.size : body.byteLength;
          if (progressId) host.emit('storage.progress', { progressId, loaded: size / 2, total: size });
          if (key === imageKey('flaky.png') && failures++ === 0)
            throw new JingmaiError('UNAVAILABLE', 'OSS is unreachable.');
          return new Promise((resolve, reject) => {
            call.signal.addEventListener('abort', () => reject(call.signal.reason));
            gates.set(key, () =>
              resolve({
                key,
                size,
                etag: '"e"',
                contentType: 'image/png',
                lastModified: new Date().toISOString(),
                metadata: {},
              }),
            );
          });
        },
      },
    });
    await choose(image('front.png', 2000), image('side.png', 4000), image('flaky.png'));
    // Both held uploads are in flight together; the flaky one failed at once.
    expect([...gates.keys()]).toEqual(['products/front.png', 'products/side.png']);

    const bar = (name: string) => upload(name).querySelector('[role="progressbar"]');
    expect(bar('front.png')?.getAttribute('aria-valuenow')).toBe('50');
    expect(bar('side.png')?.getAttribute('aria-valuenow')).toBe('50');
    expect(upload('flaky.png').querySelector('[role="alert"]')?.textContent).toBe(
      '上传失败：OSS is unreachable.',
    );

    act(() => button('取消', upload('side.png')).click());
    await settle();
    expect(upload('side.png').textContent).toContain('已取消');

    act(() => gates.get(imageKey('front.png'))?.());
    await settle();
    expect(bar('front.png')?.getAttribute('aria-valuenow')).toBe('100');
    expect(upload('front.png').textContent).toContain('已上传');

    act(() => button('重试', upload('side.png')).click());
    act(() => button('重试', upload('flaky.png')).click());
    await settle();
    expect(upload('side.png').textContent).toContain('取消');
    act(() => gates.get(imageKey('side.png'))?.());
    act(() => gates.get(imageKey('flaky.png'))?.());
    await settle();
    expect(upload('side.png').textContent).toContain('已上传');
    expect(upload('flaky.png').textContent).toContain('已上传');
    const puts = host.calls.filter((call) => call.method === 'storage.put');
    expect(puts.map((call) => (call.params as { key: string }).key).sort()).toEqual([
      'products/flaky.png',
      'products/flaky.png',
      'products/front.png',
      'products/side.png',
      'products/side.png',
    ]);
  });
});

describe('product gallery images', () => {
  it('lists uploads a page at a time with thumbnails, shares a download link and deletes', async () => {
    const { root, choose, button, host } = await start({ context: { locale: 'en-US' } });
    expect(root.querySelector('[role="status"]')?.textContent).toContain('No product images yet');
    const names = Array.from({ length: 14 }, (_, index) => `sku-${String(index).padStart(2, '0')}.png`);
    await choose(...names.map((name) => image(name)));
    await vi.waitFor(() => expect(host.objects.size).toBe(14));
    await settle();
    expect(host.objects.get('products/sku-00.png')?.info.contentType).toBe('image/png');

    const shown = () => [...root.querySelectorAll('.gallery-item__name')].map((name) => name.textContent);
    const thumbnails = () => [...root.querySelectorAll<HTMLImageElement>('.gallery-grid img')];
    expect(shown()).toEqual(names.slice(0, 12));
    await vi.waitFor(() => expect(thumbnails()).toHaveLength(12));
    expect(thumbnails().map((img) => img.alt)).toEqual(names.slice(0, 12));
    expect(thumbnails()[0]?.src).toMatch(
      /^https:\/\/storage\.mock\.invalid\/products%2Fsku-00\.png\?expires=/,
    );
    expect(button('Previous').disabled).toBe(true);

    act(() => button('Next').click());
    await settle();
    expect(shown()).toEqual(names.slice(12));
    expect(root.querySelector('[aria-current="page"]')?.textContent).toBe('Page 2');
    expect(button('Next').disabled).toBe(true);
    expect(host.calls.filter((call) => call.method === 'storage.list').at(-1)?.params).toEqual({
      prefix: 'products/',
      limit: 12,
      cursor: 'products/sku-11.png',
    });

    act(() =>
      (root.querySelector('button[aria-label="Share link sku-13.png"]') as HTMLButtonElement).click(),
    );
    await settle();
    expect(host.calls.filter((call) => call.method === 'storage.getUrl').at(-1)?.params).toEqual({
      key: 'products/sku-13.png',
      expiresIn: 3600,
      download: 'sku-13.png',
    });
    const link = root.querySelector('.jm-field input') as HTMLInputElement;
    expect(link.value).toMatch(/^https:\/\/storage\.mock\.invalid\/products%2Fsku-13\.png/);
    expect(root.querySelector('.jm-field label')?.textContent).toBe('Share link of "sku-13.png"');

    for (const name of ['sku-13.png', 'sku-12.png']) {
      act(() => (root.querySelector(`button[aria-label="Delete ${name}"]`) as HTMLButtonElement).click());
      await settle();
    }
    expect(host.objects.has('products/sku-13.png')).toBe(false);
    expect(root.querySelector('.jm-field input')).toBeNull();
    // The emptied last page gives way to the one before it.
    await vi.waitFor(() => expect(root.querySelector('[aria-current="page"]')?.textContent).toBe('Page 1'));
    expect(shown()).toHaveLength(12);
    expect(button('Next').disabled).toBe(true);
  });

  it('keeps an image when the merchant declines the deletion', async () => {
    const { root, choose } = await start({ handlers: { 'ui.confirm': () => false } });
    await choose(image('keep.png'));
    await settle();
    act(() => (root.querySelector('button[aria-label="删除 keep.png"]') as HTMLButtonElement).click());
    await settle();
    expect(host?.objects.has('products/keep.png')).toBe(true);
  });
});

describe('imageKey', () => {
  it('keeps the file name under products/ without separators or control characters', () => {
    expect(imageKey('主图 01.jpg')).toBe('products/主图 01.jpg');
    expect(imageKey('a/b\\c\u0001.png')).toBe('products/a-b-c-.png');
    expect(imageKey('..')).toBe('products/image');
  });
});
