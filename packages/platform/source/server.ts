// The platform server: the console's backend. It alone holds app secrets (and, with later
// services, storage and delivery credentials), and hands the console only what an app may have.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JingmaiError, type Scope } from '@jingmai/protocol';
import type { ConsoleAuthenticator } from './http/console-auth.js';
import { sendError, sendJson } from './http/respond.js';
import { issueSessionToken } from './session/tokens.js';

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
}

/** A running platform server. */
export interface PlatformServer {
  readonly server: Server;
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const SESSION_TOKEN_ROUTE = /^\/v1\/apps\/([^/]+)\/session-token$/;

/** Creates the platform server (not yet listening). */
export function createPlatformServer(options: PlatformServerOptions): PlatformServer {
  const apps = new Map(options.apps.map((app) => [app.id, app]));

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
      response.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE');
      response.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, x-jingmai-shop, x-jingmai-user, x-jingmai-role',
      );
      response.setHeader('access-control-max-age', '600');
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/v1/health' && request.method === 'GET')
      return sendJson(response, 200, { ok: true });
    const tokenRoute = SESSION_TOKEN_ROUTE.exec(url.pathname);
    if (tokenRoute && request.method === 'POST') {
      const user = await options.authenticate(request);
      if (!user) throw new JingmaiError('PERMISSION_DENIED', 'Sign in to the console first.');
      const appId = decodeURIComponent(tokenRoute[1] ?? '');
      const app = apps.get(appId);
      if (!app)
        throw new JingmaiError('NOT_FOUND', 'No such app.', { details: { appId: appId.slice(0, 64) } });
      if (!app.scopes.includes('auth:session')) {
        throw new JingmaiError('PERMISSION_DENIED', 'The app does not request the "auth:session" scope.');
      }
      request.resume();
      const issued = await issueSessionToken({ appId, ...user }, app.secret);
      return sendJson(response, 200, issued);
    }
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
          resolve({ url: `http://${host}:${address.port}`, port: address.port });
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
