// Delivers queued status callbacks. Rows stay in SQLite until a receiver answers 2xx, so a restart resumes
// them. Failures retry with exponential backoff on the simulated clock; per order, callbacks go out strictly
// in order (the store only offers an order's oldest pending one).

import type { SimClock } from '../clock/clock.js';
import type { DeliveryOutcome, StatusChangeRow } from '../store/rows.js';
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
  /** Called with the time of a scheduled retry, so the engine can wake up for it. */
  readonly onRetryScheduled: (at: number) => void;
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

// Due callbacks are read in batches and outcomes written in batches: per-callback queries and commits
// would cost more than the HTTP POSTs themselves under load.
const READ_BATCH = 256;
// Outcomes wait this long to share one commit. Until written, a delivered callback is still pending in the
// store: a crash in between sends it again (delivery is at-least-once), and the order's next callback,
// which may go out only after this one is recorded, waits at most this long.
const OUTCOME_WRITE_DELAY_MS = 10;

export function createDispatcher(deps: DispatcherDeps) {
  const { store, clock, policy } = deps;
  const ready: StatusChangeRow[] = [];
  /** Ids read and not yet settled in the store (waiting, in flight, or with an unwritten outcome). */
  const claimed = new Set<number>();
  const inFlight = new Set<Promise<void>>();
  let outcomes: DeliveryOutcome[] = [];
  let outcomeTimer: NodeJS.Timeout | undefined;
  let stale = true;
  let scheduled = false;
  let failAll = false;
  let closed = false;

  async function attempt(row: StatusChangeRow): Promise<void> {
    const outcome: PostOutcome = failAll
      ? { ok: false, error: 'callback failure switched on by admin' }
      : await postJson(row.callback_url, row.payload, policy.timeoutMs);
    const now = clock.now();
    const failed = row.attempts + 1;
    const giveUp = !outcome.ok && failed >= policy.maxAttempts;
    outcomes.push({
      id: row.id,
      attemptsBefore: row.attempts,
      delivery: outcome.ok ? 'delivered' : giveUp ? 'failed' : 'pending',
      at: now,
      nextAttemptAt: outcome.ok || giveUp ? row.next_attempt_at : now + backoffDelay(policy, failed),
      error: outcome.ok ? null : (outcome.error ?? 'failed'),
    });
    if (outcomes.length >= READ_BATCH) writeOutcomes();
    else outcomeTimer ??= setTimeout(writeOutcomesLater, OUTCOME_WRITE_DELAY_MS);
  }

  function writeOutcomes(): void {
    if (outcomeTimer) clearTimeout(outcomeTimer);
    outcomeTimer = undefined;
    if (outcomes.length === 0) return;
    const batch = outcomes;
    outcomes = [];
    store.recordOutcomes(batch);
    for (const outcome of batch) {
      claimed.delete(outcome.id);
      // A recorded delivery may unblock the next callback of the same order.
      if (outcome.delivery !== 'pending') stale = true;
      else deps.onRetryScheduled(outcome.nextAttemptAt);
    }
  }

  function writeOutcomesLater(): void {
    outcomeTimer = undefined;
    writeOutcomes();
    schedule();
  }

  /** Tops up the ready queue when needed and starts attempts up to the limit. */
  function pump(): void {
    scheduled = false;
    if (closed) return;
    if (stale && ready.length === 0) {
      stale = false;
      for (const row of store.dueCallbacks(clock.now(), READ_BATCH)) {
        if (claimed.has(row.id)) continue;
        claimed.add(row.id);
        ready.push(row);
      }
    }
    while (inFlight.size < policy.concurrency && ready.length > 0) {
      const row = ready.shift()!;
      const running: Promise<void> = attempt(row).finally(() => {
        inFlight.delete(running);
        schedule();
      });
      inFlight.add(running);
    }
  }

  function schedule(): void {
    if (scheduled) return;
    scheduled = true;
    setImmediate(pump);
  }

  return {
    /** New callbacks may be due: look for them soon. Cheap to call after every change. */
    kick(): void {
      stale = true;
      schedule();
    },
    /** Sends everything due now and waits until nothing eligible is left, with every outcome written. */
    async flush(): Promise<void> {
      stale = true;
      for (;;) {
        pump();
        if (inFlight.size === 0 && ready.length === 0) {
          writeOutcomes();
          if (!stale) return;
          continue;
        }
        await Promise.all([...inFlight]);
      }
    },
    setFailAll(enabled: boolean): void {
      failAll = enabled;
    },
    get failAll(): boolean {
      return failAll;
    },
    /** Stops starting attempts, waits for the running ones and writes their outcomes. */
    async close(): Promise<void> {
      closed = true;
      await Promise.allSettled([...inFlight]);
      writeOutcomes();
    },
  };
}
