// The console's HTTP API to its platform server (host → platform), for the calls that need
// secrets. Both sides import these schemas: the platform server parses requests with them, the
// host's platform client is typed by them.
import { z } from 'zod';
import { ContentTypeSchema, ObjectMetadataSchema, StorageKeySchema, StoragePrefixSchema } from './storage.js';

const UploadTarget = {
  key: StorageKeySchema,
  size: z.int().nonnegative(),
  contentType: ContentTypeSchema,
  metadata: ObjectMetadataSchema,
};

/** Request bodies of the platform server's storage routes, by route name. */
export const PLATFORM_STORAGE_REQUESTS = {
  presignPut: z.strictObject(UploadTarget),
  createMultipart: z.strictObject(UploadTarget),
  completeMultipart: z.strictObject({
    key: StorageKeySchema,
    uploadId: z.string().min(1).max(1024),
    parts: z
      .array(z.strictObject({ partNumber: z.int().min(1).max(10_000), etag: z.string().min(1).max(128) }))
      .min(1)
      .max(10_000),
  }),
  abortMultipart: z.strictObject({ key: StorageKeySchema, uploadId: z.string().min(1).max(1024) }),
  head: z.strictObject({ key: StorageKeySchema }),
  list: z.strictObject({
    prefix: StoragePrefixSchema.optional(),
    cursor: z.string().max(2048).optional(),
    limit: z.int().min(1).max(1000).optional(),
  }),
  delete: z.strictObject({ key: StorageKeySchema }),
  presignGet: z.strictObject({
    key: StorageKeySchema,
    expiresIn: z.int().min(1).max(3600).optional(),
    download: z.union([z.boolean(), z.string().min(1).max(200)]).optional(),
  }),
} as const;

/** A storage route of the platform server. */
export type PlatformStorageRoute = keyof typeof PLATFORM_STORAGE_REQUESTS;
/** The request body of a storage route. */
export type PlatformStorageRequest<R extends PlatformStorageRoute> = z.input<
  (typeof PLATFORM_STORAGE_REQUESTS)[R]
>;

/** The request body of a storage route after parsing: what the server works with. */
export type PlatformStorageArgs<R extends PlatformStorageRoute> = z.output<
  (typeof PLATFORM_STORAGE_REQUESTS)[R]
>;

/** A presigned request the browser makes as is. */
export interface PresignedRequest {
  readonly url: string;
  readonly headers: Record<string, string>;
}

/** The plan of a multipart upload: one presigned URL per part. */
export interface MultipartPlan {
  readonly uploadId: string;
  readonly partSize: number;
  readonly parts: readonly { readonly partNumber: number; readonly url: string }[];
}
