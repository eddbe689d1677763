import { describe, expect, it } from 'vitest';
import { compareKeys, KeyIndex } from './key-index.js';

describe('KeyIndex', () => {
  it('keeps keys and values in listing order through random writes, overwrites and deletes', () => {
    const index = new KeyIndex<number>();
    const model = new Map<string, number>();
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    index.load([['m', -1]]);
    model.set('m', -1);
    for (let step = 0; step < 3000; step++) {
      const key = `k/${random() % 400}${random() % 3 === 0 ? '/😀' : ''}`;
      if (random() % 4 === 0) expect(index.delete(key)).toBe(model.delete(key));
      else {
        index.set(key, step);
        model.set(key, step);
      }
    }
    const expected = [...model.keys()].sort(compareKeys);
    expect(index.size).toBe(expected.length);
    expected.forEach((key, position) => {
      expect(index.keyAt(position)).toBe(key);
      expect(index.valueAt(position)).toBe(model.get(key));
      expect(index.get(key)).toBe(model.get(key));
    });
    expect(index.valueAt(expected.length)).toBeUndefined();
  });
});
