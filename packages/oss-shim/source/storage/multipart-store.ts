// Multipart uploads in progress. Layout: uploads/<uploadId>/upload.json (bucket, key, the metadata the
// final object will get) and uploads/<uploadId>/part-<n> (part data + trailer, like objects). Parts are
// published by rename, so a part is either whole or absent; a restart reloads every upload.
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ChecksumAlgorithm } from '../body/checksums.js';
import { S3Error } from '../http/errors.js';
import { readTrailer } from './object-file.js';
import type { TempFile } from './temp-file.js';

export interface UploadInfo {
  uploadId: string;
  bucket: string;
  key: string;
  initiated: number;
  contentType: string | undefined;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  checksumAlgorithm: ChecksumAlgorithm | undefined;
}

export interface PartMeta {
  partNumber: number;
  /** Quoted MD5 of the part. */
  etag: string;
  size: number;
  lastModified: number;
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

export interface StoredPart extends PartMeta {
  file: string;
}

interface Upload {
  info: UploadInfo;
  dir: string;
  parts: Map<number, StoredPart>;
}

const UPLOAD_ID = /^[0-9a-f]{32}$/;

function isUploadInfo(value: unknown): value is UploadInfo {
  if (typeof value !== 'object' || value === null) return false;
  const info = value as Partial<UploadInfo>;
  return typeof info.uploadId === 'string' && typeof info.bucket === 'string' && typeof info.key === 'string';
}

function isPartMeta(value: unknown, dataSize: number): value is PartMeta {
  if (typeof value !== 'object' || value === null) return false;
  const part = value as Partial<PartMeta>;
  return typeof part.partNumber === 'number' && typeof part.etag === 'string' && part.size === dataSize;
}

export class MultipartStore {
  private readonly root: string;
  private readonly uploads = new Map<string, Upload>();

  private constructor(dataDir: string) {
    this.root = join(dataDir, 'uploads');
  }

  static open(dataDir: string): MultipartStore {
    const store = new MultipartStore(dataDir);
    mkdirSync(store.root, { recursive: true });
    for (const uploadId of readdirSync(store.root)) store.load(uploadId);
    return store;
  }

  private load(uploadId: string): void {
    const dir = join(this.root, uploadId);
    const infoPath = join(dir, 'upload.json');
    const info: unknown = existsSync(infoPath) ? JSON.parse(readFileSync(infoPath, 'utf8')) : undefined;
    if (!UPLOAD_ID.test(uploadId) || !isUploadInfo(info)) {
      // Left by a crash during create or removal: nothing refers to it.
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    const parts = new Map<number, StoredPart>();
    for (const name of readdirSync(dir)) {
      if (!name.startsWith('part-')) continue;
      const file = join(dir, name);
      const trailer = readTrailer(file);
      if (trailer && isPartMeta(trailer.meta, trailer.dataSize))
        parts.set(trailer.meta.partNumber, { ...trailer.meta, file });
    }
    this.uploads.set(uploadId, { info, dir, parts });
  }

  create(fields: Omit<UploadInfo, 'uploadId' | 'initiated'>): UploadInfo {
    const info: UploadInfo = { ...fields, uploadId: randomBytes(16).toString('hex'), initiated: Date.now() };
    const dir = join(this.root, info.uploadId);
    mkdirSync(dir);
    const temp = join(dir, `upload.json.${randomUUID()}`);
    writeFileSync(temp, JSON.stringify(info), { flush: true });
    renameSync(temp, join(dir, 'upload.json'));
    this.uploads.set(info.uploadId, { info, dir, parts: new Map() });
    return info;
  }

  private find(uploadId: string, bucket: string, key: string): Upload {
    const upload = UPLOAD_ID.test(uploadId) ? this.uploads.get(uploadId) : undefined;
    if (!upload || upload.info.bucket !== bucket || upload.info.key !== key) {
      throw new S3Error('NoSuchUpload', undefined, { UploadId: uploadId });
    }
    return upload;
  }

  /** The upload's settings, or NoSuchUpload. */
  get(uploadId: string, bucket: string, key: string): UploadInfo {
    return this.find(uploadId, bucket, key).info;
  }

  /** Parts in ascending part-number order. */
  parts(uploadId: string, bucket: string, key: string): StoredPart[] {
    return [...this.find(uploadId, bucket, key).parts.values()].sort((a, b) => a.partNumber - b.partNumber);
  }

  /** Publishes a sealed part file, replacing an earlier upload of the same part number. */
  async commitPart(temp: TempFile, info: UploadInfo, part: PartMeta): Promise<void> {
    try {
      const upload = this.find(info.uploadId, info.bucket, info.key);
      const file = join(upload.dir, `part-${part.partNumber}`);
      renameSync(temp.path, file);
      upload.parts.set(part.partNumber, { ...part, file });
    } catch (error) {
      await temp.discard();
      throw error;
    }
  }

  /** Forgets the upload and deletes its parts (abort, or after a completed upload). */
  async remove(uploadId: string, bucket: string, key: string): Promise<void> {
    const upload = this.find(uploadId, bucket, key);
    this.uploads.delete(uploadId);
    await rm(upload.dir, { recursive: true, force: true });
  }
}
