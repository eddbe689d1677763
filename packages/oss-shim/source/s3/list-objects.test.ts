// ListObjectsV2 (and v1) through the SDK: prefixes, delimiters, pagination, start-after, url encoding,
// UTF-8 byte order; and the index-backed page cost at 100 000 keys.
import {
  CreateBucketCommand,
  ListObjectsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  paginateListObjectsV2,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredObject } from '../storage/fs-store.js';
import { KeyIndex } from '../storage/key-index.js';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { listPage } from './list-objects.js';

let shim: TestServer;
let s3: S3Client;
const Bucket = 'listing';
const KEYS = [
  'a.txt',
  'photos/2024/jan/1.jpg',
  'photos/2024/jan/2.jpg',
  'photos/2024/feb/1.jpg',
  'photos/2025/mar/1.jpg',
  'photos/readme.md',
  'videos/v1.mp4',
  'z.txt',
  'space key.txt',
  'ü.txt',
  '\u{1F600}.txt',
  '\uFF01.txt',
];

beforeAll(async () => {
  shim = await startTestServer();
  s3 = shim.client();
  await s3.send(new CreateBucketCommand({ Bucket }));
  await Promise.all(KEYS.map((Key) => s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
});
afterAll(() => shim.stop());

const utf8Sorted = (keys: string[]) =>
  [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe('ListObjectsV2', () => {
  it('lists every key in UTF-8 byte order with sizes and ETags', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket }));
    expect(page.Contents?.map((entry) => entry.Key)).toEqual(utf8Sorted(KEYS));
    expect(page.KeyCount).toBe(KEYS.length);
    expect(page.IsTruncated).toBe(false);
    const first = page.Contents?.[0];
    expect(first?.Size).toBe(Buffer.byteLength(first?.Key ?? ''));
    expect(first?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first?.StorageClass).toBe('STANDARD');
  });

  it('groups by delimiter; common prefixes count toward MaxKeys and KeyCount', async () => {
    const top = await s3.send(new ListObjectsV2Command({ Bucket, Delimiter: '/' }));
    expect(top.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['photos/', 'videos/']);
    expect(top.Contents?.map((entry) => entry.Key)).toEqual(
      utf8Sorted(KEYS.filter((key) => !key.includes('/'))),
    );
    const nested = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'photos/', Delimiter: '/' }));
    expect(nested.CommonPrefixes?.map((entry) => entry.Prefix)).toEqual(['photos/2024/', 'photos/2025/']);
    expect(nested.Contents?.map((entry) => entry.Key)).toEqual(['photos/readme.md']);
    const limited = await s3.send(
      new ListObjectsV2Command({ Bucket, Prefix: 'photos/', Delimiter: '/', MaxKeys: 2 }),
    );
    expect(limited.KeyCount).toBe(2);
    expect(limited.IsTruncated).toBe(true);
    const rest = await s3.send(
      new ListObjectsV2Command({
        Bucket,
        Prefix: 'photos/',
        Delimiter: '/',
        ContinuationToken: limited.NextContinuationToken,
      }),
    );
    expect(rest.Contents?.map((entry) => entry.Key)).toEqual(['photos/readme.md']);
    expect(rest.CommonPrefixes ?? []).toEqual([]);
  });

  it('pages with continuation tokens and honours StartAfter', async () => {
    const seen: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 5 }, { Bucket })) {
      expect(page.Contents?.length ?? 0).toBeLessThanOrEqual(5);
      seen.push(...(page.Contents ?? []).map((entry) => entry.Key ?? ''));
    }
    expect(seen).toEqual(utf8Sorted(KEYS));
    const after = await s3.send(new ListObjectsV2Command({ Bucket, StartAfter: 'photos/readme.md' }));
    expect(after.Contents?.[0]?.Key).toBe('space key.txt');
    expect(after.StartAfter).toBe('photos/readme.md');
    const bad = s3.send(new ListObjectsV2Command({ Bucket, ContinuationToken: '!!' }));
    await expect(bad).rejects.toMatchObject({ name: 'InvalidArgument' });
  });

  it('url-encodes keys and prefixes with EncodingType=url', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'space', EncodingType: 'url' }));
    expect(page.EncodingType).toBe('url');
    expect(page.Contents?.map((entry) => entry.Key)).toEqual(['space%20key.txt']);
  });

  it('gives each entry its size, ETag, time and class, and an Owner only when FetchOwner asks', async () => {
    const plain = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a.' }));
    const entry = plain.Contents?.[0];
    expect(entry).toMatchObject({ Key: 'a.txt', Size: 5, StorageClass: 'STANDARD' });
    expect(entry?.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(entry?.LastModified?.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(entry?.Owner).toBeUndefined();
    const owned = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: 'a.', FetchOwner: true }));
    expect(owned.Contents?.[0]).toMatchObject({ ...entry, Owner: { ID: 'jingmai-oss' } });
  });

  it('answers NoSuchBucket for a missing bucket; ListObjects v1 pages with markers', async () => {
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'missing-bucket' }))).rejects.toMatchObject({
      name: 'NoSuchBucket',
    });
    const v1 = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', MaxKeys: 3 }));
    expect(v1.IsTruncated).toBe(true);
    const next = await s3.send(new ListObjectsCommand({ Bucket, Delimiter: '/', Marker: v1.NextMarker }));
    const all = [...(v1.Contents ?? []), ...(next.Contents ?? [])].map((entry) => entry.Key);
    expect(all).toEqual(utf8Sorted(KEYS.filter((key) => !key.includes('/'))));
  });
});

describe('listing cost at 100 000 keys', () => {
  it('serves a 1000-key page from the index in well under 5 ms', () => {
    const index = new KeyIndex<StoredObject>();
    const entries: [string, StoredObject][] = [];
    for (let i = 0; i < 100_000; i++) {
      const key = `shops/${i % 100}/orders/${String(i).padStart(6, '0')}.json`;
      entries.push([
        key,
        {
          key,
          size: 1,
          etag: '""',
          lastModified: 0,
          contentType: undefined,
          headers: {},
          metadata: {},
          checksum: undefined,
          file: '',
        },
      ]);
    }
    index.load(entries);
    const timings: number[] = [];
    let after: { value: string; afterPrefix: boolean } | undefined;
    let total = 0;
    do {
      const started = performance.now();
      const page = listPage(index, { prefix: '', delimiter: '', maxKeys: 1000, after });
      timings.push(performance.now() - started);
      total += page.contents.length;
      after = page.isTruncated ? page.last : undefined;
    } while (after);
    expect(total).toBe(100_000);
    timings.sort((a, b) => a - b);
    expect(timings[Math.floor(timings.length / 2)]).toBeLessThan(5);
    const grouped = listPage(index, { prefix: 'shops/', delimiter: '/', maxKeys: 1000, after: undefined });
    expect(grouped.commonPrefixes).toHaveLength(100);
  });
});
