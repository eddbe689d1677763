// Delivers queued status callbacks. Rows stay in SQLite until a receiver answers 2xx, so a restart resumes
// them. Failures retry with exponential backoff on the simulated clock; per order, callbacks go out strictly
// in order (the store only offers an order's oldest pending one).

import type { SimClock } from '../clock/clock.js';
import type { CallbackRow } from '../store/rows.js';
import type { Store } from '../store/sqlite.js';
import { type PostOutcome, postJson } from './http-post.js';

export interface RetryPolicy {
  /** Attempts before a callback is marked failed for good. */
  readonly maxAttempts: number;
  /** Delay before the first retry; doubled for each further one. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
  /** Wall-clock time a receiver has to answer one attempt. */
  readonly timeoutMs: number;
  /** Attempts in flight at once. */
  readonly concurrency: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 8,
  initialDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  timeoutMs: 5000,
  concurrency: 64,
};

/** The delay after the n-th failed attempt (n from 1). */
export function backoffDelay(policy: RetryPolicy, failedAttempts: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (failedAttempts - 1));
}

export interface DispatcherDeps {
  readonly store: Store;
  readonly clock: SimClock;
  readonly policy: RetryPolicy;
  /** Called when a retry was scheduled, so the engine can wake up for it. */
  readonly onRetryScheduled: () => void;
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

export function createDispatcher(deps: DispatcherDeps) {
  const { store, clock, policy } = deps;
  const inFlight = new Map<number, Promise<void>>();
  let failAll = false;
  let kicked = false;
  let closed = false;

  async function attempt(row: CallbackRow): Promise<void> {
    const outcome: PostOutcome = failAll
      ? { ok: false, error: 'callback failure switched on by admin' }
      : await postJson(row.url, row.payload, policy.timeoutMs);
    const now = clock.now();
    if (outcome.ok) {
      store.markCallbackDelivered(row.id, row.attempts, now);
      return;
    }
    const failed = row.attempts + 1;
    const giveUp = failed >= policy.maxAttempts;
    store.markCallbackFailed(
      row.id,
      row.attempts,
      giveUp,
      now + backoffDelay(policy, failed),
      outcome.error ?? '',
    );
    if (!giveUp) deps.onRetryScheduled();
  }

  /** Starts attempts for every eligible callback, up to the concurrency limit. */
  function drain(): void {
    if (closed) return;
    const free = policy.concurrency - inFlight.size;
    if (free <= 0) return;
    const rows = store.dueCallbacks(clock.now(), free + inFlight.size);
    let started = 0;
    for (const row of rows) {
      if (started >= free) break;
      if (inFlight.has(row.id)) continue;
      started += 1;
      const running = attempt(row).finally(() => {
        inFlight.delete(row.id);
        drain();
      });
      inFlight.set(row.id, running);
    }
  }

  return {
    /** Schedules a drain soon; cheap to call after every change. */
    kick(): void {
      if (kicked || closed) return;
      kicked = true;
      setImmediate(() => {
        kicked = false;
        drain();
      });
    },
    /** Sends everything due now and waits until nothing eligible is left in flight. */
    async flush(): Promise<void> {
      for (;;) {
        drain();
        if (inFlight.size === 0) return;
        await Promise.all(inFlight.values());
      }
    },
    setFailAll(enabled: boolean): void {
      failAll = enabled;
    },
    get failAll(): boolean {
      return failAll;
    },
    get inFlight(): number {
      return inFlight.size;
    },
    /** Stops starting attempts and waits for the running ones to record their outcome. */
    async close(): Promise<void> {
      const running = [...inFlight.values()];
      closed = true;
      await Promise.allSettled(running);
    },
  };
}
