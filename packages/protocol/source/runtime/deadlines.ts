// One timer for every pending call's deadline. A timer per call costs more than everything else
// on the bridge's hot path together, and so does a second map of deadlines beside the map of
// pending calls (measured in bench/suites/bridge.bench.ts). So each call carries its own `dueAt`
// in the owner's pending map, and this timer only remembers the earliest time it is armed for:
// watching a new call is one comparison. Zod-free: both the SDK and the host use it.

/** A pending entry that knows when it is due. */
export interface Due {
  /** When the entry expires, in `Date.now()` milliseconds. */
  readonly dueAt: number;
}

/** Expires the entries of a pending map at their `dueAt`, on a single timer. */
export class DeadlineTimer<K, V extends Due> {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private armedAt = Number.POSITIVE_INFINITY;

  /**
   * @param pending - The owner's map; entries leave it when they settle.
   * @param expire - Called for each entry past its `dueAt`; it must remove the entry from `pending`.
   */
  constructor(
    private readonly pending: ReadonlyMap<K, V>,
    private readonly expire: (key: K, entry: V) => void,
  ) {}

  /** Makes sure the timer fires by `dueAt` (an entry due then was just added to the map). */
  watch(dueAt: number): void {
    if (dueAt < this.armedAt) this.arm(dueAt);
  }

  /** Stops the timer. */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  private arm(at: number): void {
    clearTimeout(this.timer);
    this.armedAt = at;
    this.timer = setTimeout(this.fire, Math.max(0, at - Date.now()));
  }

  // Settled entries left the map already, so whatever is still there and past due has expired.
  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [key, entry] of this.pending) {
      if (entry.dueAt <= now) this.expire(key, entry);
      else if (entry.dueAt < next) next = entry.dueAt;
    }
    if (next < this.armedAt) this.arm(next);
  };
}
