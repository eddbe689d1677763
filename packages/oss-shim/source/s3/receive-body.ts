// Streams a write's body into a temp file through the payload checks; on any failure the temp file is gone.
import { Writable } from 'node:stream';
import { type PayloadPlan, planPayload, type ReceivedPayload, receivePayload } from '../body/payload.js';
import type { TempFile } from '../storage/temp-file.js';
import { acceptBody, type S3Context } from './context.js';

/** Checksum parameters a presigned URL carries in its query instead of headers. */
function presignedChecksums(ctx: S3Context): ReadonlyMap<string, string> {
  if (!ctx.auth.presigned) return new Map();
  return new Map([...ctx.query].filter(([name]) => name.toLowerCase().startsWith('x-amz-checksum-')));
}

export function planBody(ctx: S3Context, maxSize: number): PayloadPlan {
  return planPayload(ctx.req.headers, presignedChecksums(ctx), ctx.auth, maxSize);
}

export async function receiveIntoTemp(
  ctx: S3Context,
  plan: PayloadPlan,
): Promise<{ temp: TempFile; payload: ReceivedPayload }> {
  const temp = await ctx.store.newTempFile();
  try {
    acceptBody(ctx);
    const payload = await receivePayload(ctx.req, plan, temp.writable());
    return { temp, payload };
  } catch (error) {
    await temp.discard();
    throw error;
  }
}

/** Reads a small request body (an XML document) into memory, with the same checks. */
export async function receiveSmallBody(ctx: S3Context, plan: PayloadPlan): Promise<Buffer> {
  const chunks: Buffer[] = [];
  acceptBody(ctx);
  await receivePayload(
    ctx.req,
    plan,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }),
  );
  return Buffer.concat(chunks);
}
