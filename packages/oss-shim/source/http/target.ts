// Where a request points: bucket and key from a path-style URL (`/bucket/key`) or, when a virtual-host
// domain is configured, from the Host header (`bucket.<domain>`), plus the decoded query pairs.
import { S3Error } from './errors.js';

export interface RequestTarget {
  /** The path as received, still percent-encoded (the signature covers it). */
  rawPath: string;
  bucket: string;
  key: string;
  queryPairs: [string, string][];
  query: Map<string, string>;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new S3Error('InvalidURI');
  }
}

export function parseTarget(
  url: string,
  host: string | undefined,
  virtualHostDomain: string | undefined,
): RequestTarget {
  const mark = url.indexOf('?');
  const rawPath = mark === -1 ? url : url.slice(0, mark);
  const rawQuery = mark === -1 ? '' : url.slice(mark + 1);
  if (!rawPath.startsWith('/')) throw new S3Error('InvalidURI');
  const queryPairs: [string, string][] = [];
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    queryPairs.push(eq === -1 ? [decode(part), ''] : [decode(part.slice(0, eq)), decode(part.slice(eq + 1))]);
  }
  const path = decode(rawPath);
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  let bucket: string;
  let key: string;
  if (virtualHostDomain && hostname.endsWith(`.${virtualHostDomain}`)) {
    bucket = hostname.slice(0, -(virtualHostDomain.length + 1));
    key = path.slice(1);
  } else {
    const slash = path.indexOf('/', 1);
    bucket = slash === -1 ? path.slice(1) : path.slice(1, slash);
    key = slash === -1 ? '' : path.slice(slash + 1);
  }
  return { rawPath, bucket, key, queryPairs, query: new Map(queryPairs) };
}
