// App storage in the platform server against the real OSS shim, called the way the host calls it
// and the way a hostile caller would: keys are checked here again, and each app stays in its prefix.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CREDENTIALS, type OssServer, startOssServer } from '@jingmai/oss-shim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devConsoleAuth } from '../http/console-auth.js';
import { createPlatformServer, type PlatformServer } from '../server.js';
import { AppStorage } from './app-storage.js';

const secret = 'storage-test-secret-storage-test-secret';
const BUCKET = 'apps';
let oss: OssServer;
let platform: PlatformServer;
let url: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'platform-storage-'));
  oss = await startOssServer({
    dataDir,
    port: 0,
    buckets: [BUCKET],
    quotas: [{ bucket: BUCKET, prefix: 'apps/com.example.quota/', maxBytes: 1000 }],
    log: () => {},
  });
  platform = createPlatformServer({
    apps: ['com.example.gallery', 'com.example.other', 'com.example.quota'].map((id) => ({
      id,
      secret,
      scopes: ['storage:read', 'storage:write'],
    })),
    authenticate: devConsoleAuth('dev'),
    allowedOrigins: [],
    storage: {
      endpoint: oss.url,
      region: oss.region,
      bucket: BUCKET,
      credentials: DEFAULT_CREDENTIALS,
      forcePathStyle: true,
    },
  });
  ({ url } = await platform.listen());
});

afterAll(async () => {
  await platform.close();
  await oss.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function call(appId: string, route: string, body: unknown, shop = 'shop-1') {
  const response = await fetch(`${url}/v1/apps/${appId}/storage/${route}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer dev',
      'x-jingmai-shop': shop,
      'x-jingmai-user': 'u',
      'x-jingmai-role': 'owner',
      'content-type': 'application/json',
    },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown> & { error?: { code: string } };
}

async function upload(appId: string, key: string, text: string, shop = 'shop-1') {
  const target = { key, size: Buffer.byteLength(text), contentType: 'text/plain', metadata: { note: 'x' } };
  const presigned = (await call(appId, 'presignPut', target, shop)) as {
    url: string;
    headers: Record<string, string>;
    error?: unknown;
  };
  if (presigned.error) return presigned;
  const response = await fetch(presigned.url, { method: 'PUT', headers: presigned.headers, body: text });
  return { status: response.status, text: await response.text() };
}

describe('platform app storage on the OSS shim', () => {
  it('uploads through a presigned URL and describes, lists, links and deletes within the app prefix', async () => {
    expect(await upload('com.example.gallery', 'photos/a.txt', 'hello')).toMatchObject({ status: 200 });
    expect(await call('com.example.gallery', 'head', { key: 'photos/a.txt' })).toMatchObject({
      key: 'photos/a.txt',
      size: 5,
      contentType: 'text/plain',
      metadata: { note: 'x' },
    });
    expect(await call('com.example.gallery', 'list', { prefix: 'photos/' })).toMatchObject({
      items: [{ key: 'photos/a.txt', size: 5 }],
      cursor: null,
    });
    const link = (await call('com.example.gallery', 'presignGet', {
      key: 'photos/a.txt',
      download: 'a.txt',
    })) as { url: string };
    const download = await fetch(link.url);
    expect(await download.text()).toBe('hello');
    expect(download.headers.get('content-disposition')).toContain('attachment');
    expect(await call('com.example.gallery', 'delete', { key: 'photos/a.txt' })).toEqual({});
    expect((await call('com.example.gallery', 'head', { key: 'photos/a.txt' })).error?.code).toBe(
      'NOT_FOUND',
    );
  });

  it('refuses hostile keys on the server, whatever the host let through', async () => {
    for (const key of [
      '../com.example.other/shops/shop-1/x',
      '/abs',
      'a//b',
      'a/../../b',
      'nul\u0000',
      'x'.repeat(600),
    ]) {
      const result = await call('com.example.gallery', 'presignPut', {
        key,
        size: 1,
        contentType: 'text/plain',
        metadata: {},
      });
      expect(result.error?.code, key).toBe('INVALID_ARGUMENT');
    }
    expect((await call('com.example.gallery', 'list', { prefix: '../' })).error?.code).toBe(
      'INVALID_ARGUMENT',
    );
  });

  it('keeps apps and shops apart', async () => {
    await upload('com.example.gallery', 'private.txt', 'mine');
    expect((await call('com.example.other', 'list', {})).items).toEqual([]);
    expect((await call('com.example.other', 'head', { key: 'private.txt' })).error?.code).toBe('NOT_FOUND');
    expect((await call('com.example.gallery', 'list', {}, 'shop-2')).items).toEqual([]);
    expect(
      ((await call('com.example.gallery', 'list', {})).items as { key: string }[]).map((item) => item.key),
    ).toEqual(['private.txt']);
  });

  it('pages listings with a cursor', async () => {
    for (const name of ['p/1', 'p/2', 'p/3']) await upload('com.example.other', name, name);
    const first = await call('com.example.other', 'list', { prefix: 'p/', limit: 2 });
    expect((first.items as { key: string }[]).map((item) => item.key)).toEqual(['p/1', 'p/2']);
    const second = await call('com.example.other', 'list', { prefix: 'p/', limit: 2, cursor: first.cursor });
    expect(second).toMatchObject({ items: [{ key: 'p/3' }], cursor: null });
  });

  it('reports the store quota as a typed error', async () => {
    expect(await upload('com.example.quota', 'small.txt', 'x'.repeat(600))).toMatchObject({ status: 200 });
    const over = await upload('com.example.quota', 'big.txt', 'y'.repeat(600));
    expect(over).toMatchObject({ status: 403 });
    expect((await call('com.example.quota', 'head', { key: 'big.txt' })).error?.code).toBe('NOT_FOUND');
  });

  it('refuses objects over the size limit before presigning', async () => {
    const result = await call('com.example.gallery', 'presignPut', {
      key: 'huge.bin',
      size: 6 * 1024 ** 3,
      contentType: 'application/octet-stream',
      metadata: {},
    });
    expect(result.error?.code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('addressing style by configuration alone', () => {
  const presignedPut = async (endpoint: string, region: string, forcePathStyle: boolean) => {
    const storage = new AppStorage({
      endpoint,
      region,
      bucket: 'jingmai-apps',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      forcePathStyle,
    });
    const scope = { appId: 'com.example.gallery', shopId: 'shop-1' };
    const target = { size: 3, contentType: 'image/png', metadata: {} };
    return new URL((await storage.presignPut(scope, 'photos/a.png', target)).url);
  };

  it('presigns virtual-host URLs (bucket in the host name) for an S3 cluster that wants them', async () => {
    const url = await presignedPut('https://s3.cn-north-1.jdcloud-oss.com', 'cn-north-1', false);
    expect(url.host).toBe('jingmai-apps.s3.cn-north-1.jdcloud-oss.com');
    expect(url.pathname).toBe('/apps/com.example.gallery/shops/shop-1/photos/a.png');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(
      /^AKIDEXAMPLE\/\d{8}\/cn-north-1\/s3\/aws4_request$/,
    );
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toContain('host');
  });

  it('presigns path-style URLs (bucket in the path) when told to, as local shims and MinIO need', async () => {
    const url = await presignedPut('http://127.0.0.1:9000', 'us-east-1', true);
    expect(url.host).toBe('127.0.0.1:9000');
    expect(url.pathname).toBe('/jingmai-apps/apps/com.example.gallery/shops/shop-1/photos/a.png');
  });
});
