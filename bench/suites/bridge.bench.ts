// The bridge: a raw MessageChannel with hand-written ids (the practical limit), our bridge (SDK
// client + host session, validation on) and comlink over a window endpoint, each with the app
// cross-site in a sandboxed iframe of one headless Chromium. Rounds interleave the transports so
// noise hits all three alike. Measured, not asserted: ours' goals are printed beside the ratios.
import { loadavg } from 'node:os';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../scripts/chromium.js';
import {
  type BenchApp,
  type BenchConsole,
  type Costs,
  TRANSPORTS,
  type Transport,
} from '../bridge/contract.js';
import { bundlePages, guestSizes } from '../bridge/pages.js';
import { costsTable, type Row, resultsTable } from '../bridge/report.js';
import { serve } from '../bridge/server.js';
import { median, percentile } from '../bridge/stats.js';

// Many short rounds rather than a few long ones: the machine's load swings within a run.
const ROUNDS = 10;
const HANDSHAKES_PER_ROUND = 5;
const CALLS_PER_ROUND = 200;
// Unmeasured calls between a fresh frame's first calls and the steady-state sample: enough for
// the engine to compile the hot path of every transport.
const WARMUP_CALLS = 1000;
const THROUGHPUT_CALLS = 5000;
// Throughput runs this many times per frame and keeps the best: other processes on the machine only
// ever take calls away, so the best run is the closest to the transport's own rate.
const THROUGHPUT_REPEATS = 3;
const IN_FLIGHT = 200;
const BUFFER_BYTES = 1024 * 1024;
const BUFFER_CALLS_PER_ROUND = 5;

interface Samples {
  handshake: number[];
  insert: number[];
  latency: number[];
  coldLatency: number[];
  throughput: number[];
  copy: number[];
  transfer: number[];
}

type ConsoleWindow = Window & { bench: BenchConsole };
type AppWindow = Window & { benchApp: BenchApp };

function launch(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}

async function handshake(page: Page, transport: Transport, samples: Samples): Promise<void> {
  const times = await page.evaluate(
    (t) => (window as unknown as ConsoleWindow).bench.handshake(t),
    transport,
  );
  samples.handshake.push(times.total);
  samples.insert.push(times.insert);
}

async function openApp(page: Page, appOrigin: string, transport: Transport): Promise<Frame> {
  await page.evaluate((t) => (window as unknown as ConsoleWindow).bench.open(t), transport);
  const frame = page.frames().find((candidate) => candidate.url() === `${appOrigin}/${transport}.html`);
  if (!frame) throw new Error(`no ${transport} app frame`);
  return frame;
}

/** One round of call measurements in the app frame of `transport`. */
async function measureCalls(
  page: Page,
  appOrigin: string,
  transport: Transport,
  samples: Samples,
  scale: number,
): Promise<void> {
  const frame = await openApp(page, appOrigin, transport);
  const app = { calls: CALLS_PER_ROUND * scale, total: THROUGHPUT_CALLS * scale, inFlight: IN_FLIGHT };
  const latency = await frame.evaluate(
    ({ calls, warmup }) => (window as unknown as AppWindow).benchApp.latency(calls, warmup),
    { calls: app.calls, warmup: Math.round(WARMUP_CALLS * scale) },
  );
  samples.latency.push(...latency.warm);
  samples.coldLatency.push(...latency.cold);
  let best = 0;
  for (let repeat = 0; repeat < THROUGHPUT_REPEATS; repeat++) {
    const rate = await frame.evaluate(
      ({ total, inFlight }) => (window as unknown as AppWindow).benchApp.throughput(total, inFlight),
      app,
    );
    best = Math.max(best, rate);
  }
  samples.throughput.push(best);
  for (const transfer of [false, true]) {
    const times = await frame.evaluate(
      ({ count, bytes, transfer }) =>
        (window as unknown as AppWindow).benchApp.buffer(count, bytes, transfer),
      { count: Math.max(2, BUFFER_CALLS_PER_ROUND * scale), bytes: BUFFER_BYTES, transfer },
    );
    (transfer ? samples.transfer : samples.copy).push(...times);
  }
  await page.evaluate(() => (window as unknown as ConsoleWindow).bench.close());
}

async function measure(page: Page, appOrigin: string): Promise<Record<Transport, Samples>> {
  const fresh = (): Samples => ({
    handshake: [],
    insert: [],
    latency: [],
    coldLatency: [],
    throughput: [],
    copy: [],
    transfer: [],
  });
  const warmup = { raw: fresh(), ours: fresh(), comlink: fresh() };
  const samples = { raw: fresh(), ours: fresh(), comlink: fresh() };
  for (const transport of TRANSPORTS) {
    await handshake(page, transport, warmup[transport]);
    await measureCalls(page, appOrigin, transport, warmup[transport], 0.5);
  }
  for (let round = 0; round < ROUNDS; round++) {
    // Each round starts with another transport, so none always runs first.
    const order = TRANSPORTS.map((_, i) => TRANSPORTS[(i + round) % TRANSPORTS.length] as Transport);
    for (let i = 0; i < HANDSHAKES_PER_ROUND; i++)
      for (const transport of order) await handshake(page, transport, samples[transport]);
    for (const transport of order) await measureCalls(page, appOrigin, transport, samples[transport], 1);
  }
  return samples;
}

function rows(samples: Record<Transport, Samples>, sizes: Record<Transport | 'sdk', number>): Row[] {
  const each = (stat: (s: Samples) => number) =>
    Object.fromEntries(TRANSPORTS.map((t) => [t, stat(samples[t])])) as Record<Transport, number>;
  return [
    {
      metric: `handshake, ms (median of ${ROUNDS * HANDSHAKES_PER_ROUND})`,
      values: each((s) => median(s.handshake)),
      digits: 2,
      goal: { kind: 'max', ratio: 1.05 },
    },
    {
      metric: 'of which synchronous insertion (host.mount for ours), ms',
      values: each((s) => median(s.insert)),
      digits: 2,
    },
    {
      metric: `round trip median, µs (${ROUNDS * CALLS_PER_ROUND} sequential, after ${WARMUP_CALLS} warm-up calls per frame)`,
      values: each((s) => median(s.latency) * 1000),
      digits: 0,
      goal: { kind: 'max', ratio: 1.1 },
    },
    {
      metric: 'round trip p99, µs',
      values: each((s) => percentile(s.latency, 0.99) * 1000),
      digits: 0,
      goal: { kind: 'max', ratio: 1.5 },
    },
    {
      metric: `cold round trip median, µs (first ${CALLS_PER_ROUND} calls of each fresh frame)`,
      values: each((s) => median(s.coldLatency) * 1000),
      digits: 0,
    },
    {
      metric: 'cold round trip p99, µs',
      values: each((s) => percentile(s.coldLatency, 0.99) * 1000),
      digits: 0,
    },
    {
      metric: `calls/s, ${IN_FLIGHT} in flight (median over ${ROUNDS} frames of the best of ${THROUGHPUT_REPEATS} runs of ${THROUGHPUT_CALLS})`,
      values: each((s) => median(s.throughput)),
      digits: 0,
      goal: { kind: 'min', ratio: 0.95 },
    },
    {
      metric: `1 MiB ArrayBuffer echo, copy, ms (median of ${ROUNDS * BUFFER_CALLS_PER_ROUND})`,
      values: each((s) => median(s.copy)),
      digits: 2,
    },
    {
      metric: '1 MiB ArrayBuffer echo, transfer, ms',
      values: each((s) => median(s.transfer)),
      digits: 2,
    },
    {
      metric: 'guest bundle, bytes min+gzip',
      values: { raw: sizes.raw, ours: sizes.ours, comlink: sizes.comlink },
      digits: 0,
      note: `ours = SDK handshake + BridgeClient; whole SDK behind connect(): ${sizes.sdk} B`,
    },
  ];
}

export async function run(): Promise<void> {
  const [pages, sizes] = await Promise.all([bundlePages(), guestSizes()]);
  const consoleSite = await serve(pages.console, '127.0.0.1');
  const appSite = await serve(pages.apps, 'localhost');
  const browser = await launch();
  try {
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error(`console page error: ${error.message}`));
    await page.goto(`${consoleSite.origin}/console.html?apps=${encodeURIComponent(appSite.origin)}`);
    // Other work on the machine inflates every number; the ratios are what interleaving protects.
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const samples = await measure(page, appSite.origin);
    const costs: Costs = await page.evaluate(() => (window as unknown as ConsoleWindow).bench.profile());
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `Chromium ${browser.version()}, app cross-site in <iframe sandbox="allow-scripts">, ${ROUNDS} interleaved rounds in ${seconds.toFixed(0)} s, 1-min load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}\n`,
    );
    console.log(resultsTable(rows(samples, sizes)));
    console.log(`\n${costsTable(costs)}`);
  } finally {
    await browser.close();
    consoleSite.close();
    appSite.close();
  }
}
