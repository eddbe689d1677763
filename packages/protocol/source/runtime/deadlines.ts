// Deadlines for many pending calls on one timer. A timer per call costs more than everything else
// on the bridge's hot path together (measured in bench/suites/bridge.bench.ts), so each side keeps
// its pending deadlines here and arms a single timer for the earliest one. Zod-free: both the SDK
// and the host use it.

interface Due {
  readonly at: number;
  readonly onExpire: () => void;
}

/** Pending deadlines keyed by call id, served by one timer. */
export class Deadlines<K> {
  private readonly due = new Map<K, Due>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt = Number.POSITIVE_INFINITY;

  /** Calls `onExpire` once `ms` have passed, unless `delete(key)` comes first. */
  add(key: K, ms: number, onExpire: () => void): void {
    const at = Date.now() + ms;
    this.due.set(key, { at, onExpire });
    if (at < this.armedAt) this.arm(at);
  }

  /** Forgets a deadline. The timer stays armed; when it fires it finds nothing due and re-arms or stops. */
  delete(key: K): void {
    this.due.delete(key);
  }

  /** Forgets every deadline and stops the timer. */
  clear(): void {
    this.due.clear();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  /** Deadlines still pending. */
  get size(): number {
    return this.due.size;
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(this.fire, Math.max(0, at - Date.now()));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [key, due] of this.due) {
      if (due.at <= now) {
        this.due.delete(key);
        due.onExpire();
      } else if (due.at < next) next = due.at;
    }
    if (next < Number.POSITIVE_INFINITY && next < this.armedAt) this.arm(next);
  };
}
