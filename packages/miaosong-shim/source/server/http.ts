// The HTTP front: platform endpoints under /api (POST, JSON, signed envelope, business errors on HTTP 200)
// and the sandbox's /admin surface. Transport-level refusals (unknown path, wrong method, body over
// 1 MiB) use HTTP status codes as a gateway would, still with a fail envelope so clients can read them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { failEnvelope, successEnvelope } from '../protocol/envelope.js';
import type { ApiPath } from '../protocol/types.js';
import type { Store } from '../store/sqlite.js';
import { type AdminDeps, handleAdmin, isAuthorized } from './admin.js';
import { authenticate } from './authenticate.js';
import { ApiFailure } from './failure.js';
import { BodyTooLarge, MAX_BODY_BYTES, readBody } from './read-body.js';
import type { RouteHandler } from './routes.js';

export interface HttpDeps {
  readonly store: Store;
  readonly routes: ReadonlyMap<ApiPath, RouteHandler>;
  readonly admin: AdminDeps;
  /** How far an envelope timestamp may be from the wall clock. */
  readonly timestampToleranceMs: number;
  /** Reports unexpected errors (a bug in the shim); requests still get a fail envelope. */
  readonly onError: (error: unknown) => void;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

function isJson(request: IncomingMessage): boolean {
  return /^application\/json\b/i.test(request.headers['content-type'] ?? '');
}

export function createRequestHandler(deps: HttpDeps) {
  async function handleApi(request: IncomingMessage, response: ServerResponse, handler: RouteHandler) {
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, failEnvelope(2013, `只支持POST请求,收到 ${request.method}`));
      return;
    }
    const text = await readBody(request);
    if (!isJson(request)) {
      send(
        response,
        200,
        failEnvelope(
          1999,
          `接口请求的headers为application/json,收到 ${request.headers['content-type'] ?? '(无)'}`,
        ),
      );
      return;
    }
    let input: unknown;
    try {
      input = JSON.parse(text);
    } catch {
      send(response, 200, failEnvelope(2013, '请求体不是合法的JSON'));
      return;
    }
    const auth = authenticate(input, deps.store, Date.now(), deps.timestampToleranceMs);
    send(response, 200, successEnvelope(await handler({ sourceId: auth.sourceId, body: auth.body })));
  }

  async function handleAdminRequest(request: IncomingMessage, response: ServerResponse, url: URL) {
    if (!isAuthorized(request, deps.admin.token)) {
      send(response, 401, { error: 'admin token required: Authorization: Bearer <token>' });
      return;
    }
    const text = await readBody(request);
    let body: unknown = {};
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        send(response, 400, { error: 'body is not valid JSON' });
        return;
      }
    }
    const reply = await handleAdmin(
      deps.admin,
      request.method ?? 'GET',
      url.pathname,
      url.searchParams,
      body,
    );
    send(response, reply.status, reply.body);
  }

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      // Platform clients send the plain path: look it up as sent before paying for a URL parse, which
      // normalises anything else (dot segments, escapes, a query) to the same path as before.
      const fast = deps.routes.get(request.url as ApiPath);
      if (fast) {
        await handleApi(request, response, fast);
        return;
      }
      const url = new URL(request.url ?? '/', 'http://shim.invalid');
      if (url.pathname.startsWith('/admin/')) {
        await handleAdminRequest(request, response, url);
        return;
      }
      const handler = deps.routes.get(url.pathname as ApiPath);
      if (!handler) {
        send(response, 404, failEnvelope(2013, `接口不存在: ${url.pathname}`));
        return;
      }
      await handleApi(request, response, handler);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        response.setHeader('connection', 'close');
        send(response, 413, failEnvelope(2013, `请求体超过 ${MAX_BODY_BYTES} 字节`));
        request.resume();
        return;
      }
      if (error instanceof ApiFailure) {
        send(response, error.httpStatus, failEnvelope(error.code, error.message));
        return;
      }
      deps.onError(error);
      if (!response.headersSent) send(response, 500, failEnvelope(-1, '系统异常'));
    }
  };
}
