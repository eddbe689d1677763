// The Range header of GetObject: one `bytes=` range (first-last, first-, or -suffix), end clamped to the
// object; S3 ignores what it cannot parse and answers 416 InvalidRange for a range past the end.
import { S3Error } from '../http/errors.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, firstText = '', lastText = ''] = match;
  if (firstText === '' && lastText === '') return undefined;
  const unsatisfiable = () =>
    new S3Error('InvalidRange', undefined, { RangeRequested: header, ActualObjectSize: size });
  if (firstText === '') {
    const suffix = Number(lastText);
    if (suffix === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(firstText);
  const end = lastText === '' ? size - 1 : Math.min(Number(lastText), size - 1);
  if (lastText !== '' && Number(lastText) < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end };
}
