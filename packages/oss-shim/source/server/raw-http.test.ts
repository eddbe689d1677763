// Error paths and protocol details over raw HTTP: S3 error XML, tampered and misdirected signatures, clock
// skew, payload hashes, aws-chunked bodies built by hand, key validation, 100-continue, CORS, quotas and
// virtual-host addressing.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAmzDate } from '../auth/authenticate.js';
import { chunkStringToSign, credentialScope, sha256Hex, sign, signingKey } from '../auth/sigv4.js';
import {
  errorCode,
  rawRequest,
  signedHeaders,
  startTestServer,
  type TestServer,
} from '../testing/harness.js';

let shim: TestServer;
const MAX_OBJECT = 1024 * 1024;

beforeAll(async () => {
  shim = await startTestServer({
    buckets: ['raw', 'quota'],
    maxObjectSize: MAX_OBJECT,
    virtualHostDomain: 's3.localhost',
    cors: { allowedOrigins: ['http://app.example.test', 'http://*.shops.test'] },
    quotas: [
      { bucket: 'quota', maxObjects: 3 },
      { bucket: 'quota', prefix: 'small/', maxBytes: 10 },
    ],
  });
});
afterAll(() => shim.stop());

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  continued: boolean;
}

/** A request over node:http, for what fetch cannot do (Host override, Expect: 100-continue). */
function nodeRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, shim.server.url);
    let continued = false;
    const req = http.request({ method, host: url.hostname, port: url.port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
          continued,
        }),
      );
    });
    req.on('error', reject);
    if (headers.expect === '100-continue') {
      req.on('continue', () => {
        continued = true;
        req.end(body);
      });
    } else {
      req.end(body);
    }
  });
}

const object = (key: string) => rawRequest(shim.server, { method: 'GET', path: `/raw/${key}` });

describe('S3 errors over raw HTTP', () => {
  it('refuses anonymous requests with S3 error XML and a request id', async () => {
    const response = await fetch(`${shim.server.url}/raw/anything`);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/xml');
    const requestId = response.headers.get('x-amz-request-id');
    const body = await response.text();
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>AccessDenied<\/Code>/);
    expect(body).toContain(`<RequestId>${requestId}</RequestId>`);
  });

  it('answers NoSuchKey with the key and NoSuchBucket with the bucket name', async () => {
    const missing = await object('no/such%20key');
    expect(missing.status).toBe(404);
    const body = await missing.text();
    expect(body).toContain('<Code>NoSuchKey</Code>');
    expect(body).toContain('<Key>no/such key</Key>');
    const bucket = await rawRequest(shim.server, { method: 'GET', path: '/nobucket?list-type=2' });
    expect(await bucket.text()).toContain('<BucketName>nobucket</BucketName>');
  });

  it('detects a tampered header, an unknown key, a wrong region and a wrong secret', async () => {
    const headers = signedHeaders(shim.server, {
      method: 'PUT',
      path: '/raw/t.txt',
      body: 'data',
      headers: { 'x-amz-meta-a': '1' },
    });
    delete headers.host;
    const tampered = await fetch(`${shim.server.url}/raw/t.txt`, {
      method: 'PUT',
      body: 'data',
      headers: { ...headers, 'x-amz-meta-a': '2' },
    });
    expect(tampered.status).toBe(403);
    const tamperedBody = await tampered.text();
    expect(tamperedBody).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(tamperedBody).toContain('<CanonicalRequest>PUT\n/raw/t.txt');
    const unknown = await rawRequest(shim.server, { method: 'GET', path: '/raw/x', accessKeyId: 'NOBODY' });
    expect(await errorCode(unknown)).toBe('InvalidAccessKeyId');
    const region = await rawRequest(shim.server, { method: 'GET', path: '/raw/x', region: 'us-east-1' });
    expect(region.status).toBe(400);
    const regionBody = await region.text();
    expect(regionBody).toContain('<Code>AuthorizationHeaderMalformed</Code>');
    expect(regionBody).toContain(`<Region>${shim.server.region}</Region>`);
    const secret = await rawRequest(shim.server, { method: 'GET', path: '/raw/x', secretAccessKey: 'wrong' });
    expect(await errorCode(secret)).toBe('SignatureDoesNotMatch');
    expect((await object('t.txt')).status).toBe(404);
  });

  it('refuses x-amz-* headers that were not signed', async () => {
    const headers = signedHeaders(shim.server, { method: 'GET', path: '/raw/x' });
    delete headers.host;
    const response = await fetch(`${shim.server.url}/raw/x`, {
      headers: { ...headers, 'x-amz-meta-extra': '1' },
    });
    expect(response.status).toBe(403);
    expect(await response.text()).toContain('<HeadersNotSigned>x-amz-meta-extra</HeadersNotSigned>');
  });

  it('allows 15 minutes of clock skew and no more', async () => {
    const within = await rawRequest(shim.server, {
      method: 'PUT',
      path: '/raw/skew',
      body: 'ok',
      date: new Date(Date.now() - 14 * 60_000),
    });
    expect(within.status).toBe(200);
    const beyond = await rawRequest(shim.server, {
      method: 'PUT',
      path: '/raw/skew',
      body: 'no',
      date: new Date(Date.now() + 16 * 60_000),
    });
    expect(beyond.status).toBe(403);
    expect(await errorCode(beyond)).toBe('RequestTimeTooSkewed');
  });

  it('checks x-amz-content-sha256 against the body and keeps nothing on mismatch', async () => {
    const response = await rawRequest(shim.server, {
      method: 'PUT',
      path: '/raw/hash',
      body: 'actual',
      payloadHash: sha256Hex('claimed'),
    });
    expect(response.status).toBe(400);
    expect(await errorCode(response)).toBe('XAmzContentSHA256Mismatch');
    expect((await object('hash')).status).toBe(404);
    const unsigned = await rawRequest(shim.server, {
      method: 'PUT',
      path: '/raw/hash',
      body: 'free',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    expect(unsigned.status).toBe(200);
    expect(await (await object('hash')).text()).toBe('free');
  });

  it('rejects keys with .. segments, NUL or over 1024 bytes', async () => {
    // fetch would normalise the dots away; node:http sends the path as given.
    const path = '/raw/a/../../etc/passwd';
    const dots = await nodeRequest(
      'PUT',
      path,
      { ...signedHeaders(shim.server, { method: 'PUT', path, body: 'x' }), 'content-length': '1' },
      Buffer.from('x'),
    );
    expect(dots.status).toBe(400);
    expect(dots.body).toContain('<Code>InvalidArgument</Code>');
    const nul = await rawRequest(shim.server, { method: 'PUT', path: '/raw/a%00b', body: 'x' });
    expect(await errorCode(nul)).toBe('InvalidArgument');
    const long = await rawRequest(shim.server, {
      method: 'PUT',
      path: `/raw/${'k'.repeat(1025)}`,
      body: 'x',
    });
    expect(long.status).toBe(400);
    expect(await errorCode(long)).toBe('KeyTooLongError');
    const fits = await rawRequest(shim.server, {
      method: 'PUT',
      path: `/raw/${'k'.repeat(1024)}`,
      body: 'x',
    });
    expect(fits.status).toBe(200);
  });

  it('refuses an oversized PUT from Content-Length alone, and a body without a length', async () => {
    const response = await nodeRequest(
      'PUT',
      '/raw/huge',
      {
        ...signedHeaders(shim.server, { method: 'PUT', path: '/raw/huge', payloadHash: 'UNSIGNED-PAYLOAD' }),
        'content-length': String(MAX_OBJECT + 1),
      },
      Buffer.alloc(MAX_OBJECT + 1),
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>EntityTooLarge</Code>');
    const chunked = await nodeRequest(
      'PUT',
      '/raw/nolength',
      {
        ...signedHeaders(shim.server, {
          method: 'PUT',
          path: '/raw/nolength',
          payloadHash: 'UNSIGNED-PAYLOAD',
        }),
        'transfer-encoding': 'chunked',
      },
      Buffer.from('abc'),
    );
    expect(chunked.status).toBe(411);
    expect(chunked.body).toContain('<Code>MissingContentLength</Code>');
  });

  it('answers a refused Expect: 100-continue request without inviting the body', async () => {
    const headers = signedHeaders(shim.server, {
      method: 'PUT',
      path: '/raw/expect',
      payloadHash: 'UNSIGNED-PAYLOAD',
      secretAccessKey: 'wrong',
    });
    const refused = await nodeRequest(
      'PUT',
      '/raw/expect',
      { ...headers, expect: '100-continue', 'content-length': '5' },
      Buffer.from('hello'),
    );
    expect(refused.status).toBe(403);
    expect(refused.continued).toBe(false);
    const good = signedHeaders(shim.server, {
      method: 'PUT',
      path: '/raw/expect',
      payloadHash: 'UNSIGNED-PAYLOAD',
    });
    const accepted = await nodeRequest(
      'PUT',
      '/raw/expect',
      { ...good, expect: '100-continue', 'content-length': '5' },
      Buffer.from('hello'),
    );
    expect(accepted.status).toBe(200);
    expect(accepted.continued).toBe(true);
  });

  it('answers 501 NotImplemented for sub-resources it does not serve, 405 for other methods', async () => {
    expect(await errorCode(await rawRequest(shim.server, { method: 'GET', path: '/raw/x?acl' }))).toBe(
      'NotImplemented',
    );
    expect(await errorCode(await rawRequest(shim.server, { method: 'PATCH', path: '/raw/x' }))).toBe(
      'MethodNotAllowed',
    );
  });
});

describe('aws-chunked uploads built by hand', () => {
  it('STREAMING-AWS4-HMAC-SHA256-PAYLOAD: stores the decoded bytes; a bad chunk signature stores nothing', async () => {
    const data = Buffer.alloc(20_000, 'q');
    const chunks = [data.subarray(0, 9000), data.subarray(9000), Buffer.alloc(0)];
    const date = new Date();
    const build = (corrupt: boolean) => {
      const headers = signedHeaders(shim.server, {
        method: 'PUT',
        path: '/raw/chunked',
        payloadHash: 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        date,
        headers: { 'content-encoding': 'aws-chunked', 'x-amz-decoded-content-length': String(data.length) },
      });
      const seed = /Signature=([0-9a-f]+)/.exec(headers.authorization ?? '')?.[1] ?? '';
      const amzDate = formatAmzDate(date.getTime());
      const scope = credentialScope(amzDate.slice(0, 8), shim.server.region, 's3');
      const key = signingKey(
        shim.server.credentials[0]?.secretAccessKey ?? '',
        amzDate.slice(0, 8),
        shim.server.region,
        's3',
      );
      let previous = seed;
      const body = Buffer.concat(
        chunks.flatMap((chunk, index) => {
          previous = sign(key, chunkStringToSign(amzDate, scope, previous, sha256Hex(chunk)));
          const sent = corrupt && index === 1 ? Buffer.alloc(chunk.length, 'x') : chunk;
          return [
            Buffer.from(`${chunk.length.toString(16)};chunk-signature=${previous}\r\n`),
            sent,
            Buffer.from('\r\n'),
          ];
        }),
      );
      return { headers: { ...headers, 'content-length': String(body.length) }, body };
    };
    const good = build(false);
    const stored = await nodeRequest('PUT', '/raw/chunked', good.headers, good.body);
    expect(stored.status).toBe(200);
    expect(stored.headers.etag).toBe(`"${createHash('md5').update(data).digest('hex')}"`);
    const bad = build(true);
    const refused = await nodeRequest('PUT', '/raw/chunked-bad', bad.headers, bad.body);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('<Code>SignatureDoesNotMatch</Code>');
    expect(Buffer.from(await (await object('chunked')).arrayBuffer()).equals(data)).toBe(true);
    expect((await object('chunked-bad')).status).toBe(404);
  });

  it('STREAMING-UNSIGNED-PAYLOAD-TRAILER: verifies the trailing CRC32', async () => {
    const data = Buffer.from('trailer checked body');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(data));
    const send = (checksum: string) => {
      const body = Buffer.from(
        `${data.length.toString(16)}\r\n${data}\r\n0\r\nx-amz-checksum-crc32:${checksum}\r\n\r\n`,
      );
      const headers = signedHeaders(shim.server, {
        method: 'PUT',
        path: '/raw/trailer',
        payloadHash: 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        headers: {
          'content-encoding': 'aws-chunked',
          'x-amz-decoded-content-length': String(data.length),
          'x-amz-trailer': 'x-amz-checksum-crc32',
        },
      });
      return nodeRequest('PUT', '/raw/trailer', { ...headers, 'content-length': String(body.length) }, body);
    };
    const wrong = await send('AAAAAA==');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('<Code>BadDigest</Code>');
    expect((await object('trailer')).status).toBe(404);
    const right = await send(crc.toString('base64'));
    expect(right.status).toBe(200);
    expect(await (await object('trailer')).text()).toBe(data.toString());
  });
});

describe('CORS', () => {
  const preflight = (origin: string, method = 'PUT', requestHeaders = 'content-type') =>
    fetch(`${shim.server.url}/raw/file`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': requestHeaders,
      },
    });

  it('grants configured origins (exact and wildcard) and refuses others, including null', async () => {
    const granted = await preflight('http://app.example.test');
    expect(granted.status).toBe(200);
    expect(granted.headers.get('access-control-allow-origin')).toBe('http://app.example.test');
    expect(granted.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(granted.headers.get('access-control-allow-headers')).toBe('content-type');
    expect((await preflight('http://a.shops.test')).headers.get('access-control-allow-origin')).toBe(
      'http://a.shops.test',
    );
    const refused = await preflight('http://evil.test');
    expect(refused.status).toBe(403);
    expect(await errorCode(refused)).toBe('AccessForbidden');
    expect((await preflight('null')).status).toBe(403);
    expect((await preflight('http://app.example.test', 'PATCH')).status).toBe(403);
  });

  it('decorates actual responses, errors included, for allowed origins only', async () => {
    const headers = signedHeaders(shim.server, { method: 'GET', path: '/raw/none' });
    delete headers.host;
    const allowed = await fetch(`${shim.server.url}/raw/none`, {
      headers: { ...headers, origin: 'http://app.example.test' },
    });
    expect(allowed.status).toBe(404);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.example.test');
    expect(allowed.headers.get('access-control-expose-headers')).toContain('ETag');
    const other = await fetch(`${shim.server.url}/raw/none`, {
      headers: { ...headers, origin: 'http://evil.test' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows the null origin only when it is configured', async () => {
    const withNull = await startTestServer({ cors: { allowedOrigins: ['null'] } });
    try {
      const response = await fetch(`${withNull.server.url}/b/k`, {
        method: 'OPTIONS',
        headers: { origin: 'null', 'access-control-request-method': 'GET' },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('null');
    } finally {
      await withNull.stop();
    }
  });
});

describe('quotas', () => {
  it('enforces object-count and per-prefix byte quotas with 403 QuotaExceeded; replacing within quota works', async () => {
    const put = (key: string, body: string) =>
      rawRequest(shim.server, { method: 'PUT', path: `/quota/${key}`, body });
    expect((await put('small/a', '12345')).status).toBe(200);
    const over = await put('small/b', '123456');
    expect(over.status).toBe(403);
    const overBody = await over.text();
    expect(overBody).toContain('<Code>QuotaExceeded</Code>');
    expect(overBody).toContain('<Prefix>small/</Prefix>');
    expect((await put('small/a', '1234567890')).status).toBe(200);
    expect((await put('big/1', 'x'.repeat(100))).status).toBe(200);
    expect((await put('big/2', 'y')).status).toBe(200);
    expect(await errorCode(await put('big/3', 'z'))).toBe('QuotaExceeded');
    expect((await rawRequest(shim.server, { method: 'DELETE', path: '/quota/big/2' })).status).toBe(204);
    expect((await put('big/3', 'z')).status).toBe(200);
  });
});

describe('virtual-host addressing', () => {
  it('takes the bucket from the Host header under the configured domain', async () => {
    const host = `raw.s3.localhost:${shim.server.port}`;
    const headers = signedHeaders(shim.server, {
      method: 'PUT',
      path: '/vhost.txt',
      body: 'virtual',
      headers: { host },
    });
    const put = await nodeRequest(
      'PUT',
      '/vhost.txt',
      { ...headers, 'content-length': '7' },
      Buffer.from('virtual'),
    );
    expect(put.status).toBe(200);
    expect(await (await object('vhost.txt')).text()).toBe('virtual');
  });
});
