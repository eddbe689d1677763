// Delivers queued status callbacks. Rows stay in SQLite until a receiver answers 2xx, so a restart resumes
// them. Failures retry with exponential backoff on the simulated clock; per order, callbacks go out strictly
// in order. Callbacks committed while this process runs are handed over in memory and sent per order one
// after another; an order whose callbacks may wait in the store alone (pending at start, or behind a retry)
// has them read from there, where only an order's oldest pending one is offered.

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

// Due callbacks are read from the store in batches and outcomes written in batches: per-callback queries and
// commits would cost more than the HTTP POSTs themselves under load.
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
  // Orders whose callbacks were handed over at commit: the first is claimed, the rest wait behind it in order.
  const held = new Map<number, PendingCallback[]>();
  // Orders whose pending callbacks are read from the store. The scan finds their due ones (at start and when
  // retries fall due), and once one settles the order's next one is looked up (`unblocked`). Callbacks
  // committed for these orders are left to the store too, as they may have to wait behind older ones there.
  const stored = store.ordersWithPendingCallbacks();
  const unblocked = new Set<number>();
  let scanFrom: CallbackKey | null = SCAN_START;
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
      const queue = held.get(orderId);
      if (outcome.delivery === 'pending') {
        deps.onRetryScheduled(outcome.nextAttemptAt);
        // The order's later callbacks now wait in the store behind the retry.
        if (queue) {
          held.delete(orderId);
          stored.add(orderId);
        }
      } else if (queue) {
        // Settled for good: the order's next callback, if any, may go now.
        queue.shift();
        if (queue.length > 0) claim(queue[0]!);
        else held.delete(orderId);
      } else {
        unblocked.add(orderId);
      }
    }
  }

  function writeOutcomesLater(): void {
    outcomeTimer = undefined;
    writeOutcomes();
    schedule();
  }

  function claim(row: PendingCallback): void {
    if (claimed.has(row.id)) return;
    claimed.set(row.id, row.order_id);
    ready.push(row);
  }

  /** Takes the callbacks committed since the last call. */
  function handOver(): void {
    const now = clock.now();
    for (const row of store.takeCommittedCallbacks()) {
      const orderId = row.order_id;
      if (stored.has(orderId)) continue;
      const queue = held.get(orderId);
      if (queue) queue.push(row);
      else if (row.next_attempt_at > now) stored.add(orderId);
      else {
        held.set(orderId, [row]);
        claim(row);
      }
    }
  }

  const readsPending = () => unblocked.size > 0 || scanFrom !== null;

  function read(): void {
    handOver();
    const now = clock.now();
    if (unblocked.size > 0) {
      const orderIds = [...unblocked];
      unblocked.clear();
      const found = new Set<number>();
      for (const row of store.nextCallbacksOf(orderIds)) {
        found.add(row.order_id);
        // One not yet due goes out with the scan that finds it due.
        if (row.next_attempt_at <= now) claim(row);
      }
      // Nothing pending left in the store: the order's next callbacks are handed over in memory.
      for (const orderId of orderIds) if (!found.has(orderId)) stored.delete(orderId);
    }
    if (scanFrom) {
      const rows = store.dueCallbacks(now, scanFrom, READ_BATCH);
      const last = rows.at(-1);
      scanFrom = rows.length === READ_BATCH && last ? { at: last.next_attempt_at, id: last.id } : null;
      for (const row of rows) {
        // Its order's callbacks committed meanwhile must queue behind it in the store.
        if (!held.has(row.order_id)) stored.add(row.order_id);
        claim(row);
      }
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
    /** Changes were committed: their callbacks go out soon. Call after every commit, outside transactions. */
    kick(): void {
      handOver();
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
      handOver();
      for (;;) {
        pump();
        if (inFlight.size === 0 && ready.length === 0) {
          writeOutcomes();
          if (ready.length === 0 && !readsPending()) return;
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
