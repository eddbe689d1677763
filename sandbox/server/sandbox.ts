// startSandbox: everything an entrant needs on local ports, with data under one folder: the OSS
// shim, the Miaosong shim, the platform server, the apps (each bundled, watched, on the app
// origin) and the Vite-served console. `npm start` and `jingmai dev` both call it.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { startMiaosongServer } from '@jingmai/miaosong-shim';
import { DEFAULT_CREDENTIALS, startOssServer } from '@jingmai/oss-shim';
import { createPlatformServer, devConsoleAuth, OrderStore } from '@jingmai/platform';
import { APP_BUILT_EVENT, type AppBuilt } from '../shared/dev-events.js';
import { type AppBuild, type WatchedApp, watchApp } from './app-bundler.js';
import { appRequestHandler } from './app-server.js';
import { type AppSource, readApps } from './apps.js';
import { startConsole } from './console-server.js';
import { devEndpoints } from './dev-endpoints.js';
import { listen, onFreePort } from './ports.js';
import { appSecrets } from './secrets.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  /** App folders (each with a jingmai.app.json). */
  readonly apps: readonly string[];
  /** Where the shims, the platform server and the app secrets keep their data. */
  readonly dataDir: string;
  /** Preferred ports; each moves to the next free one when taken. */
  readonly ports?: Partial<Record<PortName, number>>;
  /** Where problems found while starting are reported (default: stderr). */
  readonly report?: (line: string) => void;
}

type PortName = 'console' | 'apps' | 'platform' | 'oss' | 'miaosong';

const DEFAULT_PORTS: Record<PortName, number> = {
  console: 4000,
  apps: 4001,
  platform: 4100,
  oss: 9000,
  miaosong: 7311,
};

/** A running sandbox. */
export interface Sandbox {
  /** The console: the one URL to open. */
  readonly url: string;
  readonly apps: readonly AppSource[];
  readonly ossUrl: string;
  readonly miaosongUrl: string;
  readonly secretsFile: string;
  /** Ports that were taken, and where each service went instead. */
  readonly moved: readonly { name: PortName; wanted: number; got: number }[];
  /** Stops everything it started; the shims have written their data as they went. */
  close(): Promise<void>;
}

// The console on 127.0.0.1 and apps on "localhost": other sites, so Chromium isolates the frames.
const CONSOLE_HOST = '127.0.0.1';
const APP_HOST = 'localhost';
const BUCKET = 'jingmai-apps';
// A delivery takes minutes instead of an hour and still moves on its own; the delivery panel
// advances the clock on top of that.
const CLOCK_SPEED = 10;
// The console's sources, found through the package itself: right from source (tsx) and from dist.
const CONSOLE_DIR = join(
  dirname(createRequire(import.meta.url).resolve('@jingmai/sandbox/package.json')),
  'console',
);

/** Starts the sandbox for the apps in `options.apps`. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const report = options.report ?? ((line: string) => console.error(line));
  const preferred = { ...DEFAULT_PORTS, ...options.ports };
  const moved: { name: PortName; wanted: number; got: number }[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const stop of closers.reverse()) await stop().catch(() => undefined);
  };
  const onPort = async <T>(name: PortName, start: (port: number) => Promise<T>) => {
    const { value, port } = await onFreePort(preferred[name], start);
    if (port !== preferred[name]) moved.push({ name, wanted: preferred[name], got: port });
    return { value, port };
  };
  const httpServer = async (name: PortName, host: string) => {
    const server = createServer();
    const { port } = await onPort(name, (candidate) => listen(server, candidate, host));
    closers.push(() => stopServer(server));
    return { server, port };
  };

  try {
    const found = readApps(options.apps, report);
    const secretsFile = join(options.dataDir, 'secrets.json');
    const secrets = appSecrets(
      secretsFile,
      found.map((app) => app.manifest.id),
    );
    const devToken = randomBytes(16).toString('hex');

    // Apps that do not build at all are reported and left out, so the others still run.
    const builds = new Map<string, WatchedApp>();
    let vite: Awaited<ReturnType<typeof startConsole>> | undefined;
    for (const app of found) {
      const watched = await watchApp(app, (build: AppBuild) => {
        for (const problem of build.problems)
          report(`✖ ${app.slug}/${problem.file}:${problem.line}:${problem.column} ${problem.text}`);
        const built: AppBuilt = { appId: app.manifest.id, problems: build.problems };
        vite?.ws.send(APP_BUILT_EVENT, built);
      }).catch((error: Error) => {
        report(`✖ ${error.message} Skipped.`);
        return undefined;
      });
      if (!watched) continue;
      builds.set(app.manifest.id, watched);
      closers.push(() => watched.dispose());
    }
    const apps = found.filter((app) => builds.has(app.manifest.id));

    const consoleHttp = await httpServer('console', CONSOLE_HOST);
    const consoleOrigin = `http://${CONSOLE_HOST}:${consoleHttp.port}`;
    const appHttp = await httpServer('apps', CONSOLE_HOST);

    const { value: oss } = await onPort('oss', (port) =>
      startOssServer({
        dataDir: join(options.dataDir, 'oss'),
        port,
        buckets: [BUCKET],
        // The console uploads; app frames (origin "null") read through presigned URLs.
        cors: { allowedOrigins: [consoleOrigin, 'null'] },
      }),
    );
    closers.push(() => oss.close());
    const { value: miaosong } = await onPort('miaosong', (port) =>
      startMiaosongServer({
        dataDir: join(options.dataDir, 'miaosong'),
        port,
        clock: { speed: CLOCK_SPEED },
      }),
    );
    closers.push(() => miaosong.close());
    const seed = miaosong.seed;
    if (!seed) throw new Error('The Miaosong shim seeded no merchant account.');

    const platformDir = join(options.dataDir, 'platform');
    const { value: platformUrl } = await onPort('platform', async (port) => {
      const platform = createPlatformServer({
        apps: apps.map((app) => ({
          id: app.manifest.id,
          secret: secrets[app.manifest.id] as string,
          scopes: app.manifest.scopes.map((request) => request.scope),
        })),
        authenticate: devConsoleAuth(devToken),
        allowedOrigins: [consoleOrigin],
        dataDir: platformDir,
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
    // A second handle on the platform's owner table, read by the dev endpoints.
    const orders = new OrderStore(platformDir);
    closers.push(async () => orders.close());

    const buildOf = (appId: string) => builds.get(appId)?.current();
    const bySlug = new Map(apps.map((app) => [app.slug, app.manifest.id]));
    appHttp.server.on(
      'request',
      appRequestHandler((slug) => {
        const id = bySlug.get(slug);
        return id ? buildOf(id) : undefined;
      }),
    );

    vite = await startConsole({
      server: consoleHttp.server,
      consoleDir: CONSOLE_DIR,
      cacheDir: join(options.dataDir, 'vite'),
      config: () => ({
        platformUrl,
        devToken,
        shop: { lat: seed.shop.lat, lng: seed.shop.lng },
        apps: apps.map((app) => ({
          manifest: app.manifest,
          src: `http://${APP_HOST}:${appHttp.port}/${app.slug}/`,
        })),
      }),
      devEndpoints: devEndpoints({ devToken, miaosong, orders, buildOf }),
    });
    const consoleVite = vite;
    // Closers run last-in first: Vite and its sockets go before the HTTP server they ride on.
    closers.push(() => consoleVite.close());

    return {
      url: `${consoleOrigin}/`,
      apps,
      ossUrl: oss.url,
      miaosongUrl: miaosong.url,
      secretsFile,
      moved,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
