// The verifier's primitives against the worked examples AWS publishes for S3 SigV4 (header auth, query
// auth and the seed signature of a chunked upload). Only the facts (inputs, expected signatures) come from
// the documentation.
import { describe, expect, it } from 'vitest';
import {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  chunkStringToSign,
  credentialScope,
  EMPTY_SHA256,
  sha256Hex,
  sign,
  signingKey,
  stringToSign,
  uriEncode,
} from './sigv4.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const AMZ_DATE = '20130524T000000Z';
const SCOPE = credentialScope('20130524', 'us-east-1', 's3');
const KEY = signingKey(SECRET, '20130524', 'us-east-1', 's3');
const HOST = 'examplebucket.s3.amazonaws.com';

function signatureOf(
  method: string,
  path: string,
  query: [string, string][],
  headers: Record<string, string>,
  payloadHash: string,
): string {
  const names = Object.keys(headers).sort();
  const canonical = canonicalRequest({
    method,
    canonicalUri: path,
    canonicalQuery: canonicalQuery(query),
    canonicalHeaders: canonicalHeaders(names, (name) => [headers[name] ?? '']),
    signedHeaders: names,
    payloadHash,
  });
  return sign(KEY, stringToSign(AMZ_DATE, SCOPE, canonical));
}

describe('SigV4 (AWS published S3 examples)', () => {
  it('GET Object with a Range header', () => {
    const signature = signatureOf(
      'GET',
      '/test.txt',
      [],
      { host: HOST, range: 'bytes=0-9', 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': AMZ_DATE },
      EMPTY_SHA256,
    );
    expect(signature).toBe('f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41');
  });

  it('PUT Object with a Date header, storage class and an encoded key', () => {
    const payload = sha256Hex('Welcome to Amazon S3.');
    expect(payload).toBe('44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072');
    const signature = signatureOf(
      'PUT',
      `/${uriEncode('test$file.text', true)}`,
      [],
      {
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        host: HOST,
        'x-amz-content-sha256': payload,
        'x-amz-date': AMZ_DATE,
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      payload,
    );
    expect(signature).toBe('98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd');
  });

  it('GET Bucket ?lifecycle (a bare sub-resource is "lifecycle=")', () => {
    const signature = signatureOf(
      'GET',
      '/',
      [['lifecycle', '']],
      { host: HOST, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': AMZ_DATE },
      EMPTY_SHA256,
    );
    expect(signature).toBe('fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543');
  });

  it('GET Bucket (list) with sorted query parameters', () => {
    const signature = signatureOf(
      'GET',
      '/',
      [
        ['prefix', 'J'],
        ['max-keys', '2'],
      ],
      { host: HOST, 'x-amz-content-sha256': EMPTY_SHA256, 'x-amz-date': AMZ_DATE },
      EMPTY_SHA256,
    );
    expect(signature).toBe('34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7');
  });

  it('presigned GET Object (query auth, UNSIGNED-PAYLOAD)', () => {
    const signature = signatureOf(
      'GET',
      '/test.txt',
      [
        ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
        ['X-Amz-Credential', `AKIAIOSFODNN7EXAMPLE/${SCOPE}`],
        ['X-Amz-Date', AMZ_DATE],
        ['X-Amz-Expires', '86400'],
        ['X-Amz-SignedHeaders', 'host'],
      ],
      { host: HOST },
      'UNSIGNED-PAYLOAD',
    );
    expect(signature).toBe('aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404');
  });

  it('chunked upload: seed signature and the chain of chunk signatures', () => {
    const seed = signatureOf(
      'PUT',
      '/examplebucket/chunkObject.txt',
      [],
      {
        'content-encoding': 'aws-chunked',
        'content-length': '66824',
        host: 's3.amazonaws.com',
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-date': AMZ_DATE,
        'x-amz-decoded-content-length': '66560',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
      },
      'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
    );
    expect(seed).toBe('4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9');
    const chunks = [Buffer.alloc(65536, 'a'), Buffer.alloc(1024, 'a'), Buffer.alloc(0)];
    const expected = [
      'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
      '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
      'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
    ];
    let previous = seed;
    chunks.forEach((chunk, index) => {
      previous = sign(KEY, chunkStringToSign(AMZ_DATE, SCOPE, previous, sha256Hex(chunk)));
      expect(previous).toBe(expected[index]);
    });
  });

  it('URI-encodes like SigV4: unreserved kept, everything else %XX upper-case, "/" optional', () => {
    expect(uriEncode("a b/c~d!'()*+é", true)).toBe('a%20b/c~d%21%27%28%29%2A%2B%C3%A9');
    expect(uriEncode('a/b', false)).toBe('a%2Fb');
  });
});
