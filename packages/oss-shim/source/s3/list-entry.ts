// One object's <Contents> element in a listing. A stored object never changes (a write stores a new
// record), so its common form (key as stored, no owner) is rendered once, when the object is stored or
// loaded: a 1000-key page is then a join of ready strings, instead of thousands of small concatenations
// that the response encoder would first have to flatten.
import { escapeXml } from '../http/xml.js';
import type { ObjectMeta } from '../storage/object-file.js';
import { isoTime } from './context.js';

/** `key` is the key as it goes out (escaped, and URL-encoded when asked); `owner` its <Owner> or ''. */
export function contentsXml(object: ObjectMeta, key = escapeXml(object.key), owner = ''): string {
  // ETags are quoted hex with an optional part count, so their quotes are all there is to escape.
  const etag = object.etag.replaceAll('"', '&quot;');
  return `<Contents><Key>${key}</Key><LastModified>${isoTime(object.lastModified)}</LastModified><ETag>${etag}</ETag><Size>${object.size}</Size><StorageClass>STANDARD</StorageClass>${owner}</Contents>`;
}
