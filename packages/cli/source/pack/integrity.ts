// The archive's integrity list, in the format of `sha256sum`, so `sha256sum -c SHA256SUMS` checks
// an unpacked submission with no other tool.
import { createHash } from 'node:crypto';

/** The name of the integrity list inside the archive. */
export const INTEGRITY_FILE = 'SHA256SUMS';

/** Hex SHA-256 of `data`. */
export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** One `<hex>  <path>` line per file, in path order. */
export function integrityList(files: ReadonlyMap<string, Uint8Array>): string {
  return [...files.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((path) => `${sha256(files.get(path) as Uint8Array)}  ${path}\n`)
    .join('');
}
