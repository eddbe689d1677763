// App storage on any S3 endpoint: the OSS shim by default, JD Cloud OSS, MinIO or AWS by
// configuration alone. Each app sees only `apps/<appId>/shops/<shopId>/`; keys are checked again
// here, whatever the host already checked. The browser gets presigned URLs, never credentials.
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  JingmaiError,
  MAX_OBJECT_BYTES,
  type MultipartPlan,
  type ObjectInfo,
  type ObjectSummary,
  type PresignedRequest,
  StorageKeySchema,
  StoragePrefixSchema,
} from '@jingmai/protocol';

/** Where app objects live, and how to reach it. */
export interface StorageConfig {
  /** e.g. "http://127.0.0.1:9000" for the shim, "https://s3.cn-north-1.jdcloud-oss.com" for JD Cloud. */
  readonly endpoint?: string;
  readonly region: string;
  readonly bucket: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Path-style addressing (`/bucket/key`); local endpoints need it. */
  readonly forcePathStyle?: boolean;
}

/** Who is asking: the app, and the shop whose data it may touch. */
export interface StorageScope {
  readonly appId: string;
  readonly shopId: string;
}

const MiB = 1024 * 1024;
const MIN_PART = 8 * MiB;
const MAX_PARTS = 10_000;
const UPLOAD_URL_SECONDS = 15 * 60;

function checkKey(key: unknown): string {
  const parsed = StorageKeySchema.safeParse(key);
  if (!parsed.success) {
    throw new JingmaiError(
      'INVALID_ARGUMENT',
      `Invalid storage key: ${parsed.error.issues[0]?.message ?? 'malformed'}.`,
    );
  }
  return parsed.data;
}

function checkSegment(value: string, what: string): string {
  if (!/^[A-Za-z0-9._-]{1,128}$/.test(value) || value === '.' || value === '..') {
    throw new JingmaiError('INVALID_ARGUMENT', `Invalid ${what}.`);
  }
  return value;
}

/** Turns S3 failures into protocol errors, without leaking endpoint details. */
function fromS3(error: unknown): never {
  if (error instanceof JingmaiError) throw error;
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (status === 404 || error.name === 'NoSuchKey' || error.name === 'NotFound') {
      throw new JingmaiError('NOT_FOUND', 'No such object.');
    }
    if (status === 412 || status === 409)
      throw new JingmaiError('CONFLICT', 'The object changed meanwhile.', { details: { s3: error.name } });
    if (status === 403 && /Quota/i.test(error.name))
      throw new JingmaiError('PERMISSION_DENIED', 'The storage quota is used up.', {
        details: { s3: error.name },
      });
    if (status !== undefined && status >= 400 && status < 500) {
      throw new JingmaiError('INVALID_ARGUMENT', 'The storage service refused the request.', {
        details: { s3: error.name },
      });
    }
  }
  throw new JingmaiError('UNAVAILABLE', 'The storage service is unavailable.');
}

/** Storage for apps over one bucket. */
export class AppStorage {
  private readonly client: S3Client;
  // Presigned PUTs must not carry the SDK's default CRC32 of an empty body (real S3 answers BadDigest).
  private readonly presignClient: S3Client;
  private readonly bucket: string;

  constructor(config: StorageConfig) {
    const base = {
      region: config.region,
      credentials: config.credentials,
      forcePathStyle: config.forcePathStyle ?? Boolean(config.endpoint),
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    };
    this.client = new S3Client(base);
    this.presignClient = new S3Client({ ...base, requestChecksumCalculation: 'WHEN_REQUIRED' });
    this.bucket = config.bucket;
  }

  /** The bucket key prefix of an app in a shop. */
  prefixOf(scope: StorageScope): string {
    return `apps/${checkSegment(scope.appId, 'app id')}/shops/${checkSegment(scope.shopId, 'shop id')}/`;
  }

  private objectKey(scope: StorageScope, key: unknown): string {
    return this.prefixOf(scope) + checkKey(key);
  }

  /** A presigned PUT, for bodies up to the protocol's MULTIPART_THRESHOLD. */
  async presignPut(
    scope: StorageScope,
    key: unknown,
    options: { size: number; contentType: string; metadata: Record<string, string> },
  ): Promise<PresignedRequest> {
    this.checkSize(options.size);
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(scope, key),
      ContentType: options.contentType,
      Metadata: options.metadata,
    });
    // Metadata stays in signed headers rather than the query: every S3-compatible store reads it there.
    const metadataHeaders = Object.fromEntries(
      Object.entries(options.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
    );
    const url = await getSignedUrl(this.presignClient, command, {
      expiresIn: UPLOAD_URL_SECONDS,
      unhoistableHeaders: new Set(Object.keys(metadataHeaders)),
    }).catch(fromS3);
    return { url, headers: { 'content-type': options.contentType, ...metadataHeaders } };
  }

  /** Starts a multipart upload and presigns every part. */
  async createMultipart(
    scope: StorageScope,
    key: unknown,
    options: { size: number; contentType: string; metadata: Record<string, string> },
  ): Promise<MultipartPlan> {
    this.checkSize(options.size);
    const Key = this.objectKey(scope, key);
    const partSize = Math.max(MIN_PART, Math.ceil(options.size / MAX_PARTS));
    const count = Math.max(1, Math.ceil(options.size / partSize));
    const created = await this.client
      .send(
        new CreateMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          ContentType: options.contentType,
          Metadata: options.metadata,
        }),
      )
      .catch(fromS3);
    const uploadId = created.UploadId;
    if (!uploadId) throw new JingmaiError('UNAVAILABLE', 'The storage service did not start the upload.');
    const parts = await Promise.all(
      Array.from({ length: count }, async (_, index) => ({
        partNumber: index + 1,
        url: await getSignedUrl(
          this.presignClient,
          new UploadPartCommand({ Bucket: this.bucket, Key, UploadId: uploadId, PartNumber: index + 1 }),
          { expiresIn: UPLOAD_URL_SECONDS },
        ),
      })),
    ).catch(fromS3);
    return { uploadId, partSize, parts };
  }

  /** Completes a multipart upload from the part ETags the browser collected. */
  async completeMultipart(
    scope: StorageScope,
    key: unknown,
    uploadId: string,
    parts: readonly { partNumber: number; etag: string }[],
  ): Promise<ObjectInfo> {
    const Key = this.objectKey(scope, key);
    await this.client
      .send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key,
          UploadId: uploadId,
          MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
        }),
      )
      .catch(fromS3);
    return this.head(scope, key);
  }

  /** Abandons a multipart upload; its parts are discarded. */
  async abortMultipart(scope: StorageScope, key: unknown, uploadId: string): Promise<void> {
    await this.client
      .send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.objectKey(scope, key),
          UploadId: uploadId,
        }),
      )
      .catch(fromS3);
  }

  /** Describes an object. */
  async head(scope: StorageScope, key: unknown): Promise<ObjectInfo> {
    const checked = checkKey(key);
    const head = await this.client
      .send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(scope, checked) }))
      .catch(fromS3);
    return {
      key: checked,
      size: head.ContentLength ?? 0,
      etag: head.ETag ?? '',
      contentType: head.ContentType ?? 'application/octet-stream',
      lastModified: (head.LastModified ?? new Date(0)).toISOString(),
      metadata: head.Metadata ?? {},
    };
  }

  /** Lists a page of objects under `prefix`, in key order. */
  async list(
    scope: StorageScope,
    options: { prefix?: string; cursor?: string; limit?: number },
  ): Promise<{ items: ObjectSummary[]; cursor: string | null }> {
    const prefix = StoragePrefixSchema.safeParse(options.prefix ?? '');
    if (!prefix.success) throw new JingmaiError('INVALID_ARGUMENT', 'Invalid storage prefix.');
    const base = this.prefixOf(scope);
    const page = await this.client
      .send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: base + prefix.data,
          MaxKeys: Math.min(Math.max(options.limit ?? 100, 1), 1000),
          ...(options.cursor ? { ContinuationToken: options.cursor } : {}),
        }),
      )
      .catch(fromS3);
    const items = (page.Contents ?? [])
      .filter((object) => object.Key?.startsWith(base))
      .map((object) => ({
        key: (object.Key as string).slice(base.length),
        size: object.Size ?? 0,
        etag: object.ETag ?? '',
        lastModified: (object.LastModified ?? new Date(0)).toISOString(),
      }));
    return { items, cursor: page.IsTruncated ? (page.NextContinuationToken ?? null) : null };
  }

  /** Deletes an object (a missing one too). */
  async delete(scope: StorageScope, key: unknown): Promise<void> {
    await this.client
      .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(scope, key) }))
      .catch(fromS3);
  }

  /** A presigned GET for an existing object. */
  async presignGet(
    scope: StorageScope,
    key: unknown,
    options: { expiresIn?: number; download?: boolean | string } = {},
  ): Promise<{ url: string; expiresAt: number }> {
    const checked = checkKey(key);
    await this.head(scope, checked);
    const expiresIn = Math.min(Math.max(options.expiresIn ?? 300, 1), 3600);
    const name = typeof options.download === 'string' ? options.download : checked.split('/').pop();
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: this.objectKey(scope, checked),
      ...(options.download
        ? {
            ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(name ?? 'download')}`,
          }
        : {}),
    });
    const url = await getSignedUrl(this.presignClient, command, { expiresIn }).catch(fromS3);
    return { url, expiresAt: Math.floor(Date.now() / 1000) + expiresIn };
  }

  private checkSize(size: number): void {
    if (!Number.isSafeInteger(size) || size < 0)
      throw new JingmaiError('INVALID_ARGUMENT', 'Invalid object size.');
    if (size > MAX_OBJECT_BYTES) {
      throw new JingmaiError('PAYLOAD_TOO_LARGE', `Objects are limited to ${MAX_OBJECT_BYTES} bytes.`, {
        details: { limit: MAX_OBJECT_BYTES },
      });
    }
  }
}
