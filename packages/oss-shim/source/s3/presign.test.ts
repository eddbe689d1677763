// Presigned GET and PUT URLs from @aws-sdk/s3-request-presigner, used with plain fetch as a browser would.
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestServer, type TestServer } from '../testing/harness.js';

let shim: TestServer;
let s3: S3Client;
const Bucket = 'presigned';

beforeAll(async () => {
  shim = await startTestServer();
  s3 = shim.client();
  await s3.send(new CreateBucketCommand({ Bucket }));
});
afterAll(() => shim.stop());

describe('presigned URLs', () => {
  it('GET: downloads with response overrides; a tampered signature or query is refused', async () => {
    await s3.send(new PutObjectCommand({ Bucket, Key: 'shared/photo.jpg', Body: 'jpeg bytes' }));
    const url = await getSignedUrl(
      s3,
      new GetObjectCommand({
        Bucket,
        Key: 'shared/photo.jpg',
        ResponseContentDisposition: 'attachment; filename="p.jpg"',
      }),
      { expiresIn: 60 },
    );
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="p.jpg"');
    expect(await response.text()).toBe('jpeg bytes');

    const tampered = new URL(url);
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    const denied = await fetch(tampered);
    expect(denied.status).toBe(403);
    expect(await errorCode(denied)).toBe('SignatureDoesNotMatch');
    const otherKey = new URL(url.replace('photo.jpg', 'other.jpg'));
    expect(await errorCode(await fetch(otherKey))).toBe('SignatureDoesNotMatch');
  });

  it('GET: an expired URL is AccessDenied; X-Amz-Expires beyond 7 days is refused', async () => {
    const past = await getSignedUrl(s3, new GetObjectCommand({ Bucket, Key: 'shared/photo.jpg' }), {
      expiresIn: 1,
      signingDate: new Date(Date.now() - 10_000),
    });
    const expired = await fetch(past);
    expect(expired.status).toBe(403);
    const body = await expired.text();
    expect(body).toContain('<Code>AccessDenied</Code>');
    expect(body).toContain('Request has expired');
    const tooLong = new URL(past);
    tooLong.searchParams.set('X-Amz-Expires', '604801');
    expect(await errorCode(await fetch(tooLong))).toBe('AuthorizationQueryParametersError');
  });

  it('PUT: a client with WHEN_REQUIRED checksums presigns an upload that works from fetch', async () => {
    const client = shim.client({ requestChecksumCalculation: 'WHEN_REQUIRED' });
    const url = await getSignedUrl(
      client,
      new PutObjectCommand({ Bucket, Key: 'uploads/a.txt', ContentType: 'text/plain' }),
      {
        expiresIn: 60,
      },
    );
    const put = await fetch(url, {
      method: 'PUT',
      body: 'uploaded by a browser',
      headers: { 'content-type': 'text/plain' },
    });
    expect(put.status).toBe(200);
    const got = await s3.send(new GetObjectCommand({ Bucket, Key: 'uploads/a.txt' }));
    expect(await got.Body?.transformToString()).toBe('uploaded by a browser');
    expect(got.ContentType).toBe('text/plain');
  });

  it('PUT: with default checksums the URL carries the CRC32 of an empty body, so S3 (and the shim) answer BadDigest', async () => {
    const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket, Key: 'uploads/b.txt' }), {
      expiresIn: 60,
    });
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    const put = await fetch(url, { method: 'PUT', body: 'not empty' });
    expect(put.status).toBe(400);
    expect(await errorCode(put)).toBe('BadDigest');
    const empty = await fetch(url, { method: 'PUT', body: '' });
    expect(empty.status).toBe(200);
  });
});
