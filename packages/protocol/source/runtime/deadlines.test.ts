import { afterEach, describe, expect, it, vi } from 'vitest';
import { DeadlineTimer } from './deadlines.js';

afterEach(() => {
  vi.useRealTimers();
});

function pendingCalls() {
  const pending = new Map<string, { dueAt: number }>();
  const expired: string[] = [];
  const timer = new DeadlineTimer(pending, (key) => {
    pending.delete(key);
    expired.push(key);
  });
  const add = (key: string, ms: number) => {
    const dueAt = Date.now() + ms;
    pending.set(key, { dueAt });
    timer.watch(dueAt);
  };
  return { pending, expired, timer, add };
}

describe('DeadlineTimer', () => {
  it('expires each entry at its time, in order, on one timer', async () => {
    vi.useFakeTimers();
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { pending, expired, add } = pendingCalls();
    for (let id = 1; id <= 100; id += 1) add(String(id), 1000);
    expect(setTimeoutSpy).toHaveBeenCalledTimes(1);
    add('early', 10);
    await vi.advanceTimersByTimeAsync(11);
    expect(expired).toEqual(['early']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toHaveLength(101);
    expect(pending.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never expires an entry that settled first, and stops when told', async () => {
    vi.useFakeTimers();
    const { pending, expired, timer, add } = pendingCalls();
    add('a', 50);
    add('b', 100);
    pending.delete('a');
    await vi.advanceTimersByTimeAsync(60);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(50);
    expect(expired).toEqual(['b']);
    add('c', 10);
    timer.stop();
    await vi.advanceTimersByTimeAsync(20);
    expect(expired).toEqual(['b']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('re-arms for a later entry after the earliest one settled', async () => {
    vi.useFakeTimers();
    const { pending, expired, add } = pendingCalls();
    add('soon', 10);
    add('later', 500);
    pending.delete('soon');
    await vi.advanceTimersByTimeAsync(20);
    expect(expired).toEqual([]);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(expired).toEqual(['later']);
  });
});
