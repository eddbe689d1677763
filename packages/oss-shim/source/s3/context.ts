// What every S3 operation handler receives, and the small response helpers they share.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthContext } from '../auth/authenticate.js';
import type { FsStore } from '../storage/fs-store.js';
import type { MultipartStore } from '../storage/multipart-store.js';

export interface S3Context {
  req: IncomingMessage;
  res: ServerResponse;
  requestId: string;
  bucket: string;
  key: string;
  /** Decoded query parameters (the last value wins for repeats). */
  query: ReadonlyMap<string, string>;
  auth: AuthContext;
  store: FsStore;
  uploads: MultipartStore;
  region: string;
  maxObjectSize: number;
}

export function header(ctx: S3Context, name: string): string | undefined {
  const value = ctx.req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

const accepted = new WeakSet<IncomingMessage>();

/** Lets a client that sent `Expect: 100-continue` start its body, once the request has been accepted. */
export function acceptBody(ctx: S3Context): void {
  accepted.add(ctx.req);
  if (header(ctx, 'expect')?.toLowerCase() === '100-continue') ctx.res.writeContinue();
}

/** Whether the client was told to send its body (or never waited to be told). */
export function bodyInvited(req: IncomingMessage): boolean {
  return accepted.has(req) || req.headers.expect?.toLowerCase() !== '100-continue';
}

export function sendXml(ctx: S3Context, status: number, xml: string): void {
  ctx.res.statusCode = status;
  ctx.res.setHeader('content-type', 'application/xml');
  // Encoded once: measuring the text and then writing it would walk a large listing twice.
  const body = Buffer.from(xml, 'utf8');
  ctx.res.setHeader('content-length', body.length);
  ctx.res.end(body);
}

export function sendEmpty(ctx: S3Context, status: number): void {
  ctx.res.statusCode = status;
  if (status !== 204 && status !== 304) ctx.res.setHeader('content-length', 0);
  ctx.res.end();
}

/** S3's timestamp form in XML bodies, e.g. `2009-10-12T17:50:30.000Z`. */
export function isoTime(ms: number): string {
  // A listing formats many times from the same second (objects written together): reuse its prefix.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    secondPrefix = new Date(second * 1000).toISOString().slice(0, 20);
  }
  return `${secondPrefix}${String(ms - second * 1000).padStart(3, '0')}Z`;
}

let lastSecond = Number.NaN;
let secondPrefix = '';
