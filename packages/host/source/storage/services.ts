// The storage methods' services: arguments were already checked by the session; keys are
// checked again by the platform server, which alone can reach the bucket.
import type { AppHandle } from '../mount/app-handle.js';
import type { PlatformClient } from '../platform/client.js';
import type { Services } from '../services.js';
import { upload } from './upload.js';

type StorageServices = Pick<
  Services,
  'storage.put' | 'storage.get' | 'storage.head' | 'storage.list' | 'storage.delete' | 'storage.getUrl'
>;

// Progress events are coalesced to this interval; the last one always goes out.
const PROGRESS_INTERVAL_MS = 100;

/** The storage services of one mounted app. */
export function storageServices(handle: AppHandle, platform: PlatformClient): StorageServices {
  const appId = handle.appId;
  return {
    'storage.put': ({ key, body, contentType, metadata, progressId }, call) => {
      const blob = body instanceof Blob ? body : new Blob([body]);
      let sentAt = 0;
      const onProgress = (loaded: number, total: number) => {
        if (!progressId) return;
        const now = performance.now();
        if (loaded < total && now - sentAt < PROGRESS_INTERVAL_MS) return;
        sentAt = now;
        handle.send('storage.progress', { progressId, loaded, total });
      };
      const type = contentType ?? (blob.type || 'application/octet-stream');
      return upload(
        platform,
        { appId, key, body: blob, contentType: type, metadata: metadata ?? {} },
        { signal: call.signal, onProgress },
      );
    },
    'storage.get': async ({ key }, call) => {
      const info = await platform.storage(appId, 'head', { key }, call.signal);
      const { url } = await platform.storage(appId, 'presignGet', { key }, call.signal);
      const response = await fetch(url, { signal: call.signal });
      if (!response.ok) throw new Error(`object store answered ${response.status}`);
      return { body: await response.blob(), info };
    },
    'storage.head': ({ key }, call) => platform.storage(appId, 'head', { key }, call.signal),
    'storage.list': (options, call) => platform.storage(appId, 'list', options, call.signal),
    'storage.delete': async ({ key }, call) => {
      await platform.storage(appId, 'delete', { key }, call.signal);
    },
    'storage.getUrl': ({ key, expiresIn, download }, call) =>
      platform.storage(
        appId,
        'presignGet',
        { key, ...(expiresIn ? { expiresIn } : {}), ...(download !== undefined ? { download } : {}) },
        call.signal,
      ),
  };
}
