// Listing drafts in the app's storage: one JSON object per product under "drafts/", named after
// its brand and category so a second save of the same product replaces the first.
import type { App } from '@jingmai/sdk';
import type { ListingDraft, ProductAttributes } from './listing.js';

export const DRAFT_PREFIX = 'drafts/';

/** A saved draft as listed: its key, display name and time. */
export interface DraftSummary {
  readonly key: string;
  readonly name: string;
  readonly lastModified: string;
}

/** The storage key of the draft for `attributes`. */
export function draftKey(attributes: ProductAttributes): string {
  const name = [attributes.brand, attributes.category]
    .map((part) => part.trim())
    .filter(Boolean)
    .join('-')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f\\/\s]+/g, '-')
    .slice(0, 100);
  return `${DRAFT_PREFIX}${name || 'draft'}.json`;
}

export async function saveDraft(app: App, draft: ListingDraft): Promise<string> {
  const key = draftKey(draft.attributes);
  await app.storage.put(key, JSON.stringify(draft), { contentType: 'application/json' });
  return key;
}

export async function loadDraft(app: App, key: string): Promise<ListingDraft> {
  const { body } = await app.storage.get(key);
  return JSON.parse(await body.text()) as ListingDraft;
}

/** Every saved draft, newest first. */
export async function listDrafts(app: App): Promise<DraftSummary[]> {
  const drafts: DraftSummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.storage.list({ prefix: DRAFT_PREFIX, limit: 100, ...(cursor ? { cursor } : {}) });
    for (const item of page.items)
      drafts.push({
        key: item.key,
        name: item.key.slice(DRAFT_PREFIX.length).replace(/\.json$/, ''),
        lastModified: item.lastModified,
      });
    cursor = page.cursor ?? undefined;
  } while (cursor);
  return drafts.sort((a, b) => b.lastModified.localeCompare(a.lastModified) || a.key.localeCompare(b.key));
}
