// Multipart uploads through the SDK (and @aws-sdk/lib-storage): the md5-of-md5s ETag, ListParts, abort,
// and S3's completion rules.
import { createHash } from 'node:crypto';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/harness.js';
import { multipartEtag } from './multipart.js';

let shim: TestServer;
let s3: S3Client;
const Bucket = 'multipart';
const MiB = 1024 * 1024;

beforeAll(async () => {
  shim = await startTestServer();
  s3 = shim.client();
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => shim.stop());

function bytes(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 7 + seed) % 256;
  return out;
}
const md5 = (data: Buffer) => createHash('md5').update(data).digest();

describe('multipart upload', () => {
  it('computes the ETag as MD5 of the part MD5s plus the part count (S3 worked example)', () => {
    expect(multipartEtag(['"bce6bf66aeb76c7040fdd5f4eccb78e6"', '"8165449fc15bbf43d3b674595cbcc406"'])).toBe(
      '"f77dc0eecdebcd774a2a22cb393ad2ff-2"',
    );
  });

  it('creates, uploads parts, lists them, completes with the multipart ETag and metadata', async () => {
    const Key = 'big/file.bin';
    const parts = [bytes(5 * MiB, 1), bytes(5 * MiB, 2), bytes(123_456, 3)];
    const { UploadId } = await s3.send(
      new CreateMultipartUploadCommand({
        Bucket,
        Key,
        ContentType: 'application/x-big',
        Metadata: { origin: 'test' },
      }),
    );
    const etags: string[] = [];
    // Out of order on purpose: completion orders by part number.
    for (const index of [2, 0, 1]) {
      const { ETag } = await s3.send(
        new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: index + 1, Body: parts[index] }),
      );
      expect(ETag).toBe(`"${md5(parts[index] as Buffer).toString('hex')}"`);
      etags[index] = ETag ?? '';
    }
    const listed = await s3.send(new ListPartsCommand({ Bucket, Key, UploadId, MaxParts: 2 }));
    expect(listed.Parts?.map((part) => [part.PartNumber, part.Size])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
    ]);
    expect(listed.IsTruncated).toBe(true);
    const rest = await s3.send(
      new ListPartsCommand({ Bucket, Key, UploadId, PartNumberMarker: listed.NextPartNumberMarker }),
    );
    expect(rest.Parts?.map((part) => part.PartNumber)).toEqual([3]);
    const done = await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket,
        Key,
        UploadId,
        MultipartUpload: { Parts: etags.map((ETag, index) => ({ ETag, PartNumber: index + 1 })) },
      }),
    );
    const expectedEtag = `"${createHash('md5')
      .update(Buffer.concat(parts.map(md5)))
      .digest('hex')}-3"`;
    expect(done.ETag).toBe(expectedEtag);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(got.ETag).toBe(expectedEtag);
    expect(got.ContentType).toBe('application/x-big');
    expect(got.Metadata).toEqual({ origin: 'test' });
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat(parts))).toBe(true);
    await expect(s3.send(new ListPartsCommand({ Bucket, Key, UploadId }))).rejects.toMatchObject({
      name: 'NoSuchUpload',
    });
  });

  it('enforces part order, part ETags, the 5 MiB minimum and part numbers', async () => {
    const Key = 'rules.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    const small = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: bytes(1000, 1) }),
    );
    const second = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: bytes(1000, 2) }),
    );
    const complete = (Parts: { ETag?: string; PartNumber: number }[]) =>
      s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    await expect(
      complete([
        { ETag: second.ETag, PartNumber: 2 },
        { ETag: small.ETag, PartNumber: 1 },
      ]),
    ).rejects.toMatchObject({
      name: 'InvalidPartOrder',
    });
    await expect(
      complete([{ ETag: '"00000000000000000000000000000000"', PartNumber: 1 }]),
    ).rejects.toMatchObject({ name: 'InvalidPart' });
    await expect(
      complete([
        { ETag: small.ETag, PartNumber: 1 },
        { ETag: second.ETag, PartNumber: 2 },
      ]),
    ).rejects.toMatchObject({
      name: 'EntityTooSmall',
    });
    await expect(
      s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 10001, Body: 'x' })),
    ).rejects.toMatchObject({ name: 'InvalidArgument' });
    // A single small part is a valid upload.
    const single = await complete([{ ETag: small.ETag, PartNumber: 1 }]);
    expect(single.ETag).toMatch(/-1"$/);
  });

  it('aborts: later part uploads and completion answer NoSuchUpload', async () => {
    const Key = 'aborted.bin';
    const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key }));
    await s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 1, Body: 'part' }));
    const aborted = await s3.send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId }));
    expect(aborted.$metadata.httpStatusCode).toBe(204);
    await expect(
      s3.send(new UploadPartCommand({ Bucket, Key, UploadId, PartNumber: 2, Body: 'x' })),
    ).rejects.toMatchObject({
      name: 'NoSuchUpload',
    });
    await expect(s3.send(new HeadObjectCommand({ Bucket, Key }))).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('works with @aws-sdk/lib-storage Upload (parallel parts, default checksums)', async () => {
    const data = bytes(11 * MiB + 17, 9);
    const upload = new Upload({
      client: s3,
      params: { Bucket, Key: 'lib-storage.bin', Body: data },
      partSize: 5 * MiB,
      queueSize: 3,
    });
    const progress: number[] = [];
    upload.on('httpUploadProgress', (event) => progress.push(event.loaded ?? 0));
    const result = await upload.done();
    expect(result.ETag).toMatch(/-3"$/);
    expect(progress.at(-1)).toBe(data.length);
    const got = await s3.send(
      new GetObjectCommand({ Bucket, Key: 'lib-storage.bin', ChecksumMode: 'ENABLED' }),
    );
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(data)).toBe(true);
  });
});
