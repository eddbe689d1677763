// HTTP conditionals as S3 evaluates them: reads (If-Match, If-None-Match, If-Modified-Since,
// If-Unmodified-Since), copy sources (x-amz-copy-source-if-*), and conditional writes (If-None-Match: *,
// If-Match: <etag>), which are re-checked at the commit point so racing writers cannot both succeed.
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from '../http/errors.js';
import type { CommitCondition, StoredObject } from '../storage/fs-store.js';

function single(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function bareEtag(tag: string): string {
  return tag.trim().replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** Whether an If-Match/If-None-Match list (`*` or comma-separated tags) matches the object. */
export function etagMatches(list: string, object: StoredObject): boolean {
  if (list.trim() === '*') return true;
  const etag = bareEtag(object.etag);
  return list.split(',').some((tag) => bareEtag(tag) === etag);
}

/** Seconds resolution, as HTTP dates have. */
function modifiedSince(object: StoredObject, dateText: string): boolean | undefined {
  const since = Date.parse(dateText);
  if (Number.isNaN(since)) return undefined;
  return Math.floor(object.lastModified / 1000) > Math.floor(since / 1000);
}

/** GET/HEAD: 412 for a failed If-Match/If-Unmodified-Since, 304 for If-None-Match/If-Modified-Since. */
export function checkReadConditions(headers: IncomingHttpHeaders, object: StoredObject): void {
  const ifMatch = single(headers, 'if-match');
  const ifNoneMatch = single(headers, 'if-none-match');
  const ifModifiedSince = single(headers, 'if-modified-since');
  const ifUnmodifiedSince = single(headers, 'if-unmodified-since');
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, object))
      throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Match' });
  } else if (ifUnmodifiedSince !== undefined && modifiedSince(object, ifUnmodifiedSince) === true) {
    throw new S3Error('PreconditionFailed', undefined, { Condition: 'If-Unmodified-Since' });
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, object)) throw new S3Error('NotModified');
  } else if (ifModifiedSince !== undefined && modifiedSince(object, ifModifiedSince) === false) {
    throw new S3Error('NotModified');
  }
}

/** CopyObject's conditions on the source: every failure is 412. */
export function checkCopySourceConditions(headers: IncomingHttpHeaders, object: StoredObject): void {
  const ifMatch = single(headers, 'x-amz-copy-source-if-match');
  const ifNoneMatch = single(headers, 'x-amz-copy-source-if-none-match');
  const ifModifiedSince = single(headers, 'x-amz-copy-source-if-modified-since');
  const ifUnmodifiedSince = single(headers, 'x-amz-copy-source-if-unmodified-since');
  const fail = (condition: string) => new S3Error('PreconditionFailed', undefined, { Condition: condition });
  if (ifMatch !== undefined && !etagMatches(ifMatch, object)) throw fail('x-amz-copy-source-If-Match');
  if (
    ifMatch === undefined &&
    ifUnmodifiedSince !== undefined &&
    modifiedSince(object, ifUnmodifiedSince) === true
  ) {
    throw fail('x-amz-copy-source-If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object))
    throw fail('x-amz-copy-source-If-None-Match');
  if (
    ifNoneMatch === undefined &&
    ifModifiedSince !== undefined &&
    modifiedSince(object, ifModifiedSince) === false
  ) {
    throw fail('x-amz-copy-source-If-Modified-Since');
  }
}

/**
 * The write precondition from If-None-Match / If-Match, checked now (412, or 404 for If-Match on a missing
 * key) and returned for the commit point, where losing a race to another writer answers 409.
 */
export function writeCondition(
  headers: IncomingHttpHeaders,
  key: string,
  current: StoredObject | undefined,
): CommitCondition | undefined {
  const ifNoneMatch = single(headers, 'if-none-match');
  const ifMatch = single(headers, 'if-match');
  if (ifNoneMatch === undefined && ifMatch === undefined) return undefined;
  if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
    throw new S3Error('NotImplemented', 'If-None-Match on writes only supports "*".', {
      Header: 'If-None-Match',
    });
  }
  const holds = (object: StoredObject | undefined): 'ok' | 'exists' | 'missing' | 'changed' => {
    if (ifNoneMatch !== undefined && object) return 'exists';
    if (ifMatch !== undefined) {
      if (!object) return 'missing';
      if (!etagMatches(ifMatch, object)) return 'changed';
    }
    return 'ok';
  };
  const now = holds(current);
  if (now === 'missing') throw new S3Error('NoSuchKey', undefined, { Key: key });
  if (now !== 'ok') {
    throw new S3Error('PreconditionFailed', undefined, {
      Condition: ifNoneMatch !== undefined ? 'If-None-Match' : 'If-Match',
    });
  }
  return (atCommit) => {
    if (holds(atCommit) !== 'ok') throw new S3Error('ConditionalRequestConflict');
  };
}
