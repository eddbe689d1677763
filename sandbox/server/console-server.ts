// The console origin: Vite (middleware mode, so the console gets HMR on this one port), the
// console's config, and the dev endpoints. App rebuilds reach the console over Vite's HMR socket.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import preact from '@preact/preset-vite';
import { createServer as createVite, defaultClientConditions, type ViteDevServer } from 'vite';

/** Options of {@link startConsole}. */
export interface ConsoleOptions {
  readonly server: Server;
  readonly consoleDir: string;
  /** Vite's dependency cache: under the sandbox data, not inside node_modules. */
  readonly cacheDir: string;
  readonly config: () => unknown;
  /** Answers its own requests and resolves true; false passes the request on to Vite. */
  readonly devEndpoints: (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;
}

/** Serves the console on `server`; resolves with the Vite server (to send events and to close). */
export async function startConsole(options: ConsoleOptions): Promise<ViteDevServer> {
  const vite = await createVite({
    root: options.consoleDir,
    configFile: false,
    cacheDir: options.cacheDir,
    logLevel: 'warn',
    clearScreen: false,
    appType: 'spa',
    plugins: [preact()],
    // Workspace packages from their TypeScript sources: no build step between an edit and the console.
    resolve: { conditions: ['source', ...defaultClientConditions] },
    server: { middlewareMode: true, hmr: { server: options.server } },
  });
  options.server.on('request', (request, response) => {
    const path = new URL(request.url ?? '/', 'http://console.invalid').pathname;
    if (path === '/config.json') {
      response
        .writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' })
        .end(JSON.stringify(options.config()));
      return;
    }
    options
      .devEndpoints(request, response)
      .then((handled) => {
        if (!handled) vite.middlewares(request, response);
      })
      .catch((error: unknown) => {
        response.writeHead(500).end(String(error));
      });
  });
  return vite;
}
