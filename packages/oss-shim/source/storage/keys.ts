// What object keys and bucket names the shim accepts, and how a key becomes a file name that cannot
// escape the data directory whatever bytes it holds.
import { createHash } from 'node:crypto';
import { S3Error } from '../http/errors.js';

export const MAX_KEY_BYTES = 1024;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function validateKey(key: string): void {
  if (key.length === 0) throw new S3Error('InvalidArgument', 'The object key must not be empty.');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) {
    throw new S3Error('KeyTooLongError', undefined, { MaxSizeAllowed: MAX_KEY_BYTES });
  }
  if (key.includes('\0'))
    throw new S3Error('InvalidArgument', 'The object key must not contain NUL characters.');
  if (key.split('/').includes('..')) {
    throw new S3Error('InvalidArgument', "The object key must not contain '..' path segments.");
  }
  if (LONE_SURROGATE.test(key)) {
    throw new S3Error('InvalidArgument', 'The object key must be valid UTF-8.');
  }
}

/** S3's naming rules for new buckets: 3–63 of a-z 0-9 . -, starting and ending with a letter or digit. */
export function validateBucketName(name: string): void {
  if (
    !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) ||
    name.includes('..') ||
    /^\d+\.\d+\.\d+\.\d+$/.test(name)
  ) {
    throw new S3Error('InvalidBucketName', undefined, { BucketName: name });
  }
}

/** The object's file name: the SHA-256 of its key, so any key maps to a fixed-length hex name. */
export function keyFileName(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}
