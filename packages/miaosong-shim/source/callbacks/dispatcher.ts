// Delivers queued status callbacks. Rows stay in SQLite until a receiver answers 2xx, so a restart resumes
// them. Failures retry with exponential backoff on the simulated clock; per order, callbacks go out strictly
// in order (the store only offers an order's oldest pending one).

import type { SimClock } from '../clock/clock.js';
import type { DeliveryOutcome, PendingCallback } from '../store/rows.js';
import type { CallbackKey, Store } from '../store/sqlite.js';
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
const SCAN_START: CallbackKey = { at: Number.MIN_SAFE_INTEGER, id: 0 };

export function createDispatcher(deps: DispatcherDeps) {
  const { store, clock, policy } = deps;
  const ready: PendingCallback[] = [];
  /** Rows read and not yet settled in the store (waiting, in flight, or with an unwritten outcome): id -> order. */
  const claimed = new Map<number, number>();
  const inFlight = new Set<Promise<void>>();
  let outcomes: DeliveryOutcome[] = [];
  let outcomeTimer: NodeJS.Timeout | undefined;
  // What the next read looks at. Each way in returns only rows no earlier read returned, so a backlog is
  // never read twice: a scan of everything due (at start and when retries fall due), rows added since the
  // last read, and the next callback of orders whose previous one has just settled.
  let scanFrom: CallbackKey | null = SCAN_START;
  let addedAfter = store.lastStatusChangeId();
  let added = false;
  const unblocked = new Set<number>();
  // Looking up an order's next callback after each delivery costs a query per outcome batch; it is needed
  // only when a later callback of the order may exist unclaimed: one was read while blocked (`waiting`), or
  // the settled row came from a scan or an earlier unblocking, which do not show what follows it.
  const waiting = new Set<number>();
  const followUp = new Set<number>();
  let scheduled = false;
  let failAll = false;
  let closed = false;

  async function attempt(row: PendingCallback): Promise<void> {
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
      const orderId = claimed.get(outcome.id)!;
      claimed.delete(outcome.id);
      const follow = followUp.delete(outcome.id);
      // Settled for good: the order's next callback, if any, may go now.
      if (outcome.delivery === 'pending') deps.onRetryScheduled(outcome.nextAttemptAt);
      else if (waiting.delete(orderId) || follow) unblocked.add(orderId);
    }
  }

  function writeOutcomesLater(): void {
    outcomeTimer = undefined;
    writeOutcomes();
    schedule();
  }

  function claim(row: PendingCallback, follow: boolean): void {
    if (claimed.has(row.id)) return;
    claimed.set(row.id, row.order_id);
    if (follow) followUp.add(row.id);
    ready.push(row);
  }

  const readsPending = () => unblocked.size > 0 || added || scanFrom !== null;

  function read(): void {
    const now = clock.now();
    if (unblocked.size > 0) {
      const orderIds = [...unblocked];
      unblocked.clear();
      for (const row of store.nextCallbacksOf(orderIds, now)) claim(row, true);
    }
    if (added) {
      const rows = store.addedCallbacks(addedAfter, READ_BATCH);
      added = rows.length === READ_BATCH;
      for (const row of rows) {
        addedAfter = row.id;
        // A blocked row goes out once its predecessor settles; one not yet due, with the next scan.
        if (row.delivery !== 'pending') continue;
        if (row.blocked) waiting.add(row.order_id);
        else if (row.next_attempt_at <= now) claim(row, false);
      }
    }
    if (scanFrom) {
      const rows = store.dueCallbacks(now, scanFrom, READ_BATCH);
      const last = rows.at(-1);
      scanFrom = rows.length === READ_BATCH && last ? { at: last.next_attempt_at, id: last.id } : null;
      for (const row of rows) claim(row, true);
    }
  }

  /** Reads more when the ready queue is empty, and starts attempts up to the limit. */
  function pump(): void {
    scheduled = false;
    if (closed) return;
    if (ready.length === 0 && readsPending()) read();
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
    /** Changes were committed: their callbacks go out soon. Cheap to call after every commit. */
    kick(): void {
      added = true;
      schedule();
    },
    /** Time moved on: look through everything due (callback retries included). */
    rescan(): void {
      scanFrom = SCAN_START;
      schedule();
    },
    /** Sends everything due now and waits until nothing eligible is left, with every outcome written. */
    async flush(): Promise<void> {
      scanFrom = SCAN_START;
      added = true;
      for (;;) {
        pump();
        if (inFlight.size === 0 && ready.length === 0) {
          writeOutcomes();
          if (!readsPending()) return;
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
