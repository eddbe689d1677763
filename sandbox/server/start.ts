// `npm start`: the OSS shim, the Miaosong shim, the platform server, the example apps on their own
// origin, and the console, on local ports, with their data under .jingmai/. Prints one URL;
// Ctrl-C stops everything (the shims flush to disk as they go, so nothing is lost).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { startMiaosongServer } from '@jingmai/miaosong-shim';
import { DEFAULT_CREDENTIALS, startOssServer } from '@jingmai/oss-shim';
import { createPlatformServer, devConsoleAuth } from '@jingmai/platform';
import { build } from 'esbuild';
import { loadApps } from './apps.js';
import { listen, onFreePort } from './ports.js';
import { appSecrets } from './secrets.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = join(root, '.jingmai');
const CONSOLE_HOST = '127.0.0.1';
// Apps load from "localhost": another site than the console, so Chromium isolates them.
const APP_HOST = 'localhost';

type Files = Map<string, { body: string | Uint8Array; type: string }>;
const closers: (() => Promise<void>)[] = [];

function staticHandler(files: Files) {
  return (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    const file = files.get(path) ?? files.get(`${path}/`);
    // App frames are sandboxed (origin "null"), so their asset requests need CORS.
    response.setHeader('access-control-allow-origin', '*');
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
  };
}

const apps = await loadApps(join(root, 'examples'));
const secrets = appSecrets(
  join(dataDir, 'secrets.json'),
  apps.map((app) => app.manifest.id),
);
const devToken = randomBytes(16).toString('hex');

const appFiles: Files = new Map(apps.flatMap((app) => [...app.files]));
const appServer = createServer(staticHandler(appFiles));
const { port: appPort } = await onFreePort(4001, (port) => listen(appServer, port, '127.0.0.1'));

const consoleServer = createServer();
const { port: consolePort } = await onFreePort(4000, (port) => listen(consoleServer, port, CONSOLE_HOST));
const consoleOrigin = `http://${CONSOLE_HOST}:${consolePort}`;

const BUCKET = 'jingmai-apps';
const { value: oss, port: ossPort } = await onFreePort(9000, (port) =>
  startOssServer({
    dataDir: join(dataDir, 'oss'),
    port,
    buckets: [BUCKET],
    // The console uploads; app frames (origin "null") read through presigned URLs.
    cors: { allowedOrigins: [consoleOrigin, 'null'] },
  }),
);
const { value: miaosong, port: miaosongPort } = await onFreePort(7311, (port) =>
  // Ten times real time: a delivery takes minutes, not an hour, and still moves on its own.
  startMiaosongServer({ dataDir: join(dataDir, 'miaosong'), port, clock: { speed: 10 } }),
);
const seed = miaosong.seed;
if (!seed) throw new Error('The Miaosong shim seeded no merchant account.');

const platformApps = apps.map((app) => ({
  id: app.manifest.id,
  secret: secrets[app.manifest.id] as string,
  scopes: app.manifest.scopes.map((request) => request.scope),
}));
const { value: platformUrl, port: platformPort } = await onFreePort(4100, async (port) => {
  const platform = createPlatformServer({
    apps: platformApps,
    authenticate: devConsoleAuth(devToken),
    allowedOrigins: [consoleOrigin],
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
  try {
    await platform.listen(port, '127.0.0.1');
  } catch (error) {
    await platform.close();
    throw error;
  }
  closers.push(() => platform.close());
  return `http://127.0.0.1:${port}`;
});

const consoleBundle = await build({
  entryPoints: [new URL('../console/main.ts', import.meta.url).pathname],
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  sourcemap: 'inline',
  conditions: ['source'],
  logLevel: 'error',
});
const config = {
  platformUrl,
  devToken,
  apps: apps.map((app) => ({ manifest: app.manifest, src: `http://${APP_HOST}:${appPort}/${app.slug}/` })),
};
const consoleFiles: Files = new Map([
  [
    '/',
    {
      body: `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>京麦 sandbox</title></head><body><script src="/console.js"></script></body></html>`,
      type: 'text/html; charset=utf-8',
    },
  ],
  [
    '/console.js',
    { body: consoleBundle.outputFiles[0]?.contents ?? '', type: 'text/javascript; charset=utf-8' },
  ],
  ['/config.json', { body: JSON.stringify(config), type: 'application/json' }],
]);
consoleServer.on('request', staticHandler(consoleFiles));

const moved = [
  consolePort !== 4000 && `console on ${consolePort} (4000 was busy)`,
  appPort !== 4001 && `apps on ${appPort} (4001 was busy)`,
  platformPort !== 4100 && `platform on ${platformPort} (4100 was busy)`,
  ossPort !== 9000 && `OSS on ${ossPort} (9000 was busy)`,
  miaosongPort !== 7311 && `Miaosong on ${miaosongPort} (7311 was busy)`,
].filter(Boolean);
console.log(`\n  Jingmai sandbox: ${consoleOrigin}/\n`);
console.log(`  ${apps.length} app(s): ${apps.map((app) => app.manifest.name).join(', ')}`);
console.log(`  app secrets (for your backend's verifySessionToken): ${join(dataDir, 'secrets.json')}`);
console.log(`  OSS (S3) endpoint ${oss.url}, Miaosong API ${miaosong.url}, data in ${dataDir}`);
if (moved.length) console.log(`  ports: ${moved.join('; ')}`);
console.log('  Ctrl-C to stop.\n');

async function stop() {
  for (const server of [consoleServer, appServer]) {
    server.closeAllConnections();
    server.close();
  }
  await Promise.allSettled([...closers.map((close) => close()), oss.close(), miaosong.close()]);
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
