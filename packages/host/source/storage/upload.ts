// Uploads an app's Blob from the console page straight to the object store with presigned URLs
// from the platform server: one PUT for small bodies, parts for large ones (a few at a time, each
// retried with backoff), with progress and cancellation. The Blob is sliced, never copied whole.
import { JingmaiError, MULTIPART_THRESHOLD, type ObjectInfo } from '@jingmai/protocol';
import type { PlatformClient } from '../platform/client.js';

/** What to upload. */
export interface UploadRequest {
  readonly appId: string;
  readonly key: string;
  readonly body: Blob;
  readonly contentType: string;
  readonly metadata: Record<string, string>;
}

/** How the upload reports and stops. */
export interface UploadControl {
  readonly signal: AbortSignal;
  readonly onProgress: (loaded: number, total: number) => void;
}

const PART_CONCURRENCY = 4;
const PART_ATTEMPTS = 4;
const RETRY_BASE_MS = 250;

/** One PUT of `body` to a presigned URL, reporting bytes sent; resolves with the ETag. */
function put(
  url: string,
  headers: Record<string, string>,
  body: Blob,
  signal: AbortSignal,
  onSent: (sent: number) => void,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const onAbort = () => xhr.abort();
    xhr.open('PUT', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => onSent(event.loaded);
    xhr.onload = () => {
      signal.removeEventListener('abort', onAbort);
      if (xhr.status >= 200 && xhr.status < 300) {
        onSent(body.size);
        resolve(xhr.getResponseHeader('etag') ?? '');
      } else {
        const code = /<Code>([^<]+)<\/Code>/.exec(xhr.responseText)?.[1] ?? String(xhr.status);
        reject(
          new JingmaiError(
            xhr.status >= 500 ? 'UNAVAILABLE' : 'INVALID_ARGUMENT',
            `The object store refused the upload (${code}).`,
            {
              details: { status: xhr.status, s3: code },
            },
          ),
        );
      }
    };
    xhr.onerror = () => {
      signal.removeEventListener('abort', onAbort);
      reject(new JingmaiError('UNAVAILABLE', 'The object store is unreachable.'));
    };
    xhr.onabort = () => reject(signal.reason ?? new JingmaiError('CANCELLED', 'The upload was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    xhr.send(body);
  });
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/** Uploads a body; resolves with the stored object's description. */
export async function upload(
  platform: PlatformClient,
  request: UploadRequest,
  control: UploadControl,
): Promise<ObjectInfo> {
  const { appId, key, body, contentType, metadata } = request;
  const { signal, onProgress } = control;
  const total = body.size;
  const target = { key, size: total, contentType, metadata };
  if (total <= MULTIPART_THRESHOLD) {
    const presigned = await platform.storage(appId, 'presignPut', target, signal);
    await put(presigned.url, presigned.headers, body, signal, (sent) => onProgress(sent, total));
    return platform.storage(appId, 'head', { key }, signal);
  }
  const plan = await platform.storage(appId, 'createMultipart', target, signal);
  // One failed part stops the others: the caller's cancel, or the first error that will not heal.
  const stop = new AbortController();
  const onCancel = () => stop.abort(signal.reason);
  signal.addEventListener('abort', onCancel, { once: true });
  const sent = new Map<number, number>();
  const report = () =>
    onProgress(
      [...sent.values()].reduce((sum, bytes) => sum + bytes, 0),
      total,
    );
  const etags: { partNumber: number; etag: string }[] = [];
  const queue = [...plan.parts];
  async function worker() {
    for (let part = queue.shift(); part; part = queue.shift()) {
      const start = (part.partNumber - 1) * plan.partSize;
      const slice = body.slice(start, Math.min(start + plan.partSize, total));
      for (let attempt = 1; ; attempt += 1) {
        try {
          const etag = await put(part.url, {}, slice, stop.signal, (bytes) => {
            sent.set(part.partNumber, bytes);
            report();
          });
          etags.push({ partNumber: part.partNumber, etag });
          break;
        } catch (error) {
          sent.set(part.partNumber, 0);
          if (
            stop.signal.aborted ||
            attempt >= PART_ATTEMPTS ||
            (error instanceof JingmaiError && error.code !== 'UNAVAILABLE')
          ) {
            stop.abort(error);
            throw error;
          }
          await delay(RETRY_BASE_MS * 2 ** (attempt - 1), stop.signal);
        }
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(PART_CONCURRENCY, plan.parts.length) }, worker));
    etags.sort((a, b) => a.partNumber - b.partNumber);
    return await platform.storage(
      appId,
      'completeMultipart',
      { key, uploadId: plan.uploadId, parts: etags },
      signal,
    );
  } catch (error) {
    // Leave no orphaned parts behind; the abort itself may fail if the store is gone.
    await platform.storage(appId, 'abortMultipart', { key, uploadId: plan.uploadId }).catch(() => {});
    throw stop.signal.aborted && signal.aborted ? signal.reason : error;
  } finally {
    signal.removeEventListener('abort', onCancel);
  }
}
