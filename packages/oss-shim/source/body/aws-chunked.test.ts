// The aws-chunked decoder: AWS's published signed-chunk example, tampering, the SDK's unsigned trailer
// framing, and malformed framing.
import { describe, expect, it } from 'vitest';
import type { ChunkSigning } from '../auth/authenticate.js';
import {
  chunkStringToSign,
  credentialScope,
  sha256Hex,
  sign,
  signingKey,
  trailerStringToSign,
} from '../auth/sigv4.js';
import { S3Error } from '../http/errors.js';
import { AwsChunkedDecoder, type ChunkedOptions } from './aws-chunked.js';

const AMZ_DATE = '20130524T000000Z';
const SIGNING: ChunkSigning = {
  key: signingKey('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', '20130524', 'us-east-1', 's3'),
  amzDate: AMZ_DATE,
  scope: credentialScope('20130524', 'us-east-1', 's3'),
  seedSignature: '4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9',
};
const CHUNK_SIGNATURES = [
  'ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648',
  '0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497',
  'b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9',
];

function signedBody(chunks: Buffer[], signatures: string[]): Buffer {
  const parts: Buffer[] = [];
  chunks.forEach((chunk, index) => {
    parts.push(
      Buffer.from(`${chunk.length.toString(16)};chunk-signature=${signatures[index]}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    );
  });
  return Buffer.concat(parts);
}

async function decode(
  body: Buffer,
  options: ChunkedOptions,
  pieceSize = 7000,
): Promise<{ data: Buffer; decoder: AwsChunkedDecoder }> {
  const pieces: Buffer[] = [];
  for (let offset = 0; offset < body.length; offset += pieceSize)
    pieces.push(body.subarray(offset, offset + pieceSize));
  const out: Buffer[] = [];
  const decoder = new AwsChunkedDecoder(options);
  for (const piece of pieces) decoder.write(piece, (data) => out.push(data));
  decoder.end();
  return { data: Buffer.concat(out), decoder };
}

describe('aws-chunked decoding', () => {
  const chunks = [Buffer.alloc(65536, 'a'), Buffer.alloc(1024, 'a'), Buffer.alloc(0)];

  it('decodes and verifies the AWS signed-chunk example (66560 bytes of "a")', async () => {
    const body = signedBody(chunks, CHUNK_SIGNATURES);
    expect(body.length).toBe(66824);
    const { data } = await decode(body, { signing: SIGNING, signedTrailer: false });
    expect(data.equals(Buffer.alloc(66560, 'a'))).toBe(true);
  });

  it('rejects a tampered chunk or a broken chain with SignatureDoesNotMatch', async () => {
    const tampered = [
      Buffer.alloc(65536, 'a'),
      Buffer.concat([Buffer.alloc(1023, 'a'), Buffer.from('b')]),
      Buffer.alloc(0),
    ];
    await expect(
      decode(signedBody(tampered, CHUNK_SIGNATURES), { signing: SIGNING, signedTrailer: false }),
    ).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
    const swapped = [CHUNK_SIGNATURES[1], CHUNK_SIGNATURES[0], CHUNK_SIGNATURES[2]] as string[];
    await expect(
      decode(signedBody(chunks, swapped), { signing: SIGNING, signedTrailer: false }),
    ).rejects.toBeInstanceOf(S3Error);
  });

  it('refuses signed chunks under 8 KiB that are not the last', async () => {
    const small = [Buffer.alloc(100, 'a'), Buffer.alloc(100, 'a'), Buffer.alloc(0)];
    let previous = SIGNING.seedSignature;
    const signatures = small.map((chunk) => {
      previous = sign(SIGNING.key, chunkStringToSign(AMZ_DATE, SIGNING.scope, previous, sha256Hex(chunk)));
      return previous;
    });
    await expect(
      decode(signedBody(small, signatures), { signing: SIGNING, signedTrailer: false }),
    ).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
  });

  it('decodes the SDK unsigned-trailer framing and exposes the trailing checksum', async () => {
    const data = Buffer.alloc(70004, 7);
    const body = Buffer.concat([
      Buffer.from('11170\r\n'),
      data.subarray(0, 0x11170),
      Buffer.from('\r\n4\r\n'),
      data.subarray(0x11170),
      Buffer.from('\r\n0\r\nx-amz-checksum-crc32:AEZ1LA==\r\n\r\n'),
    ]);
    const { data: decoded, decoder } = await decode(body, { signing: undefined, signedTrailer: false }, 1000);
    expect(decoded.equals(data)).toBe(true);
    expect(decoder.trailers.get('x-amz-checksum-crc32')).toBe('AEZ1LA==');
  });

  it('verifies the trailer signature of STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER', async () => {
    const payload = Buffer.alloc(10, 'z');
    const first = sign(
      SIGNING.key,
      chunkStringToSign(AMZ_DATE, SIGNING.scope, SIGNING.seedSignature, sha256Hex(payload)),
    );
    const last = sign(SIGNING.key, chunkStringToSign(AMZ_DATE, SIGNING.scope, first, sha256Hex('')));
    const trailer = 'x-amz-checksum-crc32:aaaaaa==\n';
    const trailerSignature = sign(SIGNING.key, trailerStringToSign(AMZ_DATE, SIGNING.scope, last, trailer));
    const build = (signature: string) =>
      Buffer.concat([
        Buffer.from(`a;chunk-signature=${first}\r\n`),
        payload,
        Buffer.from(
          `\r\n0;chunk-signature=${last}\r\nx-amz-checksum-crc32:aaaaaa==\r\nx-amz-trailer-signature:${signature}\r\n\r\n`,
        ),
      ]);
    const { decoder } = await decode(build(trailerSignature), { signing: SIGNING, signedTrailer: true });
    expect(decoder.trailers.get('x-amz-checksum-crc32')).toBe('aaaaaa==');
    await expect(
      decode(build('0'.repeat(64)), { signing: SIGNING, signedTrailer: true }),
    ).rejects.toMatchObject({
      code: 'SignatureDoesNotMatch',
    });
  });

  it('rejects bad framing and a body cut short', async () => {
    const unsigned = { signing: undefined, signedTrailer: false };
    await expect(decode(Buffer.from('zz\r\nabc'), unsigned)).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(decode(Buffer.from('3\r\nabcX\r\n0\r\n\r\n'), unsigned)).rejects.toMatchObject({
      code: 'InvalidRequest',
    });
    await expect(decode(Buffer.from('5\r\nabc'), unsigned)).rejects.toMatchObject({ code: 'IncompleteBody' });
  });
});
