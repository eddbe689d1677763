// Picks the S3 operation from method, bucket/key and sub-resource query parameters. Parameters that do not
// name a sub-resource (x-id, response-*, X-Amz-*, list options…) never change the operation.
import { S3Error } from '../http/errors.js';
import { createBucket, deleteBucket, getBucketLocation, headBucket, listBuckets } from './buckets.js';
import { header, type S3Context } from './context.js';
import { copyObject } from './copy-object.js';
import { deleteObject, deleteObjects } from './delete-objects.js';
import { getObject } from './get-object.js';
import { listObjectsV1, listObjectsV2 } from './list-objects.js';
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  listParts,
  uploadPart,
} from './multipart.js';
import { putObject } from './put-object.js';

/** Sub-resources of S3 this server does not implement; asking for one is 501, never a silent fallback. */
const UNSUPPORTED = [
  'accelerate',
  'acl',
  'analytics',
  'attributes',
  'cors',
  'encryption',
  'intelligent-tiering',
  'inventory',
  'legal-hold',
  'lifecycle',
  'logging',
  'metrics',
  'notification',
  'object-lock',
  'ownershipControls',
  'policy',
  'policyStatus',
  'publicAccessBlock',
  'replication',
  'requestPayment',
  'restore',
  'retention',
  'select',
  'tagging',
  'torrent',
  'versioning',
  'versions',
  'website',
];

function notImplemented(what: string): never {
  throw new S3Error('NotImplemented', `${what} is not implemented by this server.`);
}

async function bucketOperation(ctx: S3Context, method: string): Promise<void> {
  const q = ctx.query;
  if (method === 'GET') {
    if (q.has('uploads')) return notImplemented('ListMultipartUploads');
    if (q.has('location')) return getBucketLocation(ctx);
    if (q.get('list-type') === '2') return listObjectsV2(ctx);
    return listObjectsV1(ctx);
  }
  if (method === 'HEAD') return headBucket(ctx);
  if (method === 'PUT') return createBucket(ctx);
  if (method === 'DELETE') return deleteBucket(ctx);
  if (method === 'POST' && q.has('delete')) return deleteObjects(ctx);
  throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: 'BUCKET' });
}

async function objectOperation(ctx: S3Context, method: string): Promise<void> {
  const q = ctx.query;
  const uploadId = q.has('uploadId');
  if (method === 'GET') return uploadId ? listParts(ctx) : getObject(ctx, false);
  if (method === 'HEAD') return getObject(ctx, true);
  if (method === 'PUT') {
    const copySource = header(ctx, 'x-amz-copy-source');
    if (uploadId || q.has('partNumber')) {
      return copySource === undefined ? uploadPart(ctx) : notImplemented('UploadPartCopy');
    }
    return copySource === undefined ? putObject(ctx) : copyObject(ctx, copySource);
  }
  if (method === 'POST') {
    if (q.has('uploads')) return createMultipartUpload(ctx);
    if (uploadId) return completeMultipartUpload(ctx);
    return notImplemented('POST Object (browser form upload)');
  }
  if (method === 'DELETE') return uploadId ? abortMultipartUpload(ctx) : deleteObject(ctx);
  throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: 'OBJECT' });
}

export async function dispatch(ctx: S3Context, method: string): Promise<void> {
  const unsupported = UNSUPPORTED.find((name) => ctx.query.has(name));
  if (unsupported) return notImplemented(`The ?${unsupported} sub-resource`);
  if (ctx.bucket === '') {
    if (method === 'GET') return listBuckets(ctx);
    throw new S3Error('MethodNotAllowed', undefined, { Method: method, ResourceType: 'SERVICE' });
  }
  if (ctx.key === '') return bucketOperation(ctx, method);
  return objectOperation(ctx, method);
}
