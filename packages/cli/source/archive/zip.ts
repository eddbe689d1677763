// A reproducible zip: the same files give the same bytes on any machine, in any time zone.
// fflate writes the format; this fixes what it would otherwise take from the environment.
import { type Zippable, zipSync } from 'fflate';

// DOS timestamps start in 1980; fflate reads the date in local time, so it is built in local time
// too, which gives the same stored fields in every time zone.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
// Unix (3) as the creating system, so the external attributes hold a regular file, mode 0644.
const UNIX = 3;
const REGULAR_FILE_0644 = (0o100644 << 16) >>> 0;

/** A zip holding `files` (path → content) in sorted path order, with fixed times and modes. */
export function reproducibleZip(files: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const entries: Zippable = {};
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const path of paths) {
    entries[path] = [
      files.get(path) as Uint8Array,
      { level: 9, mtime: FIXED_MTIME, os: UNIX, attrs: REGULAR_FILE_0644 },
    ];
  }
  return zipSync(entries);
}
