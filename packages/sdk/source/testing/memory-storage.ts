// In-memory app storage for the mock host: the semantics apps rely on (key order, cursors,
// metadata, NOT_FOUND), without an object store.
import { JingmaiError, type ObjectInfo } from '@jingmai/protocol';
import type { MockHandlers } from './index.js';

interface StoredObject {
  readonly body: Blob;
  readonly info: ObjectInfo;
}

type StorageHandlers = Required<
  Pick<
    MockHandlers,
    'storage.put' | 'storage.get' | 'storage.head' | 'storage.list' | 'storage.delete' | 'storage.getUrl'
  >
>;

/** Storage handlers over a Map, plus the Map for assertions. */
export function memoryStorage(emitProgress: (progressId: string, loaded: number, total: number) => void) {
  const objects = new Map<string, StoredObject>();
  let version = 0;
  const find = (key: string) => {
    const found = objects.get(key);
    if (!found) throw new JingmaiError('NOT_FOUND', 'No such object.');
    return found;
  };
  const handlers: StorageHandlers = {
    'storage.put': async ({ key, body, contentType, metadata, progressId }) => {
      const blob = body instanceof Blob ? body : new Blob([body]);
      version += 1;
      const info: ObjectInfo = {
        key,
        size: blob.size,
        etag: `"mock-${version}"`,
        contentType: contentType ?? (blob.type || 'application/octet-stream'),
        lastModified: new Date().toISOString(),
        metadata: metadata ?? {},
      };
      objects.set(key, { body: blob, info });
      if (progressId) emitProgress(progressId, blob.size, blob.size);
      return info;
    },
    'storage.get': ({ key }) => find(key),
    'storage.head': ({ key }) => find(key).info,
    'storage.list': ({ prefix = '', cursor, limit = 100 }) => {
      const keys = [...objects.keys()]
        .filter((key) => key.startsWith(prefix) && (!cursor || key > cursor))
        .sort();
      const page = keys.slice(0, limit);
      const items = page.map((key) => {
        const { size, etag, lastModified } = find(key).info;
        return { key, size, etag, lastModified };
      });
      return { items, cursor: keys.length > limit ? (page.at(-1) ?? null) : null };
    },
    'storage.delete': ({ key }) => {
      objects.delete(key);
    },
    'storage.getUrl': ({ key, expiresIn = 300 }) => {
      find(key);
      const expiresAt = Math.floor(Date.now() / 1000) + expiresIn;
      return {
        url: `https://storage.mock.invalid/${encodeURIComponent(key)}?expires=${expiresAt}`,
        expiresAt,
      };
    },
  };
  return { handlers, objects };
}
