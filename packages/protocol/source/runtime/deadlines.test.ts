import { afterEach, describe, expect, it, vi } from 'vitest';
import { Deadlines } from './deadlines.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('Deadlines', () => {
  it('expires each deadline at its time, in order, on one timer', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const deadlines = new Deadlines<number>();
    const expired: number[] = [];
    for (let id = 1; id <= 100; id += 1) deadlines.add(id, 1000, () => expired.push(id));
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    deadlines.add(0, 10, () => expired.push(0));
    await vi.advanceTimersByTimeAsync(11);
    expect(expired).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toHaveLength(101);
    expect(deadlines.size).toBe(0);
  });

  it('never fires a deleted deadline, and stops when cleared', async () => {
    vi.useFakeTimers();
    const deadlines = new Deadlines<string>();
    const expired: string[] = [];
    deadlines.add('a', 50, () => expired.push('a'));
    deadlines.add('b', 100, () => expired.push('b'));
    deadlines.delete('a');
    await vi.advanceTimersByTimeAsync(60);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(expired).toEqual(['b']);
    deadlines.add('c', 10, () => expired.push('c'));
    deadlines.clear();
    await vi.advanceTimersByTimeAsync(20);
    expect(expired).toEqual(['b']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
