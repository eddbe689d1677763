// The object store on disk. Layout under the data dir:
//   buckets/<name>/bucket.json              the bucket's creation time
//   buckets/<name>/objects/<hh>/<sha256>    one file per object (data + metadata, see object-file.ts)
//   tmp/                                    writes in progress, emptied at start
// An object becomes visible only by the rename of its fsynced file; the in-memory index is updated in the
// same synchronous step, so readers, writers and the index never disagree, and the last rename wins.
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { S3Error } from '../http/errors.js';
import { contentsXml } from '../s3/list-entry.js';
import { KeyIndex } from './key-index.js';
import { keyFileName, validateBucketName } from './keys.js';
import { isObjectMeta, type ObjectMeta, readTrailer } from './object-file.js';
import { QuotaLedger, type QuotaRule } from './quotas.js';
import { TempFile } from './temp-file.js';

export interface StoredObject extends ObjectMeta {
  /** Absolute path of the object's file. */
  file: string;
  /** Its <Contents> element for a plain listing, rendered once (see s3/list-entry.ts). */
  listing: string;
}

function storedObject(meta: ObjectMeta, file: string): StoredObject {
  return { ...meta, file, listing: contentsXml(meta) };
}

export interface BucketInfo {
  name: string;
  created: number;
}

interface Bucket {
  info: BucketInfo;
  dir: string;
  index: KeyIndex<StoredObject>;
  /** Fan-out directories known to exist, to skip a mkdir per write. */
  readyDirs: Set<string>;
}

/** Runs against the current object (or undefined) at commit time; throws to refuse the write. */
export type CommitCondition = (current: StoredObject | undefined) => void;

async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export class FsStore {
  readonly tmpDir: string;
  private readonly bucketsDir: string;
  private readonly buckets = new Map<string, Bucket>();
  private readonly quotas: QuotaLedger;

  private constructor(
    readonly dataDir: string,
    quotaRules: readonly QuotaRule[],
  ) {
    this.tmpDir = join(dataDir, 'tmp');
    this.bucketsDir = join(dataDir, 'buckets');
    this.quotas = new QuotaLedger(quotaRules);
  }

  /** Opens (creating if needed) the store, clears abandoned temp files and loads every bucket's index. */
  static open(dataDir: string, quotaRules: readonly QuotaRule[] = []): FsStore {
    const store = new FsStore(dataDir, quotaRules);
    rmSync(store.tmpDir, { recursive: true, force: true });
    mkdirSync(store.tmpDir, { recursive: true });
    mkdirSync(store.bucketsDir, { recursive: true });
    for (const name of readdirSync(store.bucketsDir)) store.loadBucket(name);
    return store;
  }

  private loadBucket(name: string): void {
    const dir = join(this.bucketsDir, name);
    let created: number;
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(dir, 'bucket.json'), 'utf8'));
      created =
        typeof parsed === 'object' && parsed !== null && 'created' in parsed ? Number(parsed.created) : 0;
    } catch {
      return; // A bucket whose creation never completed.
    }
    const bucket: Bucket = { info: { name, created }, dir, index: new KeyIndex(), readyDirs: new Set() };
    const objectsDir = join(dir, 'objects');
    const loaded: [string, StoredObject][] = [];
    for (const fan of existsSync(objectsDir) ? readdirSync(objectsDir) : []) {
      const fanDir = join(objectsDir, fan);
      bucket.readyDirs.add(fanDir);
      for (const fileName of readdirSync(fanDir)) {
        const file = join(fanDir, fileName);
        const trailer = readTrailer(file);
        if (
          !trailer ||
          !isObjectMeta(trailer.meta, trailer.dataSize) ||
          keyFileName(trailer.meta.key) !== fileName
        ) {
          continue;
        }
        loaded.push([trailer.meta.key, storedObject(trailer.meta, file)]);
        this.quotas.record(name, trailer.meta.key, trailer.meta.size, 1);
      }
    }
    bucket.index.load(loaded);
    this.buckets.set(name, bucket);
  }

  listBuckets(): BucketInfo[] {
    return [...this.buckets.values()].map(({ info }) => info).sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  private requireBucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new S3Error('NoSuchBucket', undefined, { BucketName: name });
    return bucket;
  }

  /** The bucket's sorted key index (for listing). */
  index(bucket: string): KeyIndex<StoredObject> {
    return this.requireBucket(bucket).index;
  }

  createBucket(name: string): void {
    validateBucketName(name);
    if (this.buckets.has(name)) throw new S3Error('BucketAlreadyOwnedByYou', undefined, { BucketName: name });
    const dir = join(this.bucketsDir, name);
    mkdirSync(join(dir, 'objects'), { recursive: true });
    const marker = join(dir, `bucket.json.${randomUUID()}`);
    const created = Date.now();
    writeFileSync(marker, JSON.stringify({ created }), { flush: true });
    renameSync(marker, join(dir, 'bucket.json'));
    this.buckets.set(name, { info: { name, created }, dir, index: new KeyIndex(), readyDirs: new Set() });
  }

  async deleteBucket(name: string): Promise<void> {
    const bucket = this.requireBucket(name);
    if (bucket.index.size > 0) throw new S3Error('BucketNotEmpty', undefined, { BucketName: name });
    this.buckets.delete(name);
    // Removing bucket.json first makes a half-deleted bucket invisible after a crash.
    rmSync(join(bucket.dir, 'bucket.json'), { force: true });
    await rm(bucket.dir, { recursive: true, force: true });
  }

  /** The current object, or undefined; throws NoSuchBucket. */
  head(bucket: string, key: string): StoredObject | undefined {
    return this.requireBucket(bucket).index.get(key);
  }

  /** The object or NoSuchKey. */
  require(bucket: string, key: string): StoredObject {
    const object = this.head(bucket, key);
    if (!object) throw new S3Error('NoSuchKey', undefined, { Key: key });
    return object;
  }

  /** Opens the object's file now, so a later replace or delete cannot change what this reader sees. */
  openForRead(object: StoredObject): number {
    return openSync(object.file, 'r');
  }

  newTempFile(): Promise<TempFile> {
    return TempFile.create(this.tmpDir);
  }

  /** Throws QuotaExceeded if writing `size` bytes at `key` would overrun a quota. */
  checkQuota(bucket: string, key: string, size: number): void {
    this.quotas.check(bucket, key, size, this.head(bucket, key)?.size);
  }

  /**
   * Publishes a sealed temp file as the object `meta.key`. The condition, quota check, rename and index
   * update run in one synchronous step; the temp file is removed if anything refuses the write.
   */
  async commit(
    temp: TempFile,
    bucketName: string,
    meta: ObjectMeta,
    condition?: CommitCondition,
  ): Promise<StoredObject> {
    try {
      const bucket = this.requireBucket(bucketName);
      const name = keyFileName(meta.key);
      const fanDir = join(bucket.dir, 'objects', name.slice(0, 2));
      if (!bucket.readyDirs.has(fanDir)) {
        await mkdir(fanDir, { recursive: true });
        bucket.readyDirs.add(fanDir);
      }
      const stored = storedObject(meta, join(fanDir, name));
      // From here to the index update nothing awaits: this is the commit point.
      if (this.buckets.get(bucketName) !== bucket)
        throw new S3Error('NoSuchBucket', undefined, { BucketName: bucketName });
      const current = bucket.index.get(meta.key);
      condition?.(current);
      this.quotas.check(bucketName, meta.key, meta.size, current?.size);
      renameSync(temp.path, stored.file);
      bucket.index.set(meta.key, stored);
      this.quotas.record(bucketName, meta.key, meta.size - (current?.size ?? 0), current ? 0 : 1);
      await fsyncDirectory(fanDir);
      return stored;
    } catch (error) {
      await temp.discard();
      throw error;
    }
  }

  /** Deletes the object if present; true if it existed. */
  delete(bucketName: string, key: string): boolean {
    const bucket = this.requireBucket(bucketName);
    const current = bucket.index.get(key);
    if (!current) return false;
    unlinkSync(current.file);
    bucket.index.delete(key);
    this.quotas.record(bucketName, key, -current.size, -1);
    const fd = openSync(join(current.file, '..'), 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return true;
  }
}
