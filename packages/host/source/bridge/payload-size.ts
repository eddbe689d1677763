// A bound on the structured-clone size of call arguments, computed without serializing them.
// The walk stops as soon as the limit or the node budget is passed, so a 50 MB string or a
// cyclic object costs the same handful of steps as a small one.

const MAX_NODES = 10_000;

/** True when `value` fits within `limit` bytes (and a bounded number of nested values). */
export function fitsWithin(value: unknown, limit: number): boolean {
  let bytes = 0;
  let nodes = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    nodes += 1;
    if (nodes > MAX_NODES) return false;
    if (typeof item === 'string') bytes += 2 * item.length + 8;
    else if (item === null || typeof item !== 'object') bytes += 8;
    else if (ArrayBuffer.isView(item)) bytes += item.byteLength + 16;
    else if (item instanceof ArrayBuffer) bytes += item.byteLength + 16;
    else if (typeof Blob !== 'undefined' && item instanceof Blob) bytes += item.size + 16;
    else if (item instanceof Map) {
      for (const [key, entry] of item) stack.push(key, entry);
    } else if (item instanceof Set) {
      for (const entry of item) stack.push(entry);
    } else {
      for (const key of Object.keys(item)) {
        bytes += 2 * key.length + 8;
        stack.push((item as Record<string, unknown>)[key]);
      }
    }
    if (bytes > limit) return false;
  }
  return true;
}
