// One request, start to end: request id, CORS, target, SigV4, the operation, and S3's error answer. A
// request refused before its body was read is answered without reading it, and the connection is closed
// whenever leftover body bytes could otherwise be taken for the next request.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AuthSettings, authenticate } from '../auth/authenticate.js';
import type { CorsPolicy } from '../http/cors.js';
import { S3Error, sendError } from '../http/errors.js';
import { parseTarget } from '../http/target.js';
import { bodyInvited, type S3Context } from '../s3/context.js';
import { dispatch } from '../s3/dispatch.js';
import type { FsStore } from '../storage/fs-store.js';
import type { MultipartStore } from '../storage/multipart-store.js';

const DRAIN_LIMIT = 1024 * 1024;

/** Request ids: a random half per process and a counter, unique without drawing random bytes per request. */
const requestIdPrefix = randomBytes(4).toString('hex').toUpperCase();
let requestCounter = 0;

function nextRequestId(): string {
  requestCounter = (requestCounter + 1) % 0x1_0000_0000;
  return requestIdPrefix + requestCounter.toString(16).toUpperCase().padStart(8, '0');
}

export interface HandlerSettings extends AuthSettings {
  store: FsStore;
  uploads: MultipartStore;
  cors: CorsPolicy;
  virtualHostDomain: string | undefined;
  maxObjectSize: number;
  log: (line: string) => void;
}

function settleUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete || req.destroyed) return;
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (bodyInvited(req) && declared <= DRAIN_LIMIT) {
    req.resume();
    return;
  }
  if (!res.headersSent) res.setHeader('connection', 'close');
  if (bodyInvited(req)) req.resume();
}

export function createRequestHandler(
  settings: HandlerSettings,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(settings, req, res);
  };
}

async function handle(settings: HandlerSettings, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = nextRequestId();
  const method = (req.method ?? 'GET').toUpperCase();
  const url = req.url ?? '/';
  let resource = url.split('?', 1)[0] ?? '/';
  res.setHeader('x-amz-request-id', requestId);
  res.setHeader('x-amz-id-2', requestId);
  res.setHeader('server', 'JingmaiOSS');
  try {
    if (method === 'OPTIONS') {
      settings.cors.preflight(req, res);
      return;
    }
    settings.cors.decorate(req, res);
    const target = parseTarget(url, req.headers.host, settings.virtualHostDomain);
    resource = `/${target.bucket}${target.key ? `/${target.key}` : ''}`;
    const auth = authenticate(
      {
        method,
        rawPath: target.rawPath,
        query: target.queryPairs,
        headers: req.headers,
        headersDistinct: req.headersDistinct,
      },
      settings,
    );
    const ctx: S3Context = {
      req,
      res,
      requestId,
      bucket: target.bucket,
      key: target.key,
      query: target.query,
      auth,
      store: settings.store,
      uploads: settings.uploads,
      region: settings.region,
      maxObjectSize: settings.maxObjectSize,
    };
    await dispatch(ctx, method);
  } catch (caught) {
    const error = caught instanceof S3Error ? caught : new S3Error('InternalError');
    if (!(caught instanceof S3Error)) settings.log(`${requestId} ${method} ${url}: ${String(caught)}`);
    settleUnreadBody(req, res);
    sendError(res, error, requestId, resource, method);
  }
}
