import { describe, expect, it } from 'vitest';
import { isoTime } from './context.js';

describe('isoTime', () => {
  it("writes S3's timestamp form, the same as toISOString, within and across seconds", () => {
    const times = [0, 999, 1000, 1_700_000_000_000, 1_700_000_000_001, 1_700_000_000_999, 1_700_000_001_000];
    for (let i = 0; i < 200; i++) times.push(1_600_000_000_000 + ((i * 7919) % 5000));
    for (const ms of times) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });
});
