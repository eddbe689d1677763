// Serves the e2e pages: the console on one origin, each app on its own origin (another host
// name and port, so Chromium isolates it as a different site). Pages are bundled from source
// with esbuild on start.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MiaosongServer, startMiaosongServer } from '@jingmai/miaosong-shim';
import { DEFAULT_CREDENTIALS, type OssServer, startOssServer } from '@jingmai/oss-shim';
import { createPlatformServer, devConsoleAuth, type PlatformServer } from '@jingmai/platform';
import { build } from 'esbuild';

const pages = new URL('./pages/', import.meta.url).pathname;

export const APP_SECRET = 'e2e-app-secret-e2e-app-secret-e2e-app-secret';
export const DEV_TOKEN = 'e2e-dev-token';

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [pages + entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['source'],
    sourcemap: 'inline',
  });
  return result.outputFiles[0]?.text ?? '';
}

function html(script: string, body = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>e2e</title></head><body>${body}<script>${script}</script></body></html>`;
}

function serve(files: Map<string, string>, host: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    const body = files.get(path);
    // Sandboxed frames have the origin "null"; their requests need CORS for it.
    response.setHeader('access-control-allow-origin', '*');
    if (body === undefined) return response.writeHead(404).end('not found');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    response.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, origin: `http://${host}:${(server.address() as AddressInfo).port}` });
    });
  });
}

/** The running pages: console and app origins, and the platform server. */
export interface Fixture {
  readonly consoleUrl: (query?: Record<string, string>) => string;
  readonly appOrigins: readonly [string, string];
  readonly platformUrl: string;
  /** The delivery simulator, on a clock the test steps by hand. */
  readonly miaosong: MiaosongServer;
  /** The S3-compatible object store behind app storage. */
  readonly oss: OssServer;
  close(): Promise<void>;
}

const BUCKET = 'jingmai-apps';
export const APP_IDS = ['com.example.alpha', 'com.example.beta'] as const;
export const APP_SCOPES = [
  'ui',
  'context:read',
  'auth:session',
  'storage:read',
  'storage:write',
  'delivery:read',
  'delivery:write',
] as const;

export async function startFixture(): Promise<Fixture> {
  const [consoleScript, appScript, hostileScript] = await Promise.all([
    bundle('console.ts'),
    bundle('app.ts'),
    bundle('hostile-app.ts'),
  ]);
  const appFiles = new Map([
    ['/app.html', html(appScript, '<main id="content"><h1>App</h1></main>')],
    ['/hostile.html', html(hostileScript)],
    ['/plain.html', html('', '<p>not a Jingmai app</p>')],
  ]);
  const consoleServer = await serve(
    new Map([['/console.html', html(consoleScript, '<div id="apps"></div>')]]),
    '127.0.0.1',
  );
  const appA = await serve(appFiles, 'localhost');
  const appB = await serve(appFiles, 'localhost');
  const dataDir = mkdtempSync(join(tmpdir(), 'jingmai-e2e-'));
  const miaosong = await startMiaosongServer({
    dataDir: join(dataDir, 'miaosong'),
    clock: 'manual',
    port: 0,
  });
  const oss = await startOssServer({
    dataDir: join(dataDir, 'oss'),
    port: 0,
    buckets: [BUCKET],
    // The console uploads; app frames (origin "null") read through presigned URLs.
    cors: { allowedOrigins: [consoleServer.origin, 'null'] },
    log: () => {},
  });
  const seed = miaosong.seed;
  if (!seed) throw new Error('the delivery simulator seeded no account');
  const platform: PlatformServer = createPlatformServer({
    apps: APP_IDS.map((id) => ({ id, secret: APP_SECRET, scopes: [...APP_SCOPES] })),
    authenticate: devConsoleAuth(DEV_TOKEN),
    allowedOrigins: [consoleServer.origin],
    dataDir: join(dataDir, 'platform'),
    storage: {
      endpoint: oss.url,
      region: oss.region,
      bucket: BUCKET,
      credentials: DEFAULT_CREDENTIALS,
      forcePathStyle: true,
    },
    delivery: {
      baseUrl: miaosong.url,
      appKey: seed.appKey,
      appSecret: seed.appSecret,
      sourceId: seed.sourceId,
      shopNo: () => seed.shop.shop_no,
    },
  });
  const { url: platformUrl } = await platform.listen();
  return {
    consoleUrl: (query = {}) => {
      const params = new URLSearchParams({
        platform: platformUrl,
        appA: appA.origin,
        appB: appB.origin,
        ...query,
      });
      return `${consoleServer.origin}/console.html?${params}`;
    },
    appOrigins: [appA.origin, appB.origin],
    platformUrl,
    miaosong,
    oss,
    async close() {
      for (const { server } of [consoleServer, appA, appB]) {
        server.closeAllConnections();
        server.close();
      }
      await platform.close();
      await miaosong.close();
      await oss.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
