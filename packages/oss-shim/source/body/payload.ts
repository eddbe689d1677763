// Reading a request body the way S3 does: decide up front how it is framed and what must be verified
// (x-amz-content-sha256, Content-MD5, x-amz-checksum-*), stream the decoded bytes into a sink, then check
// every digest. A body that fails any check raises the S3 error; the caller discards what the sink got.
// The request is read with plain 'data' listeners rather than a stream pipeline: per request that saves
// the pipeline's abort controller and listeners, which cost more than the hashing of a small object.
import { createHash, type Hash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { AuthContext, ChunkSigning } from '../auth/authenticate.js';
import { S3Error } from '../http/errors.js';
import { AwsChunkedDecoder } from './aws-chunked.js';
import {
  CHECKSUM_SIZES,
  type ChecksumAlgorithm,
  checksumLabel,
  createChecksum,
  isChecksumAlgorithm,
  type RunningChecksum,
} from './checksums.js';

export interface PayloadPlan {
  chunked: boolean;
  chunkSigning: ChunkSigning | undefined;
  signedTrailer: boolean;
  /** The length of the decoded body. */
  length: number;
  /** Hex SHA-256 the body must hash to, when the client declared one. */
  contentSha256: string | undefined;
  contentMd5: Buffer | undefined;
  checksum: { algorithm: ChecksumAlgorithm; expected: Buffer | undefined; fromTrailer: boolean } | undefined;
}

export interface ReceivedPayload {
  size: number;
  md5: Buffer;
  /** The checksum of the body, base64, when the client asked for one. */
  checksum: { algorithm: ChecksumAlgorithm; value: string } | undefined;
}

const NOT_CHECKSUM_HEADERS = new Set([
  'x-amz-checksum-type',
  'x-amz-checksum-algorithm',
  'x-amz-checksum-mode',
]);

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseLength(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,16}$/.test(text)) throw new S3Error('InvalidArgument', `Invalid length "${text}".`);
  return Number(text);
}

function decodeBase64Digest(text: string, bytes: number): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64');
  return decoded.length === bytes ? decoded : undefined;
}

function planChecksum(
  headers: IncomingHttpHeaders,
  presignedParams: ReadonlyMap<string, string>,
  chunked: boolean,
): PayloadPlan['checksum'] {
  const given = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-checksum-') && !NOT_CHECKSUM_HEADERS.has(name))
      given.set(name, single(value) ?? '');
  }
  for (const [name, value] of presignedParams) {
    const lower = name.toLowerCase();
    if (lower.startsWith('x-amz-checksum-') && !NOT_CHECKSUM_HEADERS.has(lower)) given.set(lower, value);
  }
  const trailer = single(headers['x-amz-trailer'])?.trim().toLowerCase();
  if (given.size > 1 || (given.size === 1 && trailer)) {
    throw new S3Error(
      'InvalidRequest',
      'Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.',
    );
  }
  const [header] = given.keys();
  const name = header ?? trailer;
  if (name === undefined) {
    const declared = single(headers['x-amz-sdk-checksum-algorithm'])?.toLowerCase();
    if (declared === undefined) return undefined;
    if (!isChecksumAlgorithm(declared)) {
      throw new S3Error(
        'InvalidRequest',
        `Checksum algorithm ${declared.toUpperCase()} is not supported by this server.`,
      );
    }
    return { algorithm: declared, expected: undefined, fromTrailer: false };
  }
  if (!name.startsWith('x-amz-checksum-')) {
    throw new S3Error(
      'InvalidRequest',
      `The trailer "${name}" is not supported; only x-amz-checksum-* trailers are.`,
    );
  }
  const algorithm = name.slice('x-amz-checksum-'.length);
  if (!isChecksumAlgorithm(algorithm)) {
    throw new S3Error(
      'InvalidRequest',
      `Checksum algorithm ${algorithm.toUpperCase()} is not supported by this server.`,
    );
  }
  if (header === undefined) {
    if (!chunked) throw new S3Error('InvalidRequest', 'x-amz-trailer is only allowed on aws-chunked bodies.');
    return { algorithm, expected: undefined, fromTrailer: true };
  }
  const expected = decodeBase64Digest(given.get(header) ?? '', CHECKSUM_SIZES[algorithm]);
  if (!expected) throw new S3Error('InvalidRequest', `Value for ${header} header is invalid.`);
  return { algorithm, expected, fromTrailer: false };
}

/** Decides, before any byte is read, how the body is framed and checked; rejects what S3 rejects up front. */
export function planPayload(
  headers: IncomingHttpHeaders,
  presignedParams: ReadonlyMap<string, string>,
  auth: AuthContext,
  maxSize: number,
): PayloadPlan {
  const mode = auth.payloadHash;
  const contentEncoding = single(headers['content-encoding']) ?? '';
  const chunked =
    mode.startsWith('STREAMING-') ||
    contentEncoding
      .split(',')
      .map((token) => token.trim())
      .includes('aws-chunked');
  const signedChunks =
    mode === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD' || mode === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER';
  const length = chunked
    ? parseLength(single(headers['x-amz-decoded-content-length']))
    : parseLength(single(headers['content-length']));
  if (length === undefined) throw new S3Error('MissingContentLength');
  if (length > maxSize) {
    throw new S3Error('EntityTooLarge', undefined, { ProposedSize: length, MaxSizeAllowed: maxSize });
  }
  const md5Header = single(headers['content-md5']);
  let contentMd5: Buffer | undefined;
  if (md5Header !== undefined) {
    contentMd5 = decodeBase64Digest(md5Header.trim(), 16);
    if (!contentMd5) throw new S3Error('InvalidDigest');
  }
  return {
    chunked,
    chunkSigning: signedChunks ? auth.chunkSigning : undefined,
    signedTrailer: mode === 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER',
    length,
    contentSha256: /^[0-9a-f]{64}$/.test(mode) ? mode : undefined,
    contentMd5,
    checksum: planChecksum(headers, presignedParams, chunked),
  };
}

/** Where the decoded bytes go (a file appender or a memory buffer). */
export interface PayloadSink {
  /** Takes the chunk (it may keep the reference); false asks for a pause until `whenDrained`. */
  write(chunk: Buffer): boolean;
  whenDrained(resume: () => void): void;
  /** Settles once everything written is stored; rejects with the sink's own failure. */
  finish(): Promise<void>;
}

/** Every digest the plan asks for, updated together chunk by chunk. */
class BodyDigests {
  size = 0;
  readonly md5: Hash = createHash('md5');
  readonly sha256: Hash | undefined;
  readonly checksum: RunningChecksum | undefined;

  constructor(plan: PayloadPlan) {
    this.sha256 = plan.contentSha256 ? createHash('sha256') : undefined;
    this.checksum = plan.checksum ? createChecksum(plan.checksum.algorithm) : undefined;
  }

  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
  }
}

/**
 * Reads `source` to its end through the decoder into `take`, pausing it while `take` reports a full sink.
 * On failure the source is left paused and unconsumed: the socket still has to carry the error response.
 */
function pump(
  source: Readable,
  decoder: AwsChunkedDecoder | undefined,
  take: (data: Buffer) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      try {
        if (decoder) decoder.write(chunk, take);
        else take(chunk);
      } catch (error) {
        settle(error);
      }
    };
    const onEnd = () => {
      try {
        decoder?.end();
        settle(undefined);
      } catch (error) {
        settle(error);
      }
    };
    const onClose = () => settle(new S3Error('IncompleteBody', 'The request body ended early.'));
    const settle = (error: unknown) => {
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('close', onClose);
      if (error === undefined) {
        resolve();
        return;
      }
      source.pause();
      reject(error);
    };
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('close', onClose);
  });
}

/** Streams the body into `sink` (`source` is left unconsumed on failure) and verifies length and every declared digest. */
export async function receivePayload(
  source: Readable,
  plan: PayloadPlan,
  sink: PayloadSink,
): Promise<ReceivedPayload> {
  const digests = new BodyDigests(plan);
  const decoder = plan.chunked
    ? new AwsChunkedDecoder({ signing: plan.chunkSigning, signedTrailer: plan.signedTrailer })
    : undefined;
  const resume = () => source.resume();
  const take = (data: Buffer) => {
    digests.update(data);
    if (!sink.write(data)) {
      source.pause();
      sink.whenDrained(resume);
    }
  };
  try {
    await pump(source, decoder, take);
  } catch (error) {
    // The sink's writes in flight end before the caller may close or delete what they write to.
    await sink.finish().catch(() => undefined);
    throw error;
  }
  await sink.finish();

  if (digests.size !== plan.length) {
    throw new S3Error(
      'IncompleteBody',
      plan.chunked
        ? `The decoded body has ${digests.size} bytes but x-amz-decoded-content-length is ${plan.length}.`
        : undefined,
    );
  }
  if (plan.contentSha256 && digests.sha256) {
    const computed = digests.sha256.digest('hex');
    if (computed !== plan.contentSha256) {
      throw new S3Error('XAmzContentSHA256Mismatch', undefined, {
        ClientComputedContentSHA256: plan.contentSha256,
        S3ComputedContentSHA256: computed,
      });
    }
  }
  const md5 = digests.md5.digest();
  if (plan.contentMd5 && !plan.contentMd5.equals(md5)) {
    throw new S3Error('BadDigest', undefined, {
      ExpectedDigest: plan.contentMd5.toString('base64'),
      CalculatedDigest: md5.toString('base64'),
    });
  }
  let checksum: ReceivedPayload['checksum'];
  if (plan.checksum && digests.checksum) {
    const { algorithm } = plan.checksum;
    const computed = digests.checksum.digest();
    let expected = plan.checksum.expected;
    if (plan.checksum.fromTrailer) {
      const name = `x-amz-checksum-${algorithm}`;
      const trailed = decoder?.trailers.get(name);
      if (trailed === undefined)
        throw new S3Error('InvalidRequest', `The trailer ${name} declared in x-amz-trailer was not sent.`);
      expected = decodeBase64Digest(trailed, CHECKSUM_SIZES[algorithm]);
      if (!expected) throw new S3Error('InvalidRequest', `Value for ${name} trailing header is invalid.`);
    }
    if (expected && !expected.equals(computed)) {
      throw new S3Error(
        'BadDigest',
        `The ${checksumLabel(algorithm)} you specified did not match the calculated checksum.`,
      );
    }
    checksum = { algorithm, value: computed.toString('base64') };
  }
  return { size: digests.size, md5, checksum };
}
