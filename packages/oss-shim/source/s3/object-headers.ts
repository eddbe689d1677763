// The object headers S3 stores from a write (content headers, x-amz-meta-*) and sends back on GET/HEAD,
// including the response-* query overrides.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { S3Error } from '../http/errors.js';
import type { StoredObject } from '../storage/fs-store.js';

const STORED_HEADERS = [
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
];
const MAX_METADATA_BYTES = 2048;
export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

const OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

export interface WrittenHeaders {
  contentType: string | undefined;
  headers: Record<string, string>;
  metadata: Record<string, string>;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** The content headers and user metadata a PutObject/CreateMultipartUpload/CopyObject(REPLACE) sets. */
export function writtenHeaders(requestHeaders: IncomingHttpHeaders): WrittenHeaders {
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    let value = single(requestHeaders[name]);
    if (name === 'content-encoding' && value !== undefined) {
      // aws-chunked describes the transfer, not the object.
      value = value
        .split(',')
        .map((token) => token.trim())
        .filter((token) => token && token !== 'aws-chunked')
        .join(',');
    }
    if (value) headers[name] = value;
  }
  const metadata: Record<string, string> = {};
  let metadataBytes = 0;
  for (const [name, value] of Object.entries(requestHeaders)) {
    if (!name.startsWith('x-amz-meta-')) continue;
    const text = single(value) ?? '';
    const short = name.slice('x-amz-meta-'.length);
    metadata[short] = text;
    metadataBytes += Buffer.byteLength(short) + Buffer.byteLength(text);
  }
  if (metadataBytes > MAX_METADATA_BYTES) {
    throw new S3Error('MetadataTooLarge', undefined, {
      MaxSizeAllowed: MAX_METADATA_BYTES,
      Size: metadataBytes,
    });
  }
  return { contentType: single(requestHeaders['content-type']), headers, metadata };
}

export function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** ETag, Last-Modified and the validators, set before conditionals so a 304 carries them too. */
export function setValidatorHeaders(res: ServerResponse, object: StoredObject): void {
  res.setHeader('etag', object.etag);
  res.setHeader('last-modified', httpDate(object.lastModified));
}

/** Everything GET/HEAD answer about the object, with response-* overrides applied. */
export function setObjectHeaders(
  res: ServerResponse,
  object: StoredObject,
  query: ReadonlyMap<string, string>,
  withChecksum: boolean,
): void {
  setValidatorHeaders(res, object);
  res.setHeader('accept-ranges', 'bytes');
  res.setHeader('content-type', object.contentType ?? DEFAULT_CONTENT_TYPE);
  for (const [name, value] of Object.entries(object.headers)) res.setHeader(name, value);
  for (const [name, value] of Object.entries(object.metadata)) res.setHeader(`x-amz-meta-${name}`, value);
  if (withChecksum && object.checksum) {
    res.setHeader(`x-amz-checksum-${object.checksum.algorithm}`, object.checksum.value);
    res.setHeader('x-amz-checksum-type', object.checksum.type);
  }
  for (const [param, headerName] of Object.entries(OVERRIDES)) {
    const value = query.get(param);
    if (value !== undefined) res.setHeader(headerName, value);
  }
}
