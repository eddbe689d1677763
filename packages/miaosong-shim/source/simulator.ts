// Wires store, clock, order service, callback dispatcher, engine and HTTP server together.

import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDispatcher, DEFAULT_RETRY_POLICY, type RetryPolicy } from './callbacks/dispatcher.js';
import { type ClockSpec, createClock } from './clock/clock.js';
import { DEFAULT_SEED, type SeedAccount, seedAccount } from './merchants/accounts.js';
import { createOrderService, type OrderService } from './orders/service.js';
import { DEFAULT_TIMINGS, type SimulationTimings } from './orders/timings.js';
import { createRequestHandler } from './server/http.js';
import { createRoutes } from './server/routes.js';
import { createEngine } from './simulation/engine.js';
import { createStore } from './store/sqlite.js';

export interface MiaosongServerOptions {
  /** Directory for the SQLite database; created when missing. A restart with the same dir resumes everything. */
  readonly dataDir: string;
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** `'real'` (default), `'manual'` (moves only through `clock.advance`), or `{ speed }` for accelerated time. */
  readonly clock?: ClockSpec;
  /** Simulated start time of a fresh manual clock (epoch ms); a manual clock otherwise resumes where it stopped. */
  readonly clockStartAt?: number;
  /** `'test'` (default) serves the simulation endpoints; `'production'` refuses them with 2068. */
  readonly environment?: 'test' | 'production';
  readonly timings?: Partial<SimulationTimings>;
  readonly callbacks?: Partial<RetryPolicy>;
  /** Account seeded at start (upserted); `false` seeds nothing. Defaults to the platform's test merchant and shop. */
  readonly seed?: SeedAccount | false;
  /** Token for the /admin endpoints; random when not given. */
  readonly adminToken?: string;
  /** Allowed distance between an envelope timestamp and the wall clock. Default 10 minutes. */
  readonly timestampToleranceMs?: number;
  /** Called with unexpected internal errors. Default: console.error. */
  readonly onError?: (error: unknown) => void;
}

/** Simulated time, as seen and steered from outside. */
export interface ClockControl {
  readonly mode: 'real' | 'scaled' | 'manual';
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Moves time forward, applying every order event and callback attempt due on the way. */
  advance(ms: number): Promise<void>;
}

export interface MiaosongServer {
  /** Base URL, e.g. `http://127.0.0.1:43127`; use it as the client's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly clock: ClockControl;
  readonly adminToken: string;
  /** The seeded account, or null when seeding was turned off. */
  readonly seed: SeedAccount | null;
  /** Makes every callback attempt fail (to exercise receivers' retry handling), or stops doing so. */
  setCallbackFailure(enabled: boolean): void;
  /** Stops serving, waits for running callback attempts, and closes the database. */
  close(): Promise<void>;
}

const MANUAL_CLOCK_KEY = 'manual_clock_now';

export async function startMiaosongServer(options: MiaosongServerOptions): Promise<MiaosongServer> {
  const store = createStore(options.dataDir);
  const clockSpec = options.clock ?? 'real';
  const savedManualNow = Number(store.getMeta(MANUAL_CLOCK_KEY) ?? Number.NaN);
  const clock = createClock(
    clockSpec,
    clockSpec === 'manual' && Number.isFinite(savedManualNow)
      ? savedManualNow
      : (options.clockStartAt ?? Date.now()),
  );
  const seed = options.seed === false ? null : (options.seed ?? DEFAULT_SEED);
  if (seed) seedAccount(store, seed);
  const timings = { ...DEFAULT_TIMINGS, ...options.timings };
  const policy = { ...DEFAULT_RETRY_POLICY, ...options.callbacks };
  const onError = options.onError ?? ((error: unknown) => console.error('[miaosong-shim]', error));

  let orders: OrderService | undefined;
  const dispatcher = createDispatcher({ store, clock, policy, onRetryScheduled: (at) => engine.wake(at) });
  const engine = createEngine({ store, clock, orders: () => orders!, dispatcher: () => dispatcher });
  orders = createOrderService({
    store,
    clock,
    timings,
    environment: options.environment ?? 'test',
    onChange: () => engine.changed(),
    onScheduled: (at) => engine.wake(at),
  });

  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const handler = createRequestHandler({
    store,
    routes: createRoutes(orders),
    admin: { token: adminToken, store, clock, engine, dispatcher, orders },
    timestampToleranceMs: options.timestampToleranceMs ?? 10 * 60_000,
    onError,
  });
  const server = createServer((request, response) => void handler(request, response));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  engine.start();

  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    adminToken,
    seed,
    clock: { mode: clock.mode, now: () => clock.now(), advance: (ms) => engine.advance(ms) },
    setCallbackFailure: (enabled) => dispatcher.setFailAll(enabled),
    close() {
      closing ??= (async () => {
        engine.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        orders!.flushWrites();
        await dispatcher.close();
        if (clock.mode === 'manual') store.setMeta(MANUAL_CLOCK_KEY, String(clock.now()));
        store.close();
      })();
      return closing;
    },
  };
}
