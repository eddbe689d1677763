// GetObject and HeadObject: conditionals, a single byte range (206), response-* overrides, and the stored
// checksum when the client asks for it (x-amz-checksum-mode: ENABLED) on a whole-object read.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { S3Error } from '../http/errors.js';
import { checkReadConditions } from './conditions.js';
import { header, type S3Context } from './context.js';
import { setObjectHeaders, setValidatorHeaders } from './object-headers.js';
import { parseRange } from './range.js';

const READ_HIGH_WATER_MARK = 256 * 1024;

export async function getObject(ctx: S3Context, headOnly: boolean): Promise<void> {
  const object = ctx.store.require(ctx.bucket, ctx.key);
  if (ctx.query.has('partNumber')) {
    throw new S3Error('NotImplemented', 'Reading an object by part number is not supported by this server.');
  }
  setValidatorHeaders(ctx.res, object);
  checkReadConditions(ctx.req.headers, object);
  const range = parseRange(header(ctx, 'range'), object.size);
  const withChecksum = header(ctx, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' && !range;
  setObjectHeaders(ctx.res, object, ctx.query, withChecksum);
  const start = range?.start ?? 0;
  const end = range?.end ?? object.size - 1;
  const length = end - start + 1;
  if (range) {
    ctx.res.statusCode = 206;
    ctx.res.setHeader('content-range', `bytes ${start}-${end}/${object.size}`);
  }
  ctx.res.setHeader('content-length', length);
  if (headOnly || length === 0) {
    ctx.res.end();
    return;
  }
  const fd = ctx.store.openForRead(object);
  const stream = createReadStream('', { fd, start, end, highWaterMark: READ_HIGH_WATER_MARK });
  // A client that goes away mid-body ends the pipeline with an error; there is nobody left to tell.
  await pipeline(stream, ctx.res).catch(() => undefined);
}
