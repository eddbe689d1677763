// The platform server: the console's backend. It alone holds app secrets and storage (and later
// delivery) credentials, and hands the console only what an app may have. Every route names the
// app; the console user must be signed in, and the app must request the scope the route needs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DELIVERY_SCHEMAS,
  JingmaiError,
  METHODS,
  type MethodArgs,
  type MethodResult,
  PLATFORM_STORAGE_REQUESTS,
  type PlatformStorageArgs,
  type PlatformStorageRoute,
  type Scope,
} from '@jingmai/protocol';
import { OrderStore } from './delivery/order-store.js';
import { type DeliveryConfig, DeliveryService } from './delivery/service.js';
import { EventHub } from './events/hub.js';
import type { ConsoleAuthenticator, ConsoleUser } from './http/console-auth.js';
import { readJsonBody } from './http/json-body.js';
import { sendError, sendJson } from './http/respond.js';
import { issueSessionToken } from './session/tokens.js';
import { AppStorage, type StorageConfig, type StorageScope } from './storage/app-storage.js';

/** An app installed on the platform. */
export interface RegisteredApp {
  readonly id: string;
  /** Shared with the app's backend; signs its session tokens. */
  readonly secret: string;
  /** Scopes from the app's manifest. */
  readonly scopes: readonly Scope[];
}

/** Options of {@link createPlatformServer}. */
export interface PlatformServerOptions {
  readonly apps: readonly RegisteredApp[];
  readonly authenticate: ConsoleAuthenticator;
  /** Console origins allowed to call the server from a browser. */
  readonly allowedOrigins: readonly string[];
  /** The S3 endpoint behind app storage; without it, storage routes answer UNAVAILABLE. */
  readonly storage?: StorageConfig;
  /** The delivery open platform; without it, delivery routes answer UNAVAILABLE. */
  readonly delivery?: DeliveryConfig;
  /** Where the server keeps its own records (delivery order owners); in memory without one. */
  readonly dataDir?: string;
}

/** A running platform server. */
export interface PlatformServer {
  readonly server: Server;
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

interface Call {
  readonly user: ConsoleUser;
  readonly app: RegisteredApp;
  readonly body: unknown;
}

const APP_ROUTE = /^\/v1\/apps\/([^/]+)\/([a-z-]+)(?:\/([A-Za-z]+))?$/;

type DeliveryMethod = keyof typeof DELIVERY_SCHEMAS;
type DeliveryHandlers = {
  [M in DeliveryMethod]: (
    service: DeliveryService,
    scope: { appId: string; shopId: string },
    args: MethodArgs<M>,
  ) => MethodResult<M> | Promise<MethodResult<M>>;
};

const DELIVERY_HANDLERS: DeliveryHandlers = {
  'delivery.quote': (service, scope, request) => service.quote(scope, request),
  'delivery.create': (service, scope, request) => service.create(scope, request),
  'delivery.get': (service, scope, { orderId }) => service.get(scope, orderId),
  'delivery.list': (service, scope, options) => service.list(scope, options),
  'delivery.cancel': (service, scope, request) => service.cancel(scope, request),
  'delivery.addTip': (service, scope, request) => service.addTip(scope, request),
  'delivery.cancelReasons': (service) => service.cancelReasons(),
};

type StorageHandlers = {
  [R in PlatformStorageRoute]: (
    storage: AppStorage,
    scope: StorageScope,
    args: PlatformStorageArgs<R>,
  ) => Promise<unknown>;
};

const STORAGE_HANDLERS: StorageHandlers = {
  presignPut: (storage, scope, { key, ...target }) => storage.presignPut(scope, key, target),
  createMultipart: (storage, scope, { key, ...target }) => storage.createMultipart(scope, key, target),
  completeMultipart: (storage, scope, { key, uploadId, parts }) =>
    storage.completeMultipart(scope, key, uploadId, parts),
  abortMultipart: async (storage, scope, { key, uploadId }) => {
    await storage.abortMultipart(scope, key, uploadId);
    return {};
  },
  delete: async (storage, scope, { key }) => {
    await storage.delete(scope, key);
    return {};
  },
  head: (storage, scope, { key }) => storage.head(scope, key),
  list: (storage, scope, options) => storage.list(scope, options),
  presignGet: (storage, scope, { key, ...options }) => storage.presignGet(scope, key, options),
};

const STORAGE_SCOPE: Record<PlatformStorageRoute, Scope> = {
  presignPut: 'storage:write',
  createMultipart: 'storage:write',
  completeMultipart: 'storage:write',
  abortMultipart: 'storage:write',
  delete: 'storage:write',
  head: 'storage:read',
  list: 'storage:read',
  presignGet: 'storage:read',
};

/** Creates the platform server (not yet listening). */
export function createPlatformServer(options: PlatformServerOptions): PlatformServer {
  const apps = new Map(options.apps.map((app) => [app.id, app]));
  const storage = options.storage ? new AppStorage(options.storage) : undefined;
  const hub = new EventHub();
  const orders = options.delivery ? new OrderStore(options.dataDir) : undefined;
  const delivery =
    options.delivery && orders
      ? new DeliveryService(
          options.delivery,
          orders,
          (owner) =>
            hub.publish(owner.shopId, { type: 'delivery.status', appId: owner.appId, payload: owner.order }),
          () => listeningUrl,
        )
      : undefined;
  let listeningUrl = '';

  function requireScope(app: RegisteredApp, scope: Scope): void {
    if (!app.scopes.includes(scope)) {
      throw new JingmaiError('PERMISSION_DENIED', `The app does not request the "${scope}" scope.`, {
        details: { scope },
      });
    }
  }

  async function sessionToken({ user, app }: Call) {
    requireScope(app, 'auth:session');
    return issueSessionToken({ appId: app.id, ...user }, app.secret);
  }

  async function storageCall(route: string, { user, app, body }: Call): Promise<unknown> {
    if (!Object.hasOwn(PLATFORM_STORAGE_REQUESTS, route))
      throw new JingmaiError('NOT_FOUND', 'No such route.');
    const name = route as PlatformStorageRoute;
    requireScope(app, STORAGE_SCOPE[name]);
    if (!storage) throw new JingmaiError('UNAVAILABLE', 'Storage is not configured on this platform server.');
    const parsed = PLATFORM_STORAGE_REQUESTS[name].safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 10)
        .map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new JingmaiError('INVALID_ARGUMENT', 'Invalid storage request.', { details: { issues } });
    }
    const handler = STORAGE_HANDLERS[name] as (
      storage: AppStorage,
      scope: StorageScope,
      args: unknown,
    ) => Promise<unknown>;
    return handler(storage, { appId: app.id, shopId: user.shopId }, parsed.data);
  }

  async function deliveryCall(route: string, { user, app, body }: Call): Promise<unknown> {
    const method = `delivery.${route}`;
    if (!Object.hasOwn(DELIVERY_SCHEMAS, method)) throw new JingmaiError('NOT_FOUND', 'No such route.');
    const name = method as DeliveryMethod;
    requireScope(app, METHODS[name].scope);
    if (!delivery)
      throw new JingmaiError('UNAVAILABLE', 'Delivery is not configured on this platform server.');
    const parsed = DELIVERY_SCHEMAS[name].params.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 10)
        .map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
      throw new JingmaiError('INVALID_ARGUMENT', 'Invalid delivery request.', { details: { issues } });
    }
    const handler = DELIVERY_HANDLERS[name] as (
      service: DeliveryService,
      scope: { appId: string; shopId: string },
      args: unknown,
    ) => unknown;
    return handler(delivery, { appId: app.id, shopId: user.shopId }, parsed.data);
  }

  function cors(request: IncomingMessage, response: ServerResponse): void {
    const origin = request.headers.origin;
    if (origin && options.allowedOrigins.includes(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
      response.setHeader('vary', 'origin');
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    cors(request, response);
    const url = new URL(request.url ?? '/', 'http://platform.invalid');
    if (request.method === 'OPTIONS') {
      response.setHeader('access-control-allow-methods', 'GET, POST');
      response.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, last-event-id, x-jingmai-shop, x-jingmai-user, x-jingmai-role',
      );
      response.setHeader('access-control-max-age', '600');
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/v1/health' && request.method === 'GET')
      return sendJson(response, 200, { ok: true });
    if (url.pathname === '/v1/delivery/callback' && request.method === 'POST') {
      // The open platform calls this, not a console: its signature is its credential.
      if (!delivery)
        throw new JingmaiError('UNAVAILABLE', 'Delivery is not configured on this platform server.');
      delivery.callback(await readJsonBody(request));
      return sendJson(response, 200, { status: 'ok' });
    }
    if (url.pathname === '/v1/events' && request.method === 'GET') {
      const user = await options.authenticate(request);
      if (!user) throw new JingmaiError('PERMISSION_DENIED', 'Sign in to the console first.');
      const lastEventId = request.headers['last-event-id'];
      hub.open(user.shopId, response, typeof lastEventId === 'string' ? lastEventId : undefined);
      return;
    }
    const match = APP_ROUTE.exec(url.pathname);
    if (!match || request.method !== 'POST') throw new JingmaiError('NOT_FOUND', 'No such route.');
    const user = await options.authenticate(request);
    if (!user) throw new JingmaiError('PERMISSION_DENIED', 'Sign in to the console first.');
    const appId = decodeURIComponent(match[1] ?? '');
    const app = apps.get(appId);
    if (!app) throw new JingmaiError('NOT_FOUND', 'No such app.', { details: { appId: appId.slice(0, 64) } });
    const body = await readJsonBody(request);
    const call: Call = { user, app, body };
    if (match[2] === 'session-token' && !match[3]) return sendJson(response, 200, await sessionToken(call));
    if (match[2] === 'storage' && match[3]) return sendJson(response, 200, await storageCall(match[3], call));
    if (match[2] === 'delivery' && match[3])
      return sendJson(response, 200, (await deliveryCall(match[3], call)) ?? {});
    throw new JingmaiError('NOT_FOUND', 'No such route.');
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => sendError(response, error));
  });

  return {
    server,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.address() as AddressInfo;
          listeningUrl = `http://${host}:${address.port}`;
          resolve({ url: listeningUrl, port: address.port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        hub.closeAll();
        server.close(() => {
          orders?.close();
          resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}
