// Schemas of app storage: object keys, object descriptions, and the storage methods' arguments.
// The host checks keys with these before a call leaves the page, and the platform server checks
// them again before it touches the bucket.
import { z } from 'zod';

const encoder = new TextEncoder();

/** Longest key an app may use, in UTF-8 bytes (the server adds the app's prefix within S3's 1024). */
export const MAX_KEY_BYTES = 512;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being rejected
const KEY_FORBIDDEN = /[\u0000-\u001f\u007f\\]/;

/** An object key inside the app's storage area: relative, no `.`/`..` segments, no control characters. */
export const StorageKeySchema = z
  .string()
  .min(1)
  .refine(
    (key) => encoder.encode(key).byteLength <= MAX_KEY_BYTES,
    `must be at most ${MAX_KEY_BYTES} bytes of UTF-8`,
  )
  .refine((key) => !KEY_FORBIDDEN.test(key), 'must not contain control characters or backslashes')
  .refine((key) => !key.startsWith('/') && !key.includes('//'), 'must be relative, without empty segments')
  .refine(
    (key) => !key.split('/').some((segment) => segment === '.' || segment === '..'),
    'must not contain "." or ".." segments',
  );

/** A key prefix for listing: like a key, but may be empty and may end with "/". */
export const StoragePrefixSchema = z.union([z.literal(''), StorageKeySchema]);

/** User metadata stored with an object (S3 `x-amz-meta-*`): lowercase names, printable ASCII values. */
export const ObjectMetadataSchema = z
  .record(
    z.string().regex(/^[a-z0-9-]{1,64}$/, 'names are 1-64 of a-z, 0-9 and "-"'),
    z.string().regex(/^[\x20-\x7e]{0,256}$/, 'values are up to 256 printable ASCII characters'),
  )
  .refine((metadata) => Object.keys(metadata).length <= 16, 'at most 16 entries')
  .refine(
    (metadata) =>
      Object.entries(metadata).reduce((sum, [name, value]) => sum + name.length + value.length, 0) <= 2048,
    'at most 2 KiB in all',
  );

/** A MIME type such as `image/png` or `text/plain; charset=utf-8`. */
export const ContentTypeSchema = z
  .string()
  .max(256)
  .regex(/^[\w.+-]+\/[\w.+-]+(?:\s*;\s*[\w.+-]+=[\w.+-]+)*$/, 'is not a MIME type');

/** What the host knows about a stored object. */
export const ObjectInfoSchema = z.strictObject({
  key: z.string(),
  size: z.int().nonnegative(),
  etag: z.string(),
  contentType: z.string(),
  lastModified: z.string(),
  metadata: z.record(z.string(), z.string()),
});

/** One entry of a listing. */
export const ObjectSummarySchema = z.strictObject({
  key: z.string(),
  size: z.int().nonnegative(),
  etag: z.string(),
  lastModified: z.string(),
});

/** Arguments and results of the storage methods. */
export const STORAGE_SCHEMAS = {
  'storage.put': {
    description: "Stores an object in the app's area for the current shop; large bodies upload in parts.",
    params: z.strictObject({
      key: StorageKeySchema,
      body: z.union([z.instanceof(Blob), z.instanceof(ArrayBuffer)]),
      contentType: ContentTypeSchema.optional(),
      metadata: ObjectMetadataSchema.optional(),
      /** Chosen by the SDK; `storage.progress` events carry it back. */
      progressId: z
        .string()
        .regex(/^[\w-]{1,64}$/)
        .optional(),
    }),
    result: ObjectInfoSchema,
  },
  'storage.get': {
    description: 'Reads an object: its bytes as a Blob, and its description.',
    params: z.strictObject({ key: StorageKeySchema }),
    result: z.strictObject({ body: z.instanceof(Blob), info: ObjectInfoSchema }),
  },
  'storage.head': {
    description: "Describes an object without reading it; NOT_FOUND when it doesn't exist.",
    params: z.strictObject({ key: StorageKeySchema }),
    result: ObjectInfoSchema,
  },
  'storage.list': {
    description: 'Lists objects by key order, a page at a time; pass the returned cursor for the next page.',
    params: z.strictObject({
      prefix: StoragePrefixSchema.optional(),
      cursor: z.string().max(2048).optional(),
      limit: z.int().min(1).max(1000).optional(),
    }),
    result: z.strictObject({ items: z.array(ObjectSummarySchema), cursor: z.string().nullable() }),
  },
  'storage.delete': {
    description: 'Deletes an object; deleting a missing object succeeds.',
    params: z.strictObject({ key: StorageKeySchema }),
    result: z.void(),
  },
  'storage.getUrl': {
    description: 'A short-lived presigned URL to read an object, optionally as a download with a file name.',
    params: z.strictObject({
      key: StorageKeySchema,
      expiresIn: z.int().min(1).max(3600).optional(),
      download: z
        .union([
          z.boolean(),
          z
            .string()
            .min(1)
            .max(200)
            // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
            .regex(/^[^"\\/\u0000-\u001f]+$/, 'is not a plain file name'),
        ])
        .optional(),
    }),
    result: z.strictObject({ url: z.string(), expiresAt: z.int() }),
  },
} as const;

/** Payload of the `storage.progress` event. */
export const StorageProgressSchema = z.strictObject({
  progressId: z.string(),
  loaded: z.int().nonnegative(),
  total: z.int().nonnegative(),
});

/** An object description. */
export type ObjectInfo = z.output<typeof ObjectInfoSchema>;
/** One entry of a listing. */
export type ObjectSummary = z.output<typeof ObjectSummarySchema>;
