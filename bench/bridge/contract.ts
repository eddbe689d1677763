// What the bench pages and the Node runner agree on: the transports, the echo the app calls, the
// one message an app page posts to say it is connected, and the APIs the runner drives by
// evaluating code in the console page and the app frame.

export const TRANSPORTS = ['raw', 'ours', 'comlink'] as const;
export type Transport = (typeof TRANSPORTS)[number];

/** Posted by an app page to its parent once its first call resolved: the end of a handshake. */
export const CONNECTED = 'bench:connected';

/** The argument and result of every echo call. */
export interface Payload {
  readonly data: unknown;
}

/** One transport seen from the app: echoes `payload`, moving `transfer` both ways when given. */
export type Echo = (payload: Payload, transfer?: ArrayBuffer[]) => Promise<Payload>;

/** Installed on the app frame's window as `benchApp`. */
export interface BenchApp {
  /**
   * Round-trip times (ms) of sequential small calls: the first `count` calls of the fresh frame
   * (cold), then `count` more after `warmup` unmeasured ones (the steady state).
   */
  latency(count: number, warmup: number): Promise<{ cold: number[]; warm: number[] }>;
  /** Calls per second of `total` small calls with `inFlight` outstanding at any time. */
  throughput(total: number, inFlight: number): Promise<number>;
  /** Round-trip times (ms) of `count` sequential echoes of a `bytes` ArrayBuffer. */
  buffer(count: number, bytes: number, transfer: boolean): Promise<number[]>;
}

/** Per-call costs (µs) measured in one page by repeating an operation many times. */
export type Costs = Record<string, number>;

/** Times of one handshake, in ms from the start of the insertion. */
export interface Handshake {
  /** Until the app's first call resolved (as the console hears of it). */
  readonly total: number;
  /** The synchronous part: frame created and inserted, host end attached (all of host.mount for ours). */
  readonly insert: number;
}

/** Installed on the console page's window as `bench`. */
export interface BenchConsole {
  /** Inserts a fresh app frame, waits for its first call to resolve, then removes it. */
  handshake(transport: Transport): Promise<Handshake>;
  /** Mounts the long-lived frame the app-side measurements run in. */
  open(transport: Transport): Promise<void>;
  /** Removes the frame opened last. */
  close(): void;
  /** Costs of the host-side checks and of each end of the bridge, measured in this page. */
  profile(): Promise<Costs>;
}
