// The gallery's pages as Preact state: one storage.list page at a time (the cursor of every page
// visited is kept, so Previous needs no extra listing), with a presigned thumbnail URL per image.
import type { App, MethodResult } from '@jingmai/sdk';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { IMAGE_PREFIX } from './image-keys.js';

export const PAGE_SIZE = 12;
/** Thumbnail URLs outlive a page view comfortably, and stay short-lived. */
const THUMBNAIL_SECONDS = 600;

export type ImageSummary = MethodResult<'storage.list'>['items'][number];

export interface Gallery {
  readonly items: readonly ImageSummary[];
  readonly thumbnails: ReadonlyMap<string, string>;
  /** Zero-based. */
  readonly page: number;
  readonly hasNext: boolean;
  readonly error: string | null;
  next(): void;
  previous(): void;
  /** Lists the current page again (after an upload or a delete). */
  reload(): void;
}

export function useGallery(app: App): Gallery {
  // cursors[i] starts page i; page 0 starts at the beginning.
  const [cursors, setCursors] = useState<readonly (string | undefined)[]>([undefined]);
  const [page, setPage] = useState(0);
  const [items, setItems] = useState<readonly ImageSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [thumbnails, setThumbnails] = useState<ReadonlyMap<string, string>>(new Map());
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    const cursor = cursors[page];
    (async () => {
      const listing = await app.storage.list({
        prefix: IMAGE_PREFIX,
        limit: PAGE_SIZE,
        ...(cursor ? { cursor } : {}),
      });
      if (!current) return;
      // An emptied last page (after deletes) shows the one before it.
      if (listing.items.length === 0 && page > 0) {
        setPage(page - 1);
        return;
      }
      setItems(listing.items);
      setNextCursor(listing.cursor);
      setError(null);
      const urls = await Promise.all(
        listing.items.map(
          async (item) =>
            [item.key, await app.storage.getUrl(item.key, { expiresIn: THUMBNAIL_SECONDS })] as const,
        ),
      );
      if (current) setThumbnails(new Map(urls));
    })().catch((cause: Error) => {
      if (current) setError(cause.message);
    });
    return () => {
      current = false;
    };
  }, [app, cursors, page, generation]);

  const next = useCallback(() => {
    if (nextCursor === null) return;
    setCursors((list) => [...list.slice(0, page + 1), nextCursor]);
    setPage(page + 1);
  }, [nextCursor, page]);
  const previous = useCallback(() => setPage((current) => Math.max(0, current - 1)), []);
  const reload = useCallback(() => setGeneration((count) => count + 1), []);

  return { items, thumbnails, page, hasNext: nextCursor !== null, error, next, previous, reload };
}
