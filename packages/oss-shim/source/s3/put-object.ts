// PutObject: verified body into a temp file, then an atomic publish with the conditional-write check.
import { validateKey } from '../storage/keys.js';
import type { ObjectMeta } from '../storage/object-file.js';
import { writeCondition } from './conditions.js';
import { type S3Context, sendEmpty } from './context.js';
import { writtenHeaders } from './object-headers.js';
import { planBody, receiveIntoTemp } from './receive-body.js';

export async function putObject(ctx: S3Context): Promise<void> {
  validateKey(ctx.key);
  const current = ctx.store.head(ctx.bucket, ctx.key);
  const written = writtenHeaders(ctx.req.headers);
  const plan = planBody(ctx, ctx.maxObjectSize);
  const condition = writeCondition(ctx.req.headers, ctx.key, current);
  ctx.store.checkQuota(ctx.bucket, ctx.key, plan.length);
  const { temp, payload } = await receiveIntoTemp(ctx, plan);
  const meta: ObjectMeta = {
    key: ctx.key,
    size: payload.size,
    etag: `"${payload.md5.toString('hex')}"`,
    lastModified: Date.now(),
    ...written,
    checksum: payload.checksum ? { ...payload.checksum, type: 'FULL_OBJECT' } : undefined,
  };
  try {
    await temp.seal(payload.size, meta);
  } catch (error) {
    await temp.discard();
    throw error;
  }
  await ctx.store.commit(temp, ctx.bucket, meta, condition);
  ctx.res.setHeader('etag', meta.etag);
  if (meta.checksum) {
    ctx.res.setHeader(`x-amz-checksum-${meta.checksum.algorithm}`, meta.checksum.value);
    ctx.res.setHeader('x-amz-checksum-type', 'FULL_OBJECT');
  }
  sendEmpty(ctx, 200);
}
