// Token buckets, one per rate class per app session: a burst is allowed, a flood is refused.
import type { RateClass } from '@jingmai/protocol';

/** A token bucket. `take()` returns 0 when allowed, or the milliseconds until a token is free. */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly rate: RateClass,
    private readonly now: () => number,
  ) {
    this.tokens = rate.burst;
    this.updatedAt = now();
  }

  /** Takes a token at time `now` (the caller's clock reading, to save a second one). */
  take(now = this.now()): number {
    const refill = ((now - this.updatedAt) * this.rate.perSecond) / 1000;
    this.tokens = Math.min(this.rate.burst, this.tokens + refill);
    this.updatedAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) * 1000) / this.rate.perSecond);
  }
}
