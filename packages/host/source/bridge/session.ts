// One app session on its private MessagePort. Every frame from the app is checked here, in this
// order, before any service runs: frame shape, method in the table (own keys only), scope granted,
// rate limit, payload size, arguments parse under the method's schema. Each refusal is answered
// with a typed protocol error; nothing thrown by a service or by the app's input escapes.
import {
  DeadlineTimer,
  type EventInfo,
  FRAME,
  JingmaiError,
  MAX_BATCH_FRAMES,
  type MethodInfo,
  postBatch,
  RATE_CLASSES,
  type RateClass,
  type RateClassName,
  type Scope,
  toWireError,
} from '@jingmai/protocol';
import type { z } from 'zod';
import { fitsWithin } from './payload-size.js';
import { TokenBucket } from './rate-limit.js';

/** A method the session can dispatch: its limits and its argument schema. */
export interface MethodSpec extends MethodInfo {
  readonly params: z.ZodType;
}

/** What a service receives beside its parsed arguments. */
export interface CallContext {
  readonly method: string;
  /** Aborted when the call times out, is cancelled by the app, or the session closes. */
  readonly signal: AbortSignal;
}

/** A service implementation: gets parsed arguments, returns the result (or a promise of it). */
export type ServiceFunction = (params: never, context: CallContext) => unknown;

/** A result that moves its buffers to the app instead of copying them. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly transfer: Transferable[],
  ) {}
}

/** One call as seen by the session, for inspectors and logs. */
export interface CallRecord {
  readonly id: number;
  readonly method: string;
  readonly params: unknown;
  /** Whether the checks let the call through to its service. */
  readonly decision: 'allowed' | 'refused';
  readonly ok: boolean;
  readonly result?: unknown;
  readonly error?: JingmaiError;
  readonly startedAt: number;
  readonly durationMs: number;
}

/** Options of {@link BridgeSession}. */
export interface SessionOptions {
  readonly methods: Readonly<Record<string, MethodSpec>>;
  readonly events: Readonly<Record<string, EventInfo>>;
  readonly services: Readonly<Record<string, ServiceFunction>>;
  readonly scopes: Iterable<Scope>;
  readonly rateClasses?: Readonly<Record<RateClassName, RateClass>>;
  /** Interval of host pings; the app is unresponsive after two missed intervals. 0 disables. */
  readonly heartbeatMs?: number;
  /** Longest deadline a caller may ask for, beyond the method's own default (default 10 minutes). */
  readonly maxTimeoutMs?: number;
  readonly onCall?: (record: CallRecord) => void;
  readonly onResponsiveChange?: (responsive: boolean, silentMs: number) => void;
  /**
   * Rate-limited calls within one second after which the app counts as flooding: the session closes with
   * RATE_LIMITED, which drops the rest of its queued messages so other apps are served again.
   */
  readonly floodLimit?: number;
  /** Called when the session closes because of a flood. */
  readonly onFlood?: (error: JingmaiError) => void;
  readonly now?: () => number;
}

// A running call. It is also the service's CallContext, so a call allocates one object of its own.
class Pending implements CallContext {
  /** Made only when the service reads its signal: most calls never do. */
  private controller: AbortController | undefined;
  private abortedWith: unknown;

  constructor(
    readonly method: string,
    readonly params: unknown,
    readonly startedAt: number,
    readonly timeoutMs: number,
    readonly dueAt: number,
  ) {}

  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.abortedWith !== undefined) this.controller.abort(this.abortedWith);
    }
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.abortedWith = reason;
    this.controller?.abort(reason);
  }
}

const MAX_ISSUES = 10;
const DEFAULT_FLOOD_LIMIT = 1000;
const FLOOD_WINDOW_MS = 1000;

/** The host's end of one app connection. */
export class BridgeSession {
  private readonly pending = new Map<number, Pending>();
  private readonly deadlines = new DeadlineTimer(this.pending, (id, pending: Pending) =>
    this.settle(
      id,
      pending,
      false,
      new JingmaiError('TIMEOUT', `${pending.method} did not finish within ${pending.timeoutMs} ms.`, {
        details: { timeoutMs: pending.timeoutMs },
      }),
    ),
  );
  private observer: ((record: CallRecord) => void) | undefined;
  private readonly buckets = new Map<string, TokenBucket>();
  private scopes: Set<Scope>;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastSeen: number;
  private responsive = true;
  private pingSeq = 0;
  private isClosed = false;
  private limitedInWindow = 0;
  private floodWindowStart = 0;
  // While a BATCH from the app is handled, what the session sends waits here and leaves as one BATCH
  // when it is done, so a burst of calls costs the host one message too. Beside each frame, the call
  // behind a RESULT, for its record or for its failure if the result cannot be cloned.
  private batching = false;
  private outFrames: unknown[][] = [];
  private outCalls: (Pending | undefined)[] = [];
  private readonly now: () => number;

  constructor(
    private readonly port: MessagePort,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.observer = options.onCall;
    this.scopes = new Set(options.scopes);
    this.lastSeen = this.now();
    port.onmessage = (event: MessageEvent) => this.receive(event.data);
    port.onmessageerror = () => {};
    const heartbeatMs = options.heartbeatMs ?? 0;
    if (heartbeatMs > 0) this.heartbeat = setInterval(() => this.beat(heartbeatMs), heartbeatMs);
  }

  /** True once {@link BridgeSession.close} ran. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** Calls still running. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Replaces the granted scopes; later calls and events see the new set at once. */
  setScopes(scopes: Iterable<Scope>): void {
    this.scopes = new Set(scopes);
  }

  /** Sends an event when its scope is granted. Returns whether it was sent. */
  emit(event: string, payload: unknown): boolean {
    const info = Object.hasOwn(this.options.events, event) ? this.options.events[event] : undefined;
    if (this.isClosed || !info || (info.scope !== null && !this.scopes.has(info.scope))) return false;
    this.send([FRAME.EVENT, event, payload]);
    return true;
  }

  /** Ends the session: running calls are aborted and the app is told why. */
  close(reason = new JingmaiError('DISCONNECTED', 'The host closed the connection.')): void {
    if (this.isClosed) return;
    clearInterval(this.heartbeat);
    for (const [id, pending] of [...this.pending]) this.settle(id, pending, false, reason);
    this.deadlines.stop();
    this.flushOut();
    this.isClosed = true;
    try {
      this.port.postMessage([FRAME.CLOSE, toWireError(reason)]);
    } catch {
      // The port may already be unusable; closing it is all that is left.
    }
    this.port.onmessage = null;
    this.port.close();
  }

  /** Starts or stops reporting each call (an inspector opened or closed); records cost nothing without one. */
  observeCalls(observer: ((record: CallRecord) => void) | undefined): void {
    this.observer = observer;
  }

  /** Handles one frame from the app. Never throws. */
  receive(frame: unknown): void {
    if (this.isClosed) return;
    const now = this.now();
    this.lastSeen = now;
    if (!this.responsive) this.setResponsive(true);
    if (!Array.isArray(frame)) return;
    if (frame[0] !== FRAME.BATCH) return this.handle(frame, now);
    const frames: unknown = frame[1];
    // A batch only carries frames; a malformed, oversized or nested one is dropped whole.
    if (frame.length !== 2 || !Array.isArray(frames) || frames.length > MAX_BATCH_FRAMES) return;
    this.batching = true;
    try {
      for (let i = 0; i < frames.length && !this.isClosed; i++) {
        const inner: unknown = frames[i];
        if (Array.isArray(inner) && inner[0] !== FRAME.BATCH) this.handle(inner, now);
      }
    } finally {
      this.batching = false;
      this.flushOut();
    }
  }

  private handle(frame: unknown[], now: number): void {
    switch (frame[0]) {
      case FRAME.CALL:
        this.call(frame, now);
        return;
      case FRAME.CANCEL:
        this.cancel(frame[1]);
        return;
      default:
        // PONG only refreshes lastSeen; anything else is noise from a confused or hostile app.
        return;
    }
  }

  private call(frame: unknown[], startedAt: number): void {
    const id = frame[1];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return;
    const method = frame[2];
    const params = frame[3];
    if (frame.length > 5)
      return this.refuse(id, method, params, startedAt, 'INVALID_ARGUMENT', 'Malformed call frame.');
    if (this.pending.has(id)) {
      return this.refuse(
        id,
        method,
        params,
        startedAt,
        'INVALID_ARGUMENT',
        `Call id ${id} is already in flight.`,
      );
    }
    const spec =
      typeof method === 'string' && Object.hasOwn(this.options.methods, method)
        ? this.options.methods[method]
        : undefined;
    const service =
      spec && Object.hasOwn(this.options.services, method as string)
        ? this.options.services[method as string]
        : undefined;
    if (!spec || !service) {
      return this.refuse(id, method, params, startedAt, 'NOT_FOUND', 'No such method.', {
        method: typeof method === 'string' ? method.slice(0, 100) : typeof method,
      });
    }
    const name = method as string;
    if (!this.scopes.has(spec.scope)) {
      return this.refuse(
        id,
        name,
        params,
        startedAt,
        'PERMISSION_DENIED',
        `${name} needs the "${spec.scope}" scope.`,
        {
          method: name,
          scope: spec.scope,
        },
      );
    }
    const retryAfterMs = this.bucket(spec.rate).take(startedAt);
    if (retryAfterMs > 0) {
      this.refuse(id, name, params, startedAt, 'RATE_LIMITED', `Too many ${spec.rate} calls.`, {
        rateClass: spec.rate,
        retryAfterMs,
      });
      if (startedAt - this.floodWindowStart > FLOOD_WINDOW_MS) {
        this.floodWindowStart = startedAt;
        this.limitedInWindow = 0;
      }
      this.limitedInWindow += 1;
      if (this.limitedInWindow >= (this.options.floodLimit ?? DEFAULT_FLOOD_LIMIT)) this.flooded();
      return;
    }
    if (!fitsWithin(params, spec.maxBytes)) {
      return this.refuse(
        id,
        name,
        params,
        startedAt,
        'PAYLOAD_TOO_LARGE',
        `Arguments of ${name} exceed ${spec.maxBytes} bytes.`,
        {
          limit: spec.maxBytes,
        },
      );
    }
    const parsed = spec.params.safeParse(params);
    if (!parsed.success) {
      const issues = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      return this.refuse(id, name, params, startedAt, 'INVALID_ARGUMENT', `Invalid arguments for ${name}.`, {
        issues,
      });
    }
    this.run(id, name, spec, service, parsed.data, frame[4], params, startedAt);
  }

  private run(
    id: number,
    method: string,
    spec: MethodSpec,
    service: ServiceFunction,
    args: unknown,
    requestedTimeout: unknown,
    params: unknown,
    startedAt: number,
  ): void {
    const timeoutMs = this.deadline(spec, requestedTimeout);
    const pending = new Pending(method, params, startedAt, timeoutMs, Date.now() + timeoutMs);
    this.pending.set(id, pending);
    this.deadlines.watch(pending.dueAt);
    let outcome: unknown;
    try {
      outcome = (service as (args: unknown, context: CallContext) => unknown)(args, pending);
    } catch (error) {
      this.settle(id, pending, false, error);
      return;
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (value) => this.settle(id, pending, true, value),
        (error) => this.settle(id, pending, false, error),
      );
    } else {
      this.settle(id, pending, true, outcome);
    }
  }

  private deadline(spec: MethodSpec, requested: unknown): number {
    // A caller may shorten a deadline freely, but lengthen it only up to the larger of the cap and
    // the method's own default (a transfer's hour is not cut to the cap).
    const max = Math.max(this.options.maxTimeoutMs ?? 10 * 60_000, spec.timeoutMs);
    if (typeof requested === 'number' && requested > 0 && Number.isFinite(requested))
      return Math.min(requested, max);
    return spec.timeoutMs;
  }

  private settle(id: number, pending: Pending, ok: boolean, value: unknown): void {
    // Only the first outcome counts: a late service result after a timeout or cancel is dropped.
    if (this.pending.get(id) !== pending) return;
    this.pending.delete(id);
    if (!ok) pending.abort(value ?? new JingmaiError('CANCELLED'));
    if (ok) this.reply(id, pending, value);
    else this.fail(id, pending.method, pending.params, pending.startedAt, 'allowed', value);
  }

  private reply(id: number, pending: Pending, value: unknown): void {
    if (!(value instanceof Transfer)) {
      const frame = [FRAME.RESULT, id, value];
      if (!this.batching) return this.postResult(frame, pending);
      this.outFrames.push(frame);
      this.outCalls.push(pending);
      return;
    }
    // Moved buffers leave in their own message, after everything queued before them.
    this.flushOut();
    this.postResult([FRAME.RESULT, id, value.value], pending, value.transfer);
  }

  private postResult(frame: unknown[], pending: Pending, transfer: Transferable[] = []): void {
    try {
      this.port.postMessage(frame, transfer);
    } catch (error) {
      // A service returned something that cannot be cloned: report it as an internal failure.
      return this.fail(
        frame[1] as number,
        pending.method,
        pending.params,
        pending.startedAt,
        'allowed',
        error,
      );
    }
    this.record(frame, pending);
  }

  private record(frame: unknown[], pending: Pending): void {
    this.observer?.({
      id: frame[1] as number,
      method: pending.method,
      params: pending.params,
      decision: 'allowed',
      ok: true,
      result: frame[2],
      startedAt: pending.startedAt,
      durationMs: this.now() - pending.startedAt,
    });
  }

  private send(frame: unknown[]): void {
    if (!this.batching) return this.port.postMessage(frame);
    this.outFrames.push(frame);
    this.outCalls.push(undefined);
  }

  private flushOut(): void {
    const frames = this.outFrames;
    const calls = this.outCalls;
    if (frames.length === 0) return;
    this.outFrames = [];
    this.outCalls = [];
    const alone = (frame: unknown[], index: number) => {
      const call = calls[index];
      if (call) return this.postResult(frame, call);
      try {
        this.port.postMessage(frame);
      } catch (error) {
        // Only an event's payload, from console code, can fail to clone: that is the console's bug to
        // see, not a reason to stop answering the app.
        queueMicrotask(() => {
          throw error;
        });
      }
    };
    if (frames.length === 1) return alone(frames[0] as unknown[], 0);
    if (!postBatch(this.port, frames, alone)) return;
    for (let i = 0; i < frames.length; i++) {
      const call = calls[i];
      if (call) this.record(frames[i] as unknown[], call);
    }
  }

  private refuse(
    id: number,
    method: unknown,
    params: unknown,
    startedAt: number,
    code: JingmaiError['code'],
    message: string,
    details?: Record<string, unknown>,
  ): void {
    const error = new JingmaiError(code, message, details ? { details } : {});
    this.fail(
      id,
      typeof method === 'string' ? method.slice(0, 100) : String(typeof method),
      params,
      startedAt,
      'refused',
      error,
    );
  }

  private fail(
    id: number,
    method: string,
    params: unknown,
    startedAt: number,
    decision: CallRecord['decision'],
    error: unknown,
  ): void {
    if (this.isClosed) return;
    this.send([FRAME.ERROR, id, toWireError(error)]);
    if (this.observer) {
      const typed =
        error instanceof JingmaiError ? error : new JingmaiError('INTERNAL', undefined, { cause: error });
      this.observer({
        id,
        method,
        params,
        decision,
        ok: false,
        error: typed,
        startedAt,
        durationMs: this.now() - startedAt,
      });
    }
  }

  private cancel(id: unknown): void {
    if (typeof id !== 'number') return;
    const pending = this.pending.get(id);
    if (pending)
      this.settle(id, pending, false, new JingmaiError('CANCELLED', 'The app cancelled the call.'));
  }

  private flooded(): void {
    const error = new JingmaiError(
      'RATE_LIMITED',
      'The app sent calls far over its rate limit; the connection was closed.',
      {
        details: { refusedWithinMs: FLOOD_WINDOW_MS, refused: this.limitedInWindow },
      },
    );
    this.close(error);
    this.options.onFlood?.(error);
  }

  private bucket(rate: RateClassName): TokenBucket {
    let bucket = this.buckets.get(rate);
    if (!bucket) {
      bucket = new TokenBucket((this.options.rateClasses ?? RATE_CLASSES)[rate], this.now);
      this.buckets.set(rate, bucket);
    }
    return bucket;
  }

  private beat(heartbeatMs: number): void {
    const silentMs = this.now() - this.lastSeen;
    if (this.responsive && silentMs > 2 * heartbeatMs) this.setResponsive(false, silentMs);
    else if (!this.responsive) this.options.onResponsiveChange?.(false, silentMs);
    this.pingSeq += 1;
    this.send([FRAME.PING, this.pingSeq]);
  }

  private setResponsive(responsive: boolean, silentMs = 0): void {
    this.responsive = responsive;
    this.options.onResponsiveChange?.(responsive, silentMs);
  }
}
