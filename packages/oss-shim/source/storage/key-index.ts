// A bucket's keys in S3's listing order (UTF-8 byte order), kept sorted in memory so a ListObjectsV2 page
// is a binary search plus a short walk, whatever the bucket's size.

/** UTF-8 byte order, which equals code-point order; differs from JS `<` only across surrogate pairs. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      // Surrogates (astral code points) sort after U+E000–U+FFFF in code-point order.
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

export class KeyIndex<T> {
  private keys: string[] = [];
  // Values in key order beside `keys`: a listing walks them by position without a map lookup each.
  private ordered: T[] = [];
  private readonly entries = new Map<string, T>();

  get size(): number {
    return this.keys.length;
  }

  get(key: string): T | undefined {
    return this.entries.get(key);
  }

  keyAt(index: number): string | undefined {
    return this.keys[index];
  }

  /** The value at a position of the key order. */
  valueAt(index: number): T | undefined {
    return this.ordered[index];
  }

  /** Replaces the whole content at once (startup), sorting a single time. */
  load(items: Iterable<[string, T]>): void {
    for (const [key, value] of items) this.entries.set(key, value);
    this.keys = [...this.entries.keys()].sort(compareKeys);
    this.ordered = this.keys.map((key) => this.entries.get(key) as T);
  }

  set(key: string, value: T): void {
    const position = this.lowerBound(key);
    if (this.entries.has(key)) this.ordered[position] = value;
    else {
      this.keys.splice(position, 0, key);
      this.ordered.splice(position, 0, value);
    }
    this.entries.set(key, value);
  }

  delete(key: string): boolean {
    if (!this.entries.delete(key)) return false;
    const position = this.lowerBound(key);
    this.keys.splice(position, 1);
    this.ordered.splice(position, 1);
    return true;
  }

  /** The first position whose key is ≥ `key`. */
  lowerBound(key: string): number {
    return this.search((candidate) => compareKeys(candidate, key) < 0);
  }

  /** The first position whose key is > `key`. */
  upperBound(key: string): number {
    return this.search((candidate) => compareKeys(candidate, key) <= 0);
  }

  /** The first position past every key that starts with `prefix`. */
  endOfPrefix(prefix: string): number {
    return this.search((candidate) => compareKeys(candidate, prefix) < 0 || candidate.startsWith(prefix));
  }

  /** The first position where `before` turns false; `before` must be true then false along the order. */
  private search(before: (key: string) => boolean): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (before(this.keys[mid] as string)) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}
