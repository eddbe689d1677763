// ListObjectsV2 (and the older ListObjects) over a bucket's sorted key index: the page starts by binary
// search and every common prefix is skipped in one jump, so a page costs O(page + log n).

import { uriEncode } from '../auth/sigv4.js';
import { S3Error } from '../http/errors.js';
import { escapeXml, RawXml, type XmlItem, type XmlNode, xmlDocument } from '../http/xml.js';
import type { StoredObject } from '../storage/fs-store.js';
import type { KeyIndex } from '../storage/key-index.js';
import { type S3Context, sendXml } from './context.js';
import { contentsXml } from './list-entry.js';

const MAX_KEYS = 1000;

export interface ListRequest {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  /** Exclusive lower bound: a key, or (when `afterPrefix`) everything under a common prefix. */
  after: { value: string; afterPrefix: boolean } | undefined;
}

export interface ListPage {
  contents: StoredObject[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** The last key or common prefix of the page, to resume after. */
  last: { value: string; afterPrefix: boolean } | undefined;
}

export function listPage(index: KeyIndex<StoredObject>, request: ListRequest): ListPage {
  const { prefix, delimiter, maxKeys, after } = request;
  let position = index.lowerBound(prefix);
  if (after) {
    position = Math.max(
      position,
      after.afterPrefix ? index.endOfPrefix(after.value) : index.upperBound(after.value),
    );
  }
  const contents: StoredObject[] = [];
  const commonPrefixes: string[] = [];
  let last: ListPage['last'];
  while (contents.length + commonPrefixes.length < maxKeys) {
    const key = index.keyAt(position);
    if (key === undefined || !key.startsWith(prefix)) break;
    const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
    if (cut >= 0) {
      const common = key.slice(0, cut + delimiter.length);
      commonPrefixes.push(common);
      last = { value: common, afterPrefix: true };
      position = index.endOfPrefix(common);
      continue;
    }
    contents.push(index.valueAt(position) as StoredObject);
    last = { value: key, afterPrefix: false };
    position += 1;
  }
  const next = index.keyAt(position);
  return { contents, commonPrefixes, isTruncated: next?.startsWith(prefix) === true, last };
}

function encodeToken(last: NonNullable<ListPage['last']>): string {
  return Buffer.from(`${last.afterPrefix ? 'P' : 'K'}${last.value}`, 'utf8').toString('base64url');
}

function decodeToken(token: string): NonNullable<ListPage['last']> {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9_-]+$/.test(token) || (text[0] !== 'P' && text[0] !== 'K')) {
    throw new S3Error('InvalidArgument', 'The continuation token provided is incorrect', {
      ArgumentName: 'continuation-token',
    });
  }
  return { value: text.slice(1), afterPrefix: text[0] === 'P' };
}

function parseMaxKeys(text: string | undefined): number {
  if (text === undefined) return MAX_KEYS;
  if (!/^\d+$/.test(text)) {
    throw new S3Error('InvalidArgument', 'Provided max-keys not an integer or within integer range', {
      ArgumentName: 'max-keys',
      ArgumentValue: text,
    });
  }
  return Math.min(Number(text), MAX_KEYS);
}

/** URL-encoding for encoding-type=url; undefined when keys go out as they are. */
function encoder(ctx: S3Context): ((text: string) => string) | undefined {
  const encoding = ctx.query.get('encoding-type');
  if (encoding === undefined) return undefined;
  if (encoding !== 'url') {
    throw new S3Error('InvalidArgument', 'Invalid Encoding Method specified in Request', {
      ArgumentName: 'encoding-type',
    });
  }
  return (text) => uriEncode(text, true);
}

const OWNER = '<Owner><ID>jingmai-oss</ID><DisplayName>jingmai-oss</DisplayName></Owner>';

// A page's <Contents> as one raw string: the common form is the stored objects' ready text; a listing
// with URL-encoded keys or owners renders its own.
function entryNodes(
  contents: StoredObject[],
  encode: ((text: string) => string) | undefined,
  fetchOwner: boolean,
): XmlItem[] {
  const entries =
    encode || fetchOwner
      ? contents.map((object) =>
          contentsXml(object, escapeXml(encode ? encode(object.key) : object.key), fetchOwner ? OWNER : ''),
        )
      : contents.map((object) => object.listing);
  return [new RawXml(entries.join(''))];
}

export function listObjectsV2(ctx: S3Context): void {
  const index = ctx.store.index(ctx.bucket);
  const urlEncode = encoder(ctx);
  const encode = urlEncode ?? ((text: string) => text);
  const prefix = ctx.query.get('prefix') ?? '';
  const delimiter = ctx.query.get('delimiter') ?? '';
  const startAfter = ctx.query.get('start-after');
  const token = ctx.query.get('continuation-token');
  const maxKeys = parseMaxKeys(ctx.query.get('max-keys'));
  const after =
    token !== undefined
      ? decodeToken(token)
      : startAfter
        ? { value: startAfter, afterPrefix: false }
        : undefined;
  const page = listPage(index, { prefix, delimiter, maxKeys, after });
  sendXml(
    ctx,
    200,
    xmlDocument('ListBucketResult', [
      ['Name', ctx.bucket],
      ['Prefix', encode(prefix)],
      ['Delimiter', delimiter ? encode(delimiter) : undefined],
      ['MaxKeys', maxKeys],
      ['KeyCount', page.contents.length + page.commonPrefixes.length],
      ['IsTruncated', page.isTruncated],
      ['ContinuationToken', token],
      ['NextContinuationToken', page.isTruncated && page.last ? encodeToken(page.last) : undefined],
      ['StartAfter', startAfter !== undefined ? encode(startAfter) : undefined],
      ['EncodingType', ctx.query.get('encoding-type')],
      ...entryNodes(page.contents, urlEncode, ctx.query.get('fetch-owner') === 'true'),
      ...page.commonPrefixes.map((common): XmlNode => ['CommonPrefixes', [['Prefix', encode(common)]]]),
    ]),
  );
}

/** The original ListObjects: `marker` instead of tokens, NextMarker only with a delimiter. */
export function listObjectsV1(ctx: S3Context): void {
  const index = ctx.store.index(ctx.bucket);
  const urlEncode = encoder(ctx);
  const encode = urlEncode ?? ((text: string) => text);
  const prefix = ctx.query.get('prefix') ?? '';
  const delimiter = ctx.query.get('delimiter') ?? '';
  const marker = ctx.query.get('marker') ?? '';
  const maxKeys = parseMaxKeys(ctx.query.get('max-keys'));
  const page = listPage(index, {
    prefix,
    delimiter,
    maxKeys,
    after: marker
      ? { value: marker, afterPrefix: delimiter !== '' && marker.endsWith(delimiter) }
      : undefined,
  });
  sendXml(
    ctx,
    200,
    xmlDocument('ListBucketResult', [
      ['Name', ctx.bucket],
      ['Prefix', encode(prefix)],
      ['Marker', encode(marker)],
      ['NextMarker', delimiter && page.isTruncated && page.last ? encode(page.last.value) : undefined],
      ['MaxKeys', maxKeys],
      ['Delimiter', delimiter ? encode(delimiter) : undefined],
      ['IsTruncated', page.isTruncated],
      ['EncodingType', ctx.query.get('encoding-type')],
      ...entryNodes(page.contents, urlEncode, true),
      ...page.commonPrefixes.map((common): XmlNode => ['CommonPrefixes', [['Prefix', encode(common)]]]),
    ]),
  );
}
