import { describe, expect, it } from 'vitest';
import { cancelRefusal, deductFeeFen } from './cancellation.js';

const minute = 60_000;

describe('merchant cancel rules', () => {
  it('allows cancelling only before pick-up', () => {
    expect(cancelRefusal(1)).toBeNull();
    expect(cancelRefusal(2)).toBeNull();
    expect(cancelRefusal(100)).toBeNull();
    expect(cancelRefusal(3)).toBe(2050);
    expect(cancelRefusal(4)).toBe(2051);
    expect(cancelRefusal(7)).toBe(2052);
    expect(cancelRefusal(5)).toBe(2076);
    expect(cancelRefusal(9)).toBe(2458);
    expect(cancelRefusal(10)).toBe(2459);
    expect(cancelRefusal(1000)).toBe(2460);
  });

  it('charges nothing before acceptance or within 1 minute of it', () => {
    expect(deductFeeFen({ status: 1, accepted_at: null }, 10 * minute)).toBe(0);
    expect(deductFeeFen({ status: 2, accepted_at: 0 }, minute)).toBe(0);
  });

  it('withholds 2 yuan between 1 and 15 minutes after acceptance', () => {
    expect(deductFeeFen({ status: 2, accepted_at: 0 }, minute + 1)).toBe(200);
    expect(deductFeeFen({ status: 100, accepted_at: 0 }, 15 * minute)).toBe(200);
  });

  it('charges nothing when the rider is still not at the shop after 15 minutes', () => {
    expect(deductFeeFen({ status: 2, accepted_at: 0 }, 15 * minute + 1)).toBe(0);
    expect(deductFeeFen({ status: 100, accepted_at: 0 }, 20 * minute)).toBe(200);
  });
});
