// Multipart upload: create, upload part, list parts, complete (S3's rules and its md5-of-md5s ETag), abort.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type ChecksumAlgorithm, createChecksum, isChecksumAlgorithm } from '../body/checksums.js';
import { S3Error } from '../http/errors.js';
import { childText, elementContents, type XmlNode, xmlDocument } from '../http/xml.js';
import { validateKey } from '../storage/keys.js';
import type { PartMeta, StoredPart } from '../storage/multipart-store.js';
import type { ObjectMeta } from '../storage/object-file.js';
import type { TempFile } from '../storage/temp-file.js';
import { writeCondition } from './conditions.js';
import { header, isoTime, type S3Context, sendEmpty, sendXml } from './context.js';
import { writtenHeaders } from './object-headers.js';
import { planBody, receiveIntoTemp, receiveSmallBody } from './receive-body.js';

const MAX_PART_NUMBER = 10_000;
const MAX_PART_SIZE = 5 * 1024 ** 3;
const MIN_PART_SIZE = 5 * 1024 ** 2;
const MAX_COMPLETE_BODY = 4 * 1024 * 1024;

function uploadId(ctx: S3Context): string {
  return ctx.query.get('uploadId') ?? '';
}

export function createMultipartUpload(ctx: S3Context): void {
  validateKey(ctx.key);
  ctx.store.index(ctx.bucket);
  const requested = header(ctx, 'x-amz-checksum-algorithm')?.toLowerCase();
  if (requested !== undefined && !isChecksumAlgorithm(requested)) {
    throw new S3Error(
      'InvalidRequest',
      `Checksum algorithm ${requested.toUpperCase()} is not supported by this server.`,
    );
  }
  const info = ctx.uploads.create({
    bucket: ctx.bucket,
    key: ctx.key,
    ...writtenHeaders(ctx.req.headers),
    checksumAlgorithm: requested,
  });
  if (requested) ctx.res.setHeader('x-amz-checksum-algorithm', requested.toUpperCase());
  sendXml(
    ctx,
    200,
    xmlDocument('InitiateMultipartUploadResult', [
      ['Bucket', ctx.bucket],
      ['Key', ctx.key],
      ['UploadId', info.uploadId],
    ]),
  );
}

export async function uploadPart(ctx: S3Context): Promise<void> {
  const partText = ctx.query.get('partNumber') ?? '';
  const partNumber = /^\d{1,5}$/.test(partText) ? Number(partText) : 0;
  if (partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw new S3Error('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', {
      ArgumentName: 'partNumber',
      ArgumentValue: partText,
    });
  }
  const info = ctx.uploads.get(uploadId(ctx), ctx.bucket, ctx.key);
  const plan = planBody(ctx, MAX_PART_SIZE);
  const { temp, payload } = await receiveIntoTemp(ctx, plan);
  const part: PartMeta = {
    partNumber,
    etag: `"${payload.md5.toString('hex')}"`,
    size: payload.size,
    lastModified: Date.now(),
    checksum: payload.checksum,
  };
  try {
    await temp.seal(payload.size, part);
  } catch (error) {
    await temp.discard();
    throw error;
  }
  await ctx.uploads.commitPart(temp, info, part);
  ctx.res.setHeader('etag', part.etag);
  if (part.checksum) ctx.res.setHeader(`x-amz-checksum-${part.checksum.algorithm}`, part.checksum.value);
  sendEmpty(ctx, 200);
}

function checksumNodes(part: StoredPart): XmlNode[] {
  if (!part.checksum) return [];
  return [[`Checksum${part.checksum.algorithm.toUpperCase()}`, part.checksum.value]];
}

export function listParts(ctx: S3Context): void {
  const id = uploadId(ctx);
  const info = ctx.uploads.get(id, ctx.bucket, ctx.key);
  const maxText = ctx.query.get('max-parts');
  const markerText = ctx.query.get('part-number-marker');
  const maxParts = maxText !== undefined && /^\d+$/.test(maxText) ? Math.min(Number(maxText), 1000) : 1000;
  const marker = markerText !== undefined && /^\d+$/.test(markerText) ? Number(markerText) : 0;
  const remaining = ctx.uploads.parts(id, ctx.bucket, ctx.key).filter((part) => part.partNumber > marker);
  const page = remaining.slice(0, maxParts);
  const isTruncated = remaining.length > page.length;
  sendXml(
    ctx,
    200,
    xmlDocument('ListPartsResult', [
      ['Bucket', ctx.bucket],
      ['Key', ctx.key],
      ['UploadId', id],
      ['PartNumberMarker', marker],
      ['NextPartNumberMarker', page.at(-1)?.partNumber ?? marker],
      ['MaxParts', maxParts],
      ['IsTruncated', isTruncated],
      ['ChecksumAlgorithm', info.checksumAlgorithm?.toUpperCase()],
      ['StorageClass', 'STANDARD'],
      ...page.map(
        (part): XmlNode => [
          'Part',
          [
            ['PartNumber', part.partNumber],
            ['LastModified', isoTime(part.lastModified)],
            ['ETag', part.etag],
            ['Size', part.size],
            ...checksumNodes(part),
          ],
        ],
      ),
    ]),
  );
}

interface RequestedPart {
  partNumber: number;
  etag: string;
}

function parseCompleteBody(xml: string): RequestedPart[] {
  const [body] = elementContents(xml, 'CompleteMultipartUpload');
  if (body === undefined) throw new S3Error('MalformedXML');
  const parts = elementContents(body, 'Part').map((part) => {
    const numberText = childText(part, 'PartNumber')?.trim() ?? '';
    const etag = childText(part, 'ETag')?.trim();
    if (!/^\d+$/.test(numberText) || etag === undefined) throw new S3Error('MalformedXML');
    return { partNumber: Number(numberText), etag: etag.replace(/^"|"$/g, '') };
  });
  if (parts.length === 0) {
    throw new S3Error(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema: no parts.',
    );
  }
  return parts;
}

function selectParts(requested: RequestedPart[], stored: StoredPart[]): StoredPart[] {
  const byNumber = new Map(stored.map((part) => [part.partNumber, part]));
  requested.forEach((want, position) => {
    const previous = requested[position - 1];
    if (previous && previous.partNumber >= want.partNumber) throw new S3Error('InvalidPartOrder');
  });
  return requested.map((want, position) => {
    const part = byNumber.get(want.partNumber);
    if (!part || part.etag.replace(/^"|"$/g, '') !== want.etag) {
      throw new S3Error('InvalidPart', undefined, { PartNumber: want.partNumber, ETag: want.etag });
    }
    if (position < requested.length - 1 && part.size < MIN_PART_SIZE) {
      throw new S3Error('EntityTooSmall', undefined, {
        ProposedSize: part.size,
        MinSizeAllowed: MIN_PART_SIZE,
        PartNumber: part.partNumber,
        ETag: part.etag,
      });
    }
    return part;
  });
}

/** S3's multipart ETag: MD5 of the concatenated binary part MD5s, then `-<part count>`. */
export function multipartEtag(partEtags: readonly string[]): string {
  const md5 = createHash('md5');
  for (const etag of partEtags) md5.update(Buffer.from(etag.replace(/^"|"$/g, ''), 'hex'));
  return `"${md5.digest('hex')}-${partEtags.length}"`;
}

/** S3's composite checksum: the checksum of the concatenated binary part checksums, then `-<part count>`. */
function compositeChecksum(
  parts: StoredPart[],
  algorithm: ChecksumAlgorithm | undefined,
): ObjectMeta['checksum'] {
  const chosen = algorithm ?? parts[0]?.checksum?.algorithm;
  if (!chosen || !parts.every((part) => part.checksum?.algorithm === chosen)) return undefined;
  const running = createChecksum(chosen);
  for (const part of parts) running.update(Buffer.from(part.checksum?.value ?? '', 'base64'));
  return {
    algorithm: chosen,
    value: `${running.digest().toString('base64')}-${parts.length}`,
    type: 'COMPOSITE',
  };
}

async function concatenate(temp: TempFile, parts: StoredPart[]): Promise<number> {
  let position = 0;
  for (const part of parts) {
    if (part.size === 0) continue;
    for await (const chunk of createReadStream(part.file, { end: part.size - 1, highWaterMark: 1 << 20 })) {
      const bytes = chunk as Buffer;
      await temp.write(bytes, position);
      position += bytes.length;
    }
  }
  return position;
}

export async function completeMultipartUpload(ctx: S3Context): Promise<void> {
  const id = uploadId(ctx);
  const info = ctx.uploads.get(id, ctx.bucket, ctx.key);
  const current = ctx.store.head(ctx.bucket, ctx.key);
  const condition = writeCondition(ctx.req.headers, ctx.key, current);
  const plan = planBody(ctx, MAX_COMPLETE_BODY);
  const requested = parseCompleteBody((await receiveSmallBody(ctx, plan)).toString('utf8'));
  const parts = selectParts(requested, ctx.uploads.parts(id, ctx.bucket, ctx.key));
  const size = parts.reduce((total, part) => total + part.size, 0);
  ctx.store.checkQuota(ctx.bucket, ctx.key, size);
  const temp = await ctx.store.newTempFile();
  const meta: ObjectMeta = {
    key: ctx.key,
    size,
    etag: multipartEtag(parts.map((part) => part.etag)),
    lastModified: Date.now(),
    contentType: info.contentType,
    headers: info.headers,
    metadata: info.metadata,
    checksum: compositeChecksum(parts, info.checksumAlgorithm),
  };
  try {
    const written = await concatenate(temp, parts);
    if (written !== size) throw new S3Error('InternalError', 'A part file is shorter than recorded.');
    await temp.seal(size, meta);
  } catch (error) {
    await temp.discard();
    throw error;
  }
  await ctx.store.commit(temp, ctx.bucket, meta, condition);
  await ctx.uploads.remove(id, ctx.bucket, ctx.key);
  const host = header(ctx, 'host') ?? 'localhost';
  sendXml(
    ctx,
    200,
    xmlDocument('CompleteMultipartUploadResult', [
      ['Location', `http://${host}/${ctx.bucket}/${encodeURIComponent(ctx.key).replace(/%2F/g, '/')}`],
      ['Bucket', ctx.bucket],
      ['Key', ctx.key],
      ['ETag', meta.etag],
    ]),
  );
}

export async function abortMultipartUpload(ctx: S3Context): Promise<void> {
  await ctx.uploads.remove(uploadId(ctx), ctx.bucket, ctx.key);
  sendEmpty(ctx, 204);
}
