// Streams a write's body into a temp file through the payload checks; on any failure the temp file is gone.
// A body of at most BUFFERED_BODY_LIMIT bytes is taken into memory and written with its metadata in one
// call once it has passed every check.
import { MemorySink } from '../body/memory-sink.js';
import { type PayloadPlan, planPayload, type ReceivedPayload, receivePayload } from '../body/payload.js';
import type { TempFile } from '../storage/temp-file.js';
import { acceptBody, type S3Context } from './context.js';

/** Largest body held in memory whole; with 64 requests in flight that is 64 MiB at most. */
export const BUFFERED_BODY_LIMIT = 1024 * 1024;

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
  if (plan.length <= BUFFERED_BODY_LIMIT) {
    // The temp file is opened while the body arrives, off the request's critical path.
    const opening = ctx.store.newTempFile();
    // Handled here at once, so a failed open is not an unhandled rejection while the body is still read.
    opening.catch(() => undefined);
    let payload: ReceivedPayload;
    const sink = new MemorySink(plan.length);
    try {
      acceptBody(ctx);
      payload = await receivePayload(ctx.req, plan, sink);
    } catch (error) {
      await opening.then((temp) => temp.discard()).catch(() => undefined);
      throw error;
    }
    const temp = await opening;
    temp.stage(sink.bytes());
    return { temp, payload };
  }
  const temp = await ctx.store.newTempFile();
  try {
    acceptBody(ctx);
    const payload = await receivePayload(ctx.req, plan, temp.appender());
    return { temp, payload };
  } catch (error) {
    await temp.discard();
    throw error;
  }
}

/** Reads a small request body (an XML document) into memory, with the same checks. */
export async function receiveSmallBody(ctx: S3Context, plan: PayloadPlan): Promise<Buffer> {
  acceptBody(ctx);
  const sink = new MemorySink(plan.length);
  await receivePayload(ctx.req, plan, sink);
  return sink.bytes();
}
