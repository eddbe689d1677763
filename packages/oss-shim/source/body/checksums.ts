// The additional checksums S3 verifies (x-amz-checksum-*), computed incrementally while a body streams.
// CRC32 is zlib's native one; CRC32C comes from @aws-crypto/crc32c, the implementation the AWS SDKs use.

import { createHash, type Hash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { Crc32c } from '@aws-crypto/crc32c';

export const CHECKSUM_ALGORITHMS = ['crc32', 'crc32c', 'sha1', 'sha256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

export function isChecksumAlgorithm(name: string): name is ChecksumAlgorithm {
  return (CHECKSUM_ALGORITHMS as readonly string[]).includes(name);
}

/** The name S3 uses in messages and response headers, e.g. `CRC32C`. */
export function checksumLabel(algorithm: ChecksumAlgorithm): string {
  return algorithm.toUpperCase();
}

export interface RunningChecksum {
  update(chunk: Uint8Array): void;
  /** The big-endian digest bytes. */
  digest(): Buffer;
}

function uint32(value: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0);
  return out;
}

class Crc32Checksum implements RunningChecksum {
  private value = 0;
  update(chunk: Uint8Array): void {
    this.value = crc32(chunk, this.value);
  }
  digest(): Buffer {
    return uint32(this.value);
  }
}

class Crc32cChecksum implements RunningChecksum {
  private readonly crc = new Crc32c();
  update(chunk: Uint8Array): void {
    this.crc.update(chunk);
  }
  digest(): Buffer {
    return uint32(this.crc.digest());
  }
}

class HashChecksum implements RunningChecksum {
  private readonly hash: Hash;
  constructor(algorithm: 'sha1' | 'sha256') {
    this.hash = createHash(algorithm);
  }
  update(chunk: Uint8Array): void {
    this.hash.update(chunk);
  }
  digest(): Buffer {
    return this.hash.digest();
  }
}

export function createChecksum(algorithm: ChecksumAlgorithm): RunningChecksum {
  if (algorithm === 'crc32') return new Crc32Checksum();
  if (algorithm === 'crc32c') return new Crc32cChecksum();
  return new HashChecksum(algorithm);
}

/** Byte length of each algorithm's digest, to reject a malformed header value before reading the body. */
export const CHECKSUM_SIZES: Record<ChecksumAlgorithm, number> = {
  crc32: 4,
  crc32c: 4,
  sha1: 20,
  sha256: 32,
};
