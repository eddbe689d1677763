// Drives the simulation from the clock: applies due order events and wakes the callback dispatcher.
// Real and scaled clocks arm one timer for the next due moment; a manual clock moves only through
// advance(), which steps to each due moment in turn so every change carries its exact scheduled time.

import type { Dispatcher } from '../callbacks/dispatcher.js';
import type { SimClock } from '../clock/clock.js';
import type { OrderService } from '../orders/service.js';
import type { Store } from '../store/sqlite.js';

export interface EngineDeps {
  readonly store: Store;
  readonly clock: SimClock;
  readonly orders: () => OrderService;
  readonly dispatcher: () => Dispatcher;
}

// setTimeout's ceiling; later moments are re-checked when the timer fires.
const MAX_TIMER_MS = 2_147_483_647;

export type Engine = ReturnType<typeof createEngine>;

export function createEngine(deps: EngineDeps) {
  const { store, clock } = deps;
  let timer: NodeJS.Timeout | undefined;
  let armedAt: number | null = null;
  let stopped = false;

  function nextDueAfter(time: number): number | null {
    const candidates = [store.nextOrderEventAfter(time), store.nextCallbackAfter(time)].filter(
      (at): at is number => at !== null,
    );
    return candidates.length ? Math.min(...candidates) : null;
  }

  function tick(): void {
    timer = undefined;
    armedAt = null;
    if (stopped) return;
    const now = clock.now();
    deps.orders().processDue(now);
    deps.dispatcher().rescan();
    // From `now`, not a fresh reading: a running clock may already be past events processDue did not see.
    rearm(now);
  }

  /** Makes sure the timer fires by `at` (keeps an earlier one). */
  function arm(at: number): void {
    if (stopped || clock.mode === 'manual' || (armedAt !== null && armedAt <= at)) return;
    if (timer) clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(tick, Math.min(MAX_TIMER_MS, Math.ceil(clock.wallDelayUntil(at))));
    timer.unref();
  }

  function rearm(after: number): void {
    if (timer) clearTimeout(timer);
    timer = undefined;
    armedAt = null;
    const next = nextDueAfter(after);
    if (next !== null) arm(next);
  }

  async function settle(): Promise<void> {
    deps.orders().processDue(clock.now());
    await deps.dispatcher().flush();
  }

  return {
    /** Something changed: send the queued callbacks. */
    changed(): void {
      deps.dispatcher().kick();
    },
    /** An order event or a callback retry is planned at `at`: wake up for it. */
    wake(at: number): void {
      arm(at);
    },
    start(): void {
      tick();
    },
    /** Moves simulated time forward by `ms`, applying every event and callback attempt due on the way. */
    async advance(ms: number): Promise<void> {
      if (!(ms >= 0)) throw new RangeError(`cannot advance the clock by ${ms} ms`);
      const target = clock.now() + ms;
      await settle();
      for (;;) {
        const next = nextDueAfter(clock.now());
        if (next === null || next > target) break;
        clock.skip(Math.max(0, next - clock.now()));
        await settle();
      }
      clock.skip(Math.max(0, target - clock.now()));
      await settle();
      rearm(clock.now());
    },
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
    },
  };
}
