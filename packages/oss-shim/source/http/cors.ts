// CORS for browser uploads and downloads (presigned URLs from a web page): preflight answers and the
// response headers of actual requests. Origins match exactly or with one `*` wildcard, as S3 CORS rules do;
// the opaque `null` origin (sandboxed iframes, file://) matches only when listed literally.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { S3Error } from './errors.js';

/** Which browser origins may call the server, and what they may send and read. */
export interface CorsOptions {
  /** Allowed origins, e.g. `http://localhost:5173`, `http://*.example.test`, `*`, or `null`. */
  allowedOrigins: string[];
  /** Default: GET, PUT, POST, DELETE, HEAD. */
  allowedMethods?: string[];
  /** Request headers a preflight may ask for; `*` (the default) allows any. */
  allowedHeaders?: string[];
  /** Response headers scripts may read. Default: ETag and the usual S3 response headers. */
  exposeHeaders?: string[];
  /** How long browsers may cache a preflight answer. Default 3000. */
  maxAgeSeconds?: number;
}

const DEFAULT_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
const DEFAULT_EXPOSE = [
  'ETag',
  'Content-Length',
  'Content-Range',
  'Content-Type',
  'Last-Modified',
  'x-amz-request-id',
  'x-amz-id-2',
  'x-amz-checksum-crc32',
  'x-amz-checksum-crc32c',
  'x-amz-checksum-sha1',
  'x-amz-checksum-sha256',
];

function wildcardMatch(pattern: string, value: string): boolean {
  const star = pattern.indexOf('*');
  if (star === -1) return pattern === value;
  const head = pattern.slice(0, star);
  const tail = pattern.slice(star + 1);
  return value.length >= head.length + tail.length && value.startsWith(head) && value.endsWith(tail);
}

export class CorsPolicy {
  private readonly methods: string[];
  private readonly allowedHeaders: string[];
  private readonly expose: string;

  constructor(private readonly options: CorsOptions | undefined) {
    this.methods = (options?.allowedMethods ?? DEFAULT_METHODS).map((method) => method.toUpperCase());
    this.allowedHeaders = (options?.allowedHeaders ?? ['*']).map((name) => name.toLowerCase());
    this.expose = (options?.exposeHeaders ?? DEFAULT_EXPOSE).join(', ');
  }

  /** The matching rule: `*` when allowed through a bare wildcard, else the origin itself. */
  private allowOrigin(origin: string): string | undefined {
    const origins = this.options?.allowedOrigins ?? [];
    if (origin === 'null') return origins.includes('null') ? 'null' : undefined;
    if (origins.includes(origin)) return origin;
    if (origins.includes('*')) return '*';
    return origins.some((pattern) => pattern !== 'null' && wildcardMatch(pattern, origin))
      ? origin
      : undefined;
  }

  private headerAllowed(name: string): boolean {
    return this.allowedHeaders.some((pattern) => wildcardMatch(pattern, name));
  }

  /** Answers an OPTIONS preflight (200 with the grant, or 403 AccessForbidden). */
  preflight(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const method = req.headers['access-control-request-method'];
    if (!this.options)
      throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this server.');
    if (origin === undefined || method === undefined) {
      throw new S3Error('InvalidRequest', 'Insufficient information. Origin request header needed.');
    }
    const requestedHeaders = (req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    const allowed = this.allowOrigin(origin);
    if (
      allowed === undefined ||
      !this.methods.includes(method.toUpperCase()) ||
      !requestedHeaders.every((name) => this.headerAllowed(name))
    ) {
      throw new S3Error('AccessForbidden');
    }
    res.setHeader('access-control-allow-origin', allowed);
    res.setHeader('access-control-allow-methods', this.methods.join(', '));
    if (requestedHeaders.length > 0)
      res.setHeader('access-control-allow-headers', requestedHeaders.join(', '));
    res.setHeader('access-control-expose-headers', this.expose);
    res.setHeader('access-control-max-age', String(this.options.maxAgeSeconds ?? 3000));
    if (allowed !== '*') res.setHeader('access-control-allow-credentials', 'true');
    res.setHeader('vary', 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method');
    res.statusCode = 200;
    res.setHeader('content-length', 0);
    res.end();
  }

  /** Adds the CORS response headers to an actual request from an allowed origin. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    if (!this.options || origin === undefined) return;
    res.setHeader('vary', 'Origin');
    const allowed = this.allowOrigin(origin);
    if (allowed === undefined || !this.methods.includes((req.method ?? '').toUpperCase())) return;
    res.setHeader('access-control-allow-origin', allowed);
    res.setHeader('access-control-allow-methods', this.methods.join(', '));
    res.setHeader('access-control-expose-headers', this.expose);
    if (allowed !== '*') res.setHeader('access-control-allow-credentials', 'true');
  }
}
