// Uploads as Preact state: each chosen file uploads at once with its own progress and its own
// AbortController. The host sends bodies over 16 MiB in parts (retrying a failed part itself);
// an upload that still fails, or that the merchant cancels, keeps its file so Retry sends it again.
import type { App } from '@jingmai/sdk';
import { useRef, useState } from 'preact/hooks';
import { imageKey } from './image-keys.js';

export type UploadState = 'uploading' | 'done' | 'failed' | 'cancelled';

export interface Upload {
  readonly id: number;
  readonly key: string;
  readonly file: File;
  readonly loaded: number;
  readonly total: number;
  readonly state: UploadState;
  readonly error: string | null;
}

export interface Uploads {
  readonly uploads: readonly Upload[];
  add(files: Iterable<File>): void;
  cancel(id: number): void;
  retry(id: number): void;
}

/** Upload state for `app`; `onUploaded` runs after each upload that completes. */
export function useUploads(app: App, onUploaded: (key: string) => void): Uploads {
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const controllers = useRef(new Map<number, AbortController>());
  const nextId = useRef(1);
  // The latest callback, so a long upload reports to the current view rather than the first one.
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  const patch = (id: number, change: Partial<Upload>) =>
    setUploads((list) => list.map((upload) => (upload.id === id ? { ...upload, ...change } : upload)));

  const send = async (upload: Upload) => {
    const controller = new AbortController();
    controllers.current.set(upload.id, controller);
    patch(upload.id, { state: 'uploading', loaded: 0, error: null });
    try {
      await app.storage.put(upload.key, upload.file, {
        ...(upload.file.type ? { contentType: upload.file.type } : {}),
        onProgress: (loaded, total) => patch(upload.id, { loaded, total }),
        signal: controller.signal,
      });
      patch(upload.id, { state: 'done', loaded: upload.total });
      uploaded.current(upload.key);
    } catch (error) {
      patch(
        upload.id,
        controller.signal.aborted
          ? { state: 'cancelled' }
          : { state: 'failed', error: (error as Error).message },
      );
    } finally {
      controllers.current.delete(upload.id);
    }
  };

  return {
    uploads,
    add(files) {
      const added = [...files].map(
        (file): Upload => ({
          id: nextId.current++,
          key: imageKey(file.name),
          file,
          loaded: 0,
          total: file.size,
          state: 'uploading',
          error: null,
        }),
      );
      setUploads((list) => [...added, ...list]);
      for (const upload of added) void send(upload);
    },
    cancel(id) {
      controllers.current.get(id)?.abort();
    },
    retry(id) {
      const upload = uploads.find((candidate) => candidate.id === id);
      if (upload && (upload.state === 'failed' || upload.state === 'cancelled')) void send(upload);
    },
  };
}
