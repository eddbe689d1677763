// Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
import { S3Error } from '../http/errors.js';
import { type XmlNode, xmlDocument } from '../http/xml.js';
import { type S3Context, sendEmpty, sendXml } from './context.js';
import { planBody, receiveSmallBody } from './receive-body.js';

const MAX_CONFIGURATION_BODY = 64 * 1024;

export function listBuckets(ctx: S3Context): void {
  sendXml(
    ctx,
    200,
    xmlDocument('ListAllMyBucketsResult', [
      [
        'Owner',
        [
          ['ID', 'jingmai-oss'],
          ['DisplayName', 'jingmai-oss'],
        ],
      ],
      [
        'Buckets',
        ctx.store.listBuckets().map(
          (bucket): XmlNode => [
            'Bucket',
            [
              ['Name', bucket.name],
              ['CreationDate', new Date(bucket.created).toISOString()],
              ['BucketRegion', ctx.region],
            ],
          ],
        ),
      ],
    ]),
  );
}

export async function createBucket(ctx: S3Context): Promise<void> {
  // The optional CreateBucketConfiguration only names a location; this server has one region.
  if (ctx.req.headers['content-length'] !== undefined && ctx.req.headers['content-length'] !== '0') {
    await receiveSmallBody(ctx, planBody(ctx, MAX_CONFIGURATION_BODY));
  }
  ctx.store.createBucket(ctx.bucket);
  ctx.res.setHeader('location', `/${ctx.bucket}`);
  sendEmpty(ctx, 200);
}

export function headBucket(ctx: S3Context): void {
  if (!ctx.store.hasBucket(ctx.bucket))
    throw new S3Error('NoSuchBucket', undefined, { BucketName: ctx.bucket });
  ctx.res.setHeader('x-amz-bucket-region', ctx.region);
  sendEmpty(ctx, 200);
}

export async function deleteBucket(ctx: S3Context): Promise<void> {
  await ctx.store.deleteBucket(ctx.bucket);
  sendEmpty(ctx, 204);
}

export function getBucketLocation(ctx: S3Context): void {
  ctx.store.index(ctx.bucket);
  sendXml(ctx, 200, xmlDocument('LocationConstraint', ctx.region));
}
