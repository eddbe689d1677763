// app.storage: the app's own files for the current shop. Bodies cross the bridge as Blobs (by
// reference) or transferred buffers, so a large upload is never copied on the way to the console.
import type { MethodResult, ObjectInfo } from '@jingmai/protocol';
import type { BridgeClient, CallOptions } from './bridge/client.js';

/** Anything `storage.put` accepts. A passed ArrayBuffer is transferred: it is empty afterwards. */
export type StorageBody = Blob | ArrayBuffer | ArrayBufferView | string;

/** Options of {@link AppStorage.put}. */
export interface PutOptions {
  readonly contentType?: string;
  readonly metadata?: Record<string, string>;
  /** Bytes sent so far, and the total. */
  readonly onProgress?: (loaded: number, total: number) => void;
  readonly signal?: AbortSignal;
}

/** The app's storage area. */
export interface AppStorage {
  put(key: string, body: StorageBody, options?: PutOptions): Promise<ObjectInfo>;
  get(key: string, options?: { signal?: AbortSignal }): Promise<MethodResult<'storage.get'>>;
  head(key: string): Promise<ObjectInfo>;
  list(options?: { prefix?: string; cursor?: string; limit?: number }): Promise<MethodResult<'storage.list'>>;
  delete(key: string): Promise<void>;
  /** A short-lived URL to read the object (for `<img src>`, a download link, a share). */
  getUrl(key: string, options?: { expiresIn?: number; download?: boolean | string }): Promise<string>;
}

let progressIds = 0;

/** Builds `app.storage` over a connected client. */
export function createStorage(client: BridgeClient): AppStorage {
  const call = <T>(method: string, params: unknown, options?: CallOptions) =>
    client.call(method, params, options) as Promise<T>;
  return {
    async put(key, body, options = {}) {
      const { contentType, metadata, onProgress, signal } = options;
      const transfer: Transferable[] = [];
      let payload: Blob | ArrayBuffer;
      if (body instanceof Blob || body instanceof ArrayBuffer) payload = body;
      else if (typeof body === 'string')
        payload = new Blob([body], { type: contentType ?? 'text/plain;charset=utf-8' });
      else payload = new Blob([body as ArrayBufferView<ArrayBuffer>]);
      if (payload instanceof ArrayBuffer) transfer.push(payload);
      const progressId = onProgress
        ? `p${Date.now().toString(36)}${(progressIds++).toString(36)}`
        : undefined;
      const stop = onProgress
        ? client.on('storage.progress', (event: { progressId: string; loaded: number; total: number }) => {
            if (event.progressId === progressId) onProgress(event.loaded, event.total);
          })
        : undefined;
      try {
        return await call<ObjectInfo>(
          'storage.put',
          {
            key,
            body: payload,
            ...(contentType ? { contentType } : {}),
            ...(metadata ? { metadata } : {}),
            ...(progressId ? { progressId } : {}),
          },
          { transfer, ...(signal ? { signal } : {}) },
        );
      } finally {
        stop?.();
      }
    },
    get: (key, options = {}) =>
      call('storage.get', { key }, options.signal ? { signal: options.signal } : {}),
    head: (key) => call('storage.head', { key }),
    list: (options = {}) => call('storage.list', options),
    delete: (key) => call('storage.delete', { key }),
    async getUrl(key, options = {}) {
      const { url } = await call<{ url: string }>('storage.getUrl', { key, ...options });
      return url;
    },
  };
}
