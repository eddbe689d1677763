// Object operations through the official @aws-sdk/client-s3 with its default (WHEN_SUPPORTED) checksums.
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  PutObjectCommand,
  type S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { BUFFERED_BODY_LIMIT } from './receive-body.js';

let shim: TestServer;
let s3: S3Client;
const Bucket = 'objects';

beforeAll(async () => {
  shim = await startTestServer();
  s3 = shim.client();
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => shim.stop());

async function failure(promise: Promise<unknown>): Promise<S3ServiceException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error;
    throw error;
  }
  throw new Error('expected the request to fail');
}

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');
const md5Base64 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');

describe('buckets', () => {
  it('creates, heads and lists buckets; a second create is BucketAlreadyOwnedByYou', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'second-bucket' }));
    await s3.send(new HeadBucketCommand({ Bucket: 'second-bucket' }));
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((bucket) => bucket.Name)).toEqual(expect.arrayContaining([Bucket, 'second-bucket']));
    expect((await failure(s3.send(new CreateBucketCommand({ Bucket })))).name).toBe(
      'BucketAlreadyOwnedByYou',
    );
    const missing = await failure(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
    expect(missing.$metadata.httpStatusCode).toBe(404);
    expect((await failure(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })))).name).toBe(
      'InvalidBucketName',
    );
  });
});

describe('PutObject / GetObject / HeadObject', () => {
  it('round-trips a buffer body with CRC32, metadata and content headers', async () => {
    const Body = Buffer.from('hello, jingmai');
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/hello.txt',
        Body,
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'max-age=60',
        ContentDisposition: 'inline',
        ContentLanguage: 'zh-CN',
        Metadata: { owner: 'shop-1', Mixed: 'Case' },
      }),
    );
    expect(put.ETag).toBe(`"${md5(Body)}"`);
    expect(put.ChecksumCRC32).toBeDefined();
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello, jingmai');
    expect(got.ContentType).toBe('text/plain; charset=utf-8');
    expect(got.CacheControl).toBe('max-age=60');
    expect(got.ContentDisposition).toBe('inline');
    expect(got.ContentLanguage).toBe('zh-CN');
    expect(got.Metadata).toEqual({ owner: 'shop-1', mixed: 'Case' });
    expect(got.ETag).toBe(put.ETag);
    expect(got.ChecksumCRC32).toBe(put.ChecksumCRC32);
    const head = await s3.send(new HeadObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(head.ContentLength).toBe(Body.length);
    expect(head.AcceptRanges).toBe('bytes');
    expect(head.LastModified).toBeInstanceOf(Date);
  });

  it('stores the decoded bytes of a streamed (aws-chunked, trailing CRC32) upload', async () => {
    const data = Buffer.alloc(300_000);
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) % 251;
    const put = await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'stream.bin',
        Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]),
        ContentLength: data.length,
      }),
    );
    expect(put.ETag).toBe(`"${md5(data)}"`);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'stream.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
    expect(got.ContentEncoding).toBeUndefined();
  });

  it.each([
    ['a body held in memory', BUFFERED_BODY_LIMIT],
    ['a body streamed to disk', BUFFERED_BODY_LIMIT + 1],
  ])('round-trips %s, whole and by range, buffer or streamed', async (_label, size) => {
    const data = Buffer.alloc(size);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7) % 253;
    for (const [Key, Body] of [
      [`limit-${size}-buffer`, data],
      [`limit-${size}-stream`, Readable.from([data.subarray(0, 70_000), data.subarray(70_000)])],
    ] as const) {
      const put = await s3.send(new PutObjectCommand({ Bucket, Key, Body, ContentLength: size }));
      expect(put.ETag).toBe(`"${md5(data)}"`);
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
      const tail = await s3.send(new GetObjectCommand({ Bucket, Key, Range: 'bytes=-70001' }));
      expect(Buffer.from(await tail.Body!.transformToByteArray()).equals(data.subarray(-70_001))).toBe(true);
    }
    const bad = await failure(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: `limit-${size}-bad`,
          Body: data,
          ContentMD5: md5Base64('other'),
        }),
      ),
    );
    expect(bad.name).toBe('BadDigest');
    expect(readdirSync(join(shim.dataDir, 'tmp'))).toEqual([]);
  });

  it.each(['CRC32C', 'SHA1', 'SHA256'] as const)(
    'verifies and returns a %s checksum',
    async (ChecksumAlgorithm) => {
      const Key = `checksum-${ChecksumAlgorithm}`;
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'checksummed', ChecksumAlgorithm }));
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
      expect(await got.Body?.transformToString()).toBe('checksummed');
      expect(got[`Checksum${ChecksumAlgorithm}`]).toBeDefined();
    },
  );

  it('rejects a wrong x-amz-checksum-crc32 or Content-MD5 with BadDigest and keeps the old object', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'guarded', Body: 'original' }));
    const wrongCrc = await failure(
      s3.send(
        new PutObjectCommand({ Bucket, Key: 'guarded', Body: 'replacement', ChecksumCRC32: 'AAAAAA==' }),
      ),
    );
    expect(wrongCrc.name).toBe('BadDigest');
    const wrongMd5 = await failure(
      s3.send(
        new PutObjectCommand({
          Bucket,
          Key: 'guarded',
          Body: 'replacement',
          ContentMD5: createHash('md5').update('x').digest('base64'),
        }),
      ),
    );
    expect(wrongMd5.name).toBe('BadDigest');
    const malformed = await failure(
      s3.send(new PutObjectCommand({ Bucket, Key: 'guarded', Body: 'x', ContentMD5: 'nope' })),
    );
    expect(malformed.name).toBe('InvalidDigest');
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'guarded' }));
    expect(await got.Body?.transformToString()).toBe('original');
  });

  it('accepts a correct Content-MD5', async () => {
    const Body = 'md5 checked';
    const ContentMD5 = createHash('md5').update(Body).digest('base64');
    const put = await s3.send(new PutObjectCommand({ Bucket, Key: 'md5', Body, ContentMD5 }));
    expect(put.ETag).toBe(`"${md5(Body)}"`);
  });

  it('answers NoSuchKey / NotFound / NoSuchBucket', async () => {
    const get = await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'missing' })));
    expect(get.name).toBe('NoSuchKey');
    expect(get.$metadata.httpStatusCode).toBe(404);
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })));
    expect(head.name).toBe('NotFound');
    const bucket = await failure(s3.send(new GetObjectCommand({ Bucket: 'nobucket', Key: 'x' })));
    expect(bucket.name).toBe('NoSuchBucket');
  });

  it('serves ranges with 206 and Content-Range, and 416 InvalidRange past the end', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'digits', Body: '0123456789' }));
    const cases: [string, string, string][] = [
      ['bytes=2-5', '2345', 'bytes 2-5/10'],
      ['bytes=7-', '789', 'bytes 7-9/10'],
      ['bytes=-3', '789', 'bytes 7-9/10'],
      ['bytes=8-100', '89', 'bytes 8-9/10'],
    ];
    for (const [Range, body, contentRange] of cases) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'digits', Range }));
      expect(got.$metadata.httpStatusCode).toBe(206);
      expect(got.ContentRange).toBe(contentRange);
      expect(await got.Body?.transformToString()).toBe(body);
    }
    const invalid = await failure(
      s3.send(new GetObjectCommand({ Bucket, Key: 'digits', Range: 'bytes=10-12' })),
    );
    expect(invalid.name).toBe('InvalidRange');
    expect(invalid.$metadata.httpStatusCode).toBe(416);
  });

  it('evaluates If-Match, If-None-Match, If-Modified-Since and If-Unmodified-Since', async () => {
    const { ETag } = await s3.send(new PutObjectCommand({ Bucket, Key: 'conditional', Body: 'v1' }));
    const past = new Date(Date.now() - 3600_000);
    const future = new Date(Date.now() + 3600_000);
    const ok = await s3.send(
      new GetObjectCommand({ Bucket, Key: 'conditional', IfMatch: ETag, IfModifiedSince: past }),
    );
    expect(await ok.Body?.transformToString()).toBe('v1');
    expect(
      (await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'conditional', IfMatch: '"nope"' }))))
        .$metadata.httpStatusCode,
    ).toBe(412);
    expect(
      (await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'conditional', IfNoneMatch: ETag }))))
        .$metadata.httpStatusCode,
    ).toBe(304);
    expect(
      (await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'conditional', IfModifiedSince: future }))))
        .$metadata.httpStatusCode,
    ).toBe(304);
    expect(
      (await failure(s3.send(new GetObjectCommand({ Bucket, Key: 'conditional', IfUnmodifiedSince: past }))))
        .$metadata.httpStatusCode,
    ).toBe(412);
    expect(
      (await failure(s3.send(new HeadObjectCommand({ Bucket, Key: 'conditional', IfNoneMatch: ETag }))))
        .$metadata.httpStatusCode,
    ).toBe(304);
  });

  it('applies response-* overrides', async () => {
    const got = await s3.send(
      new GetObjectCommand({
        Bucket,
        Key: 'digits',
        ResponseContentType: 'application/x-test',
        ResponseContentDisposition: 'attachment; filename="d.txt"',
        ResponseCacheControl: 'no-store',
        ResponseContentLanguage: 'en',
        ResponseContentEncoding: 'identity',
        ResponseExpires: new Date('2030-01-01T00:00:00Z'),
      }),
    );
    expect(got.ContentType).toBe('application/x-test');
    expect(got.ContentDisposition).toBe('attachment; filename="d.txt"');
    expect(got.CacheControl).toBe('no-store');
    expect(got.ContentLanguage).toBe('en');
    expect(got.ContentEncoding).toBe('identity');
    expect(got.Expires?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('keeps keys with spaces, unicode and reserved characters intact', async () => {
    const Key = 'dir with space/文件 #1+2=3?&%.txt';
    await s3.send(new PutObjectCommand({ Bucket, Key, Body: 'odd' }));
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(await got.Body?.transformToString()).toBe('odd');
  });
});

describe('conditional writes', () => {
  it('If-None-Match: * creates only once; If-Match swaps only on the current ETag', async () => {
    const first = await s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'a', IfNoneMatch: '*' }));
    const again = await failure(
      s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'b', IfNoneMatch: '*' })),
    );
    expect(again.$metadata.httpStatusCode).toBe(412);
    expect(again.name).toBe('PreconditionFailed');
    const swapped = await s3.send(
      new PutObjectCommand({ Bucket, Key: 'once', Body: 'c', IfMatch: first.ETag }),
    );
    const stale = await failure(
      s3.send(new PutObjectCommand({ Bucket, Key: 'once', Body: 'd', IfMatch: first.ETag })),
    );
    expect(stale.$metadata.httpStatusCode).toBe(412);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'once' }));
    expect(got.ETag).toBe(swapped.ETag);
    expect(await got.Body?.transformToString()).toBe('c');
  });

  it('lets exactly one of many racing If-None-Match: * writers win', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) =>
        s3.send(new PutObjectCommand({ Bucket, Key: 'race', Body: `writer ${i}`, IfNoneMatch: '*' })),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results) {
      if (result.status === 'rejected')
        expect([409, 412]).toContain((result.reason as S3ServiceException).$metadata.httpStatusCode);
    }
  });
});

describe('DeleteObject / DeleteObjects', () => {
  it('deletes one key (204, also when missing) and many at once', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'del/one', Body: '1' }));
    const single = await s3.send(new DeleteObjectCommand({ Bucket, Key: 'del/one' }));
    expect(single.$metadata.httpStatusCode).toBe(204);
    expect(
      (await s3.send(new DeleteObjectCommand({ Bucket, Key: 'del/one' }))).$metadata.httpStatusCode,
    ).toBe(204);
    for (const Key of ['del/a', 'del/b', 'del/c & <d>'])
      await s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    const many = await s3.send(
      new DeleteObjectsCommand({
        Bucket,
        Delete: {
          Objects: [
            { Key: 'del/a' },
            { Key: 'del/c & <d>' },
            { Key: 'del/never-existed' },
            { Key: 'bad/../key' },
          ],
        },
      }),
    );
    expect(many.Deleted?.map((entry) => entry.Key).sort()).toEqual([
      'del/a',
      'del/c & <d>',
      'del/never-existed',
    ]);
    expect(many.Errors?.map((entry) => [entry.Key, entry.Code])).toEqual([['bad/../key', 'InvalidArgument']]);
    expect((await failure(s3.send(new HeadObjectCommand({ Bucket, Key: 'del/a' })))).name).toBe('NotFound');
    await s3.send(new HeadObjectCommand({ Bucket, Key: 'del/b' }));
    const quiet = await s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'del/b' }] } }),
    );
    expect(quiet.Deleted ?? []).toEqual([]);
  });
});

describe('CopyObject', () => {
  it('COPY keeps metadata and content type; REPLACE takes them from the request', async () => {
    await s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'copy/src',
        Body: 'copy me',
        ContentType: 'text/x-src',
        Metadata: { a: '1' },
      }),
    );
    const copied = await s3.send(
      new CopyObjectCommand({ Bucket, Key: 'copy/dst', CopySource: `${Bucket}/copy/src` }),
    );
    expect(copied.CopyObjectResult?.ETag).toBe(`"${md5('copy me')}"`);
    const dst = await s3.send(new GetObjectCommand({ Bucket, Key: 'copy/dst' }));
    expect(await dst.Body?.transformToString()).toBe('copy me');
    expect(dst.ContentType).toBe('text/x-src');
    expect(dst.Metadata).toEqual({ a: '1' });
    await s3.send(
      new CopyObjectCommand({
        Bucket,
        Key: 'copy/src',
        CopySource: encodeURIComponent(`${Bucket}/copy/src`),
        MetadataDirective: 'REPLACE',
        ContentType: 'text/x-new',
        Metadata: { b: '2' },
      }),
    );
    const replaced = await s3.send(new HeadObjectCommand({ Bucket, Key: 'copy/src' }));
    expect(replaced.ContentType).toBe('text/x-new');
    expect(replaced.Metadata).toEqual({ b: '2' });
  });

  it('refuses a self-copy without REPLACE, a missing source, and failed source conditions', async () => {
    const self = await failure(
      s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/src', CopySource: `${Bucket}/copy/src` })),
    );
    expect(self.name).toBe('InvalidRequest');
    const missing = await failure(
      s3.send(new CopyObjectCommand({ Bucket, Key: 'copy/x', CopySource: `${Bucket}/copy/none` })),
    );
    expect(missing.name).toBe('NoSuchKey');
    const condition = await failure(
      s3.send(
        new CopyObjectCommand({
          Bucket,
          Key: 'copy/x',
          CopySource: `${Bucket}/copy/src`,
          CopySourceIfMatch: '"nope"',
        }),
      ),
    );
    expect(condition.$metadata.httpStatusCode).toBe(412);
  });
});
