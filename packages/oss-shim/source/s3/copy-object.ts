// CopyObject (PUT with x-amz-copy-source): COPY keeps the source's metadata and content headers, REPLACE
// takes them from the request; the bytes are copied into a new file and published atomically.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { S3Error } from '../http/errors.js';
import { xmlDocument } from '../http/xml.js';
import { validateKey } from '../storage/keys.js';
import type { ObjectMeta } from '../storage/object-file.js';
import type { TempFile } from '../storage/temp-file.js';
import { checkCopySourceConditions, writeCondition } from './conditions.js';
import { header, isoTime, type S3Context, sendXml } from './context.js';
import { writtenHeaders } from './object-headers.js';

/** `bucket/key` or `/bucket/key`, URL-encoded, optionally `?versionId=`. */
export function parseCopySource(source: string): { bucket: string; key: string } {
  const [path = '', query] = source.split('?', 2);
  if (query !== undefined && !/^versionId=(null)?$/.test(query)) {
    throw new S3Error('InvalidArgument', 'This server keeps no object versions.', {
      ArgumentName: 'x-amz-copy-source',
    });
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    throw new S3Error('InvalidArgument', 'Invalid copy source encoding', {
      ArgumentName: 'x-amz-copy-source',
    });
  }
  const trimmed = decoded.startsWith('/') ? decoded.slice(1) : decoded;
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) {
    throw new S3Error(
      'InvalidArgument',
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
      {
        ArgumentName: 'x-amz-copy-source',
      },
    );
  }
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1) };
}

export async function copyObject(ctx: S3Context, copySource: string): Promise<void> {
  validateKey(ctx.key);
  const source = parseCopySource(copySource);
  const current = ctx.store.head(ctx.bucket, ctx.key);
  const object = ctx.store.require(source.bucket, source.key);
  checkCopySourceConditions(ctx.req.headers, object);
  const directive = (header(ctx, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') {
    throw new S3Error('InvalidArgument', 'Unknown metadata directive.', {
      ArgumentName: 'x-amz-metadata-directive',
    });
  }
  if (directive === 'COPY' && source.bucket === ctx.bucket && source.key === ctx.key) {
    throw new S3Error(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  const written =
    directive === 'REPLACE'
      ? writtenHeaders(ctx.req.headers)
      : { contentType: object.contentType, headers: object.headers, metadata: object.metadata };
  const condition = writeCondition(ctx.req.headers, ctx.key, current);
  ctx.store.checkQuota(ctx.bucket, ctx.key, object.size);

  // Opened before any await, so a concurrent replace of the source cannot change what is copied.
  const reader =
    object.size > 0
      ? createReadStream('', {
          fd: ctx.store.openForRead(object),
          end: object.size - 1,
          highWaterMark: 1 << 20,
        })
      : undefined;
  let temp: TempFile;
  try {
    temp = await ctx.store.newTempFile();
  } catch (error) {
    reader?.destroy();
    throw error;
  }
  const md5 = createHash('md5');
  let meta: ObjectMeta;
  try {
    let position = 0;
    for await (const chunk of reader ?? []) {
      const bytes = chunk as Buffer;
      md5.update(bytes);
      await temp.write(bytes, position);
      position += bytes.length;
    }
    meta = {
      key: ctx.key,
      size: object.size,
      etag: `"${md5.digest('hex')}"`,
      lastModified: Date.now(),
      ...written,
      checksum: object.checksum?.type === 'FULL_OBJECT' ? object.checksum : undefined,
    };
    await temp.seal(object.size, meta);
  } catch (error) {
    reader?.destroy();
    await temp.discard();
    throw error;
  }
  const stored = await ctx.store.commit(temp, ctx.bucket, meta, condition);
  sendXml(
    ctx,
    200,
    xmlDocument('CopyObjectResult', [
      ['ETag', stored.etag],
      ['LastModified', isoTime(stored.lastModified)],
    ]),
  );
}
