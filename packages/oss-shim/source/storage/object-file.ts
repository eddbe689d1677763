// On-disk format of a stored object or part: the data bytes, then its metadata as JSON, then a 16-byte
// footer (magic + JSON length). Data and metadata live in one file so a single rename publishes both:
// there is no moment where a reader could see new bytes with old metadata or the reverse.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ChecksumAlgorithm } from '../body/checksums.js';

const MAGIC = Buffer.from('JMOSS\0v1', 'latin1');
const FOOTER_BYTES = 16;

export interface StoredChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64 digest; for a multipart object the checksum of the part checksums, suffixed `-N`. */
  value: string;
  type: 'FULL_OBJECT' | 'COMPOSITE';
}

export interface ObjectMeta {
  key: string;
  size: number;
  /** Quoted, as sent in the ETag header. */
  etag: string;
  lastModified: number;
  contentType: string | undefined;
  /** Cache-Control, Content-Disposition, Content-Encoding, Content-Language, Expires (lower-case names). */
  headers: Record<string, string>;
  /** x-amz-meta-* values by lower-case name without the prefix. */
  metadata: Record<string, string>;
  checksum: StoredChecksum | undefined;
}

/** The bytes appended after the data: metadata JSON and footer. */
export function encodeTrailer(meta: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(meta), 'utf8');
  const footer = Buffer.alloc(FOOTER_BYTES);
  MAGIC.copy(footer, 0);
  footer.writeUInt32BE(json.length, 12);
  return Buffer.concat([json, footer]);
}

/** Reads the metadata of the file at `path`; undefined if it is not a complete object file. */
export function readTrailer(path: string): { meta: unknown; dataSize: number } | undefined {
  const fd = openSync(path, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size < FOOTER_BYTES) return undefined;
    const footer = Buffer.alloc(FOOTER_BYTES);
    readSync(fd, footer, 0, FOOTER_BYTES, size - FOOTER_BYTES);
    if (!footer.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const jsonBytes = footer.readUInt32BE(12);
    const dataSize = size - FOOTER_BYTES - jsonBytes;
    if (dataSize < 0) return undefined;
    const json = Buffer.alloc(jsonBytes);
    readSync(fd, json, 0, jsonBytes, dataSize);
    return { meta: JSON.parse(json.toString('utf8')), dataSize };
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

export function isObjectMeta(value: unknown, dataSize: number): value is ObjectMeta {
  if (typeof value !== 'object' || value === null) return false;
  const meta = value as Partial<ObjectMeta>;
  return (
    typeof meta.key === 'string' &&
    meta.size === dataSize &&
    typeof meta.etag === 'string' &&
    typeof meta.lastModified === 'number' &&
    typeof meta.headers === 'object' &&
    typeof meta.metadata === 'object'
  );
}
