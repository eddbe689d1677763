// `npm start`: the platform server, the example apps on their own origin, and the console,
// on local ports. Prints one URL; Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { createPlatformServer, devConsoleAuth } from '@jingmai/platform';
import { build } from 'esbuild';
import { loadApps } from './apps.js';
import { listenOnFreePort } from './ports.js';
import { appSecrets } from './secrets.js';

const root = new URL('../../', import.meta.url).pathname;
const dataDir = join(root, '.jingmai');
const CONSOLE_HOST = '127.0.0.1';
// Apps load from "localhost": another site than the console, so Chromium isolates them.
const APP_HOST = 'localhost';

type Files = Map<string, { body: string | Uint8Array; type: string }>;

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
const appPort = await listenOnFreePort(appServer, 4001, '127.0.0.1');

const consoleServer = createServer();
const consolePort = await listenOnFreePort(consoleServer, 4000, CONSOLE_HOST);
const consoleOrigin = `http://${CONSOLE_HOST}:${consolePort}`;

const platform = createPlatformServer({
  apps: apps.map((app) => ({
    id: app.manifest.id,
    secret: secrets[app.manifest.id] as string,
    scopes: app.manifest.scopes.map((request) => request.scope),
  })),
  authenticate: devConsoleAuth(devToken),
  allowedOrigins: [consoleOrigin],
});
const platformPort = await listenOnFreePort(platform.server, 4100, '127.0.0.1');

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
  platformUrl: `http://127.0.0.1:${platformPort}`,
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
].filter(Boolean);
console.log(`\n  Jingmai sandbox: ${consoleOrigin}/\n`);
console.log(`  ${apps.length} app(s): ${apps.map((app) => app.manifest.name).join(', ')}`);
console.log(`  app secrets (for your backend's verifySessionToken): ${join(dataDir, 'secrets.json')}`);
if (moved.length) console.log(`  ports: ${moved.join('; ')}`);
console.log('  Ctrl-C to stop.\n');

function stop() {
  for (const server of [consoleServer, appServer, platform.server]) {
    server.closeAllConnections();
    server.close();
  }
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
