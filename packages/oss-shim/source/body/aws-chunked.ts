// Decodes an aws-chunked body (`hex-size[;chunk-signature=sig]\r\n<data>\r\n … 0…\r\n[trailers]\r\n`) into
// the object's bytes, verifying each chunk signature of STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER] as it
// ends and collecting the trailing headers of the -TRAILER variants. Data is handed on as it arrives: a
// failed signature throws, and the caller then discards what it wrote. A plain push parser rather than a
// stream, so a request costs no stream machinery beyond the request itself.
import { createHash, type Hash } from 'node:crypto';
import type { ChunkSigning } from '../auth/authenticate.js';
import { chunkStringToSign, sign, signaturesEqual, trailerStringToSign } from '../auth/sigv4.js';
import { S3Error } from '../http/errors.js';

const MAX_LINE = 4096;
const MIN_SIGNED_CHUNK = 8192;

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

export interface ChunkedOptions {
  /** Present when chunks are signed: the seed signature and key from the request's own signature. */
  signing?: ChunkSigning;
  /** Whether a trailer signature is expected (STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER). */
  signedTrailer: boolean;
}

export class AwsChunkedDecoder {
  /** Trailing headers, lower-cased names, available once the stream has ended. */
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private chunkSignature = '';
  private previousSignature: string;
  private chunkHash: Hash | undefined;
  private lastChunkWasShort = false;
  private readonly trailerLines: string[] = [];

  constructor(private readonly options: ChunkedOptions) {
    this.previousSignature = options.signing?.seedSignature ?? '';
  }

  /** Decodes the next bytes of the body, handing each run of object data to `onData`; throws an S3Error. */
  write(input: Buffer, onData: (data: Buffer) => void): void {
    let offset = 0;
    while (offset < input.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, input.length - offset);
        const slice = input.subarray(offset, offset + take);
        this.chunkHash?.update(slice);
        onData(slice);
        this.remaining -= take;
        offset += take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        if (input.subarray(offset).some((byte) => byte !== 0x0d && byte !== 0x0a)) {
          throw new S3Error('InvalidRequest', 'Unexpected bytes after the end of the aws-chunked body.');
        }
        return;
      }
      const newline = input.indexOf(0x0a, offset);
      const end = newline === -1 ? input.length : newline + 1;
      this.line = this.line.length
        ? Buffer.concat([this.line, input.subarray(offset, end)])
        : input.subarray(offset, end);
      offset = end;
      if (this.line.length > MAX_LINE)
        throw new S3Error('InvalidRequest', 'An aws-chunked line is too long.');
      if (newline === -1) continue;
      if (this.line.length < 2 || this.line[this.line.length - 2] !== 0x0d) {
        throw new S3Error('InvalidRequest', 'aws-chunked lines must end with CRLF.');
      }
      const text = this.line.subarray(0, this.line.length - 2).toString('latin1');
      this.line = Buffer.alloc(0);
      this.handleLine(text);
    }
  }

  /** The body ended: throws unless its final chunk (and trailer) arrived whole. */
  end(): void {
    // Some clients end right after the trailer lines without the final blank line.
    if (this.state === 'trailer' && this.line.length === 0) {
      this.finishTrailer();
      this.state = 'done';
    }
    if (this.state !== 'done') {
      throw new S3Error('IncompleteBody', 'The aws-chunked body ended before its final chunk.');
    }
  }

  private handleLine(text: string): void {
    if (this.state === 'data-end') {
      if (text !== '') throw new S3Error('InvalidRequest', 'An aws-chunked chunk must end with CRLF.');
      this.finishChunk();
      this.state = 'size';
      return;
    }
    if (this.state === 'trailer') {
      if (text === '') {
        this.finishTrailer();
        this.state = 'done';
      } else {
        this.trailerLines.push(text);
      }
      return;
    }
    const [sizeText = '', ...extensions] = text.split(';');
    if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) {
      throw new S3Error('InvalidRequest', `Invalid aws-chunked chunk size "${sizeText}".`);
    }
    const size = Number.parseInt(sizeText, 16);
    const signature = extensions
      .find((ext) => ext.startsWith('chunk-signature='))
      ?.slice('chunk-signature='.length);
    if (this.options.signing) {
      if (!signature)
        throw new S3Error('SignatureDoesNotMatch', 'A chunk of a signed aws-chunked body has no signature.');
      if (this.lastChunkWasShort && size > 0) {
        throw new S3Error(
          'InvalidRequest',
          'Only the last chunk is allowed to have a size less than 8192 bytes',
          {
            Chunk: sizeText,
          },
        );
      }
      this.lastChunkWasShort = size < MIN_SIGNED_CHUNK;
      this.chunkSignature = signature;
      this.chunkHash = createHash('sha256');
    }
    if (size === 0) {
      this.finishChunk();
      this.state = 'trailer';
      return;
    }
    this.remaining = size;
    this.state = 'data';
  }

  private finishChunk(): void {
    const signing = this.options.signing;
    if (!signing || !this.chunkHash) return;
    const digest = this.chunkHash.digest('hex');
    this.chunkHash = undefined;
    const expected = sign(
      signing.key,
      chunkStringToSign(signing.amzDate, signing.scope, this.previousSignature, digest),
    );
    if (!signaturesEqual(expected, this.chunkSignature)) {
      throw new S3Error(
        'SignatureDoesNotMatch',
        'The chunk signature we calculated does not match the one provided.',
      );
    }
    this.previousSignature = this.chunkSignature;
  }

  private finishTrailer(): void {
    let trailerSignature: string | undefined;
    let canonical = '';
    for (const line of this.trailerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw new S3Error('InvalidRequest', `Malformed aws-chunked trailer "${line}".`);
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'x-amz-trailer-signature') {
        trailerSignature = value;
        continue;
      }
      this.trailers.set(name, value);
      canonical += `${name}:${value}\n`;
    }
    const signing = this.options.signing;
    if (!this.options.signedTrailer || !signing) return;
    if (!trailerSignature) throw new S3Error('SignatureDoesNotMatch', 'The trailer signature is missing.');
    const expected = sign(
      signing.key,
      trailerStringToSign(signing.amzDate, signing.scope, this.previousSignature, canonical),
    );
    if (!signaturesEqual(expected, trailerSignature)) {
      throw new S3Error(
        'SignatureDoesNotMatch',
        'The trailer signature we calculated does not match the one provided.',
      );
    }
  }
}
