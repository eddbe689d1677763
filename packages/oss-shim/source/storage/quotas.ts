// Per-bucket or per-prefix limits on stored bytes and object counts, with running usage so a write is
// checked without scanning. S3 has no quotas; an overrun answers 403 QuotaExceeded (Ceph RGW's code).
import { S3Error } from '../http/errors.js';

/** A limit on what a bucket, or the keys under a prefix of it, may hold. */
export interface QuotaRule {
  /** The bucket the rule applies to. */
  bucket: string;
  /** Applies to keys starting with this prefix; the whole bucket when absent. */
  prefix?: string;
  /** Total bytes of the matching objects. */
  maxBytes?: number;
  /** Number of matching objects. */
  maxObjects?: number;
}

interface Usage {
  rule: QuotaRule;
  bytes: number;
  objects: number;
}

export class QuotaLedger {
  private readonly usages: Usage[];

  constructor(rules: readonly QuotaRule[]) {
    this.usages = rules.map((rule) => ({ rule, bytes: 0, objects: 0 }));
  }

  private matching(bucket: string, key: string): Usage[] {
    return this.usages.filter(({ rule }) => rule.bucket === bucket && key.startsWith(rule.prefix ?? ''));
  }

  /** Throws QuotaExceeded if writing `size` bytes to `key` (replacing `previousSize`, if any) overruns a rule. */
  check(bucket: string, key: string, size: number, previousSize: number | undefined): void {
    for (const usage of this.matching(bucket, key)) {
      const bytes = usage.bytes - (previousSize ?? 0) + size;
      const objects = usage.objects + (previousSize === undefined ? 1 : 0);
      const { maxBytes, maxObjects, prefix } = usage.rule;
      if (
        (maxBytes !== undefined && bytes > maxBytes) ||
        (maxObjects !== undefined && objects > maxObjects)
      ) {
        throw new S3Error('QuotaExceeded', undefined, {
          BucketName: bucket,
          ...(prefix ? { Prefix: prefix } : {}),
          ...(maxBytes !== undefined ? { MaxBytes: maxBytes, ProposedBytes: bytes } : {}),
          ...(maxObjects !== undefined ? { MaxObjects: maxObjects, ProposedObjects: objects } : {}),
        });
      }
    }
  }

  /** Records a committed change: bytes added or removed, and an object created (+1) or deleted (−1). */
  record(bucket: string, key: string, bytesDelta: number, objectsDelta: number): void {
    for (const usage of this.matching(bucket, key)) {
      usage.bytes += bytesDelta;
      usage.objects += objectsDelta;
    }
  }
}
