// Where a call's time goes, measured in the console page without crossing processes: each check
// the session runs, repeated many times, and in-process round trips over a local MessageChannel
// with each end swapped between the product and a bare frame-format stand-in.
import { BridgeSession } from '@jingmai/host/session';
import { FRAME } from '@jingmai/protocol';
import { fitsWithin } from '../../packages/host/source/bridge/payload-size.js';
import { TokenBucket } from '../../packages/host/source/bridge/rate-limit.js';
import { BridgeClient } from '../../packages/sdk/source/bridge/client.js';
import type { Costs, Payload } from './contract.js';
import { ECHO_PARAMS, sessionOptions } from './host-ours.js';
import { median } from './stats.js';

const OPS = 100_000;
const REPEATS = 5;
const CALLS = 2000;
const IN_FLIGHT = 200;
const ROUNDS = 10;
const MAX_BYTES = 4 * 1024 * 1024;

// Results land here so the engine cannot drop the measured work.
const sink: unknown[] = [];

// Best of REPEATS: other processes only ever add time, so the fastest repeat is the op's own cost.
function microseconds(op: (i: number) => unknown): number {
  for (let i = 0; i < OPS / 10; i++) sink[0] = op(i);
  let best = Number.POSITIVE_INFINITY;
  for (let repeat = 0; repeat < REPEATS; repeat++) {
    const start = performance.now();
    for (let i = 0; i < OPS; i++) sink[0] = op(i);
    best = Math.min(best, ((performance.now() - start) * 1000) / OPS);
  }
  return best;
}

type Call = (payload: Payload) => Promise<unknown>;

// The bare ends speak the product's frame format, so either can face a product end. With
// `deadline` they also arm and clear one timer per call, as BridgeClient and BridgeSession do.
function bareClient(deadline: boolean) {
  return (port: MessagePort): Call => {
    const pending = new Map<number, (value: unknown) => void>();
    let nextId = 1;
    const settle = ([, id, value]: unknown[]) => {
      pending.get(id as number)?.(value);
      pending.delete(id as number);
    };
    // BridgeSession answers a batch of calls with one.
    port.onmessage = (event: MessageEvent<unknown[]>) => {
      if (event.data[0] === FRAME.BATCH) for (const frame of event.data[1] as unknown[][]) settle(frame);
      else settle(event.data);
    };
    return (payload) =>
      new Promise((resolve) => {
        const id = nextId++;
        if (deadline) {
          const timer = setTimeout(() => pending.delete(id), 10_000);
          pending.set(id, (value) => {
            clearTimeout(timer);
            resolve(value);
          });
        } else pending.set(id, resolve);
        port.postMessage([FRAME.CALL, id, 'bench.echo', payload]);
      });
  };
}

function bareHost(deadline: boolean) {
  return (port: MessagePort): (() => void) => {
    const answer = ([, id, , params]: unknown[]) => {
      const timer = deadline ? setTimeout(() => {}, 10_000) : undefined;
      port.postMessage([FRAME.RESULT, id, params]);
      clearTimeout(timer);
    };
    // BridgeClient posts the calls of one task as a single BATCH frame.
    port.onmessage = (event: MessageEvent<unknown[]>) => {
      if (event.data[0] === FRAME.BATCH) for (const frame of event.data[1] as unknown[][]) answer(frame);
      else answer(event.data);
    };
    return () => port.close();
  };
}

function productClient(port: MessagePort): Call {
  const client = new BridgeClient(port, 0);
  return (payload) => client.call('bench.echo', payload);
}

function productHost(port: MessagePort): () => void {
  const session = new BridgeSession(port, sessionOptions());
  return () => session.close();
}

interface Pair {
  readonly name: string;
  readonly client: (port: MessagePort) => Call;
  readonly host: (port: MessagePort) => () => void;
  /** Run with setTimeout and clearTimeout as no-ops: what per-call deadline timers cost the pair. */
  readonly noOpTimers?: boolean;
}

// Swaps the page's setTimeout and clearTimeout for no-ops while `run` runs.
async function withoutTimers<T>(run: () => Promise<T>): Promise<T> {
  const { setTimeout: set, clearTimeout: clear } = globalThis;
  globalThis.setTimeout = (() => 0) as unknown as typeof setTimeout;
  globalThis.clearTimeout = () => {};
  try {
    return await run();
  } finally {
    globalThis.setTimeout = set;
    globalThis.clearTimeout = clear;
  }
}

// µs per call: sequential (latency), then with IN_FLIGHT outstanding (CPU per call).
async function perCall(pair: Pair): Promise<[sequential: number, pipelined: number]> {
  const { port1, port2 } = new MessageChannel();
  const stop = pair.host(port2);
  const call = pair.client(port1);
  for (let i = 0; i < CALLS / 10; i++) await call({ data: i });
  let start = performance.now();
  for (let i = 0; i < CALLS; i++) await call({ data: i });
  const sequential = ((performance.now() - start) * 1000) / CALLS;
  let issued = 0;
  const worker = async () => {
    while (issued < CALLS) {
      issued += 1;
      await call({ data: issued });
    }
  };
  start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const pipelined = ((performance.now() - start) * 1000) / CALLS;
  stop();
  port1.close();
  return [sequential, pipelined];
}

const PAIRS: Pair[] = [
  { name: 'bare client, bare host', client: bareClient(false), host: bareHost(false) },
  {
    name: 'bare ends + a deadline timer per call on each side',
    client: bareClient(true),
    host: bareHost(true),
  },
  { name: 'BridgeClient, bare host', client: productClient, host: bareHost(false) },
  { name: 'bare client, BridgeSession', client: bareClient(false), host: productHost },
  { name: 'BridgeClient, BridgeSession', client: productClient, host: productHost },
  {
    name: 'BridgeClient, BridgeSession, deadline timers replaced by no-ops',
    client: productClient,
    host: productHost,
    noOpTimers: true,
  },
];

// The pairs take turns, round after round, so a busy moment of the machine hits them alike.
async function roundTrips(costs: Costs): Promise<void> {
  const samples = PAIRS.map(() => ({ sequential: [] as number[], pipelined: [] as number[] }));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, pair] of PAIRS.entries()) {
      const [sequential, pipelined] = pair.noOpTimers
        ? await withoutTimers(() => perCall(pair))
        : await perCall(pair);
      samples[i]?.sequential.push(sequential);
      samples[i]?.pipelined.push(pipelined);
    }
  }
  for (const [i, pair] of PAIRS.entries())
    costs[`in-process round trip, sequential (median of ${ROUNDS}): ${pair.name}`] = median(
      samples[i]?.sequential ?? [],
    );
  for (const [i, pair] of PAIRS.entries())
    costs[`in-process, ${IN_FLIGHT} in flight, µs per call (median of ${ROUNDS}): ${pair.name}`] = median(
      samples[i]?.pipelined ?? [],
    );
}

/** Per-call costs in µs. */
export async function profile(): Promise<Costs> {
  const bucket = new TokenBucket({ perSecond: 1e9, burst: 1e9 }, () => performance.now());
  const noop = () => {};
  const costs: Costs = {
    'host: zod safeParse of { data }': microseconds((i) => ECHO_PARAMS.safeParse({ data: i })),
    'host: payload size walk (fitsWithin)': microseconds((i) => fitsWithin({ data: i }, MAX_BYTES)),
    'host: rate bucket take()': microseconds(() => bucket.take()),
    'host: AbortController': microseconds(() => new AbortController()),
    'each side: deadline setTimeout + clearTimeout': microseconds(() =>
      clearTimeout(setTimeout(noop, 10_000)),
    ),
    'host: one performance.now() (4 per call)': microseconds(() => performance.now()),
  };
  await roundTrips(costs);
  return costs;
}
