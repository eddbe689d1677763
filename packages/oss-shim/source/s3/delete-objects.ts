// DeleteObject and DeleteObjects (POST ?delete with an XML list; missing keys count as deleted).
import { S3Error } from '../http/errors.js';
import { childText, elementContents, type XmlNode, xmlDocument } from '../http/xml.js';
import { validateKey } from '../storage/keys.js';
import { type S3Context, sendEmpty, sendXml } from './context.js';
import { planBody, receiveSmallBody } from './receive-body.js';

const MAX_KEYS_PER_REQUEST = 1000;
const MAX_DELETE_BODY = 2 * 1024 * 1024;

export function deleteObject(ctx: S3Context): void {
  ctx.store.delete(ctx.bucket, ctx.key);
  sendEmpty(ctx, 204);
}

export async function deleteObjects(ctx: S3Context): Promise<void> {
  ctx.store.index(ctx.bucket);
  const plan = planBody(ctx, MAX_DELETE_BODY);
  if (!plan.contentMd5 && !plan.checksum) {
    throw new S3Error(
      'InvalidRequest',
      'Missing required header for this request: Content-MD5 or x-amz-checksum-*',
    );
  }
  const xml = (await receiveSmallBody(ctx, plan)).toString('utf8');
  const [deleteBody] = elementContents(xml, 'Delete');
  if (deleteBody === undefined) throw new S3Error('MalformedXML');
  const quiet = childText(deleteBody, 'Quiet')?.trim() === 'true';
  const keys = elementContents(deleteBody, 'Object').map((object) => childText(object, 'Key'));
  if (keys.length === 0 || keys.length > MAX_KEYS_PER_REQUEST) throw new S3Error('MalformedXML');
  const results: XmlNode[] = [];
  for (const key of keys) {
    if (key === undefined) throw new S3Error('MalformedXML');
    try {
      validateKey(key);
      ctx.store.delete(ctx.bucket, key);
      if (!quiet) results.push(['Deleted', [['Key', key]]]);
    } catch (error) {
      if (!(error instanceof S3Error)) throw error;
      results.push([
        'Error',
        [
          ['Key', key],
          ['Code', error.code],
          ['Message', error.message],
        ],
      ]);
    }
  }
  sendXml(ctx, 200, xmlDocument('DeleteResult', results));
}
