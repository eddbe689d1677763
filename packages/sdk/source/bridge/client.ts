// The app's end of the bridge: numbered calls on the private port, each with a deadline, plus
// events and liveness. Every pending call ends: with its result, its error, its deadline, or
// DISCONNECTED when the host goes away.
import {
  DeadlineTimer,
  FRAME,
  fromWireError,
  isMethodName,
  JingmaiError,
  MAX_BATCH_FRAMES,
  METHODS,
  postBatch,
} from '@jingmai/protocol/constants';

/** Per-call options. */
export interface CallOptions {
  /** Deadline in milliseconds; defaults to the method's protocol timeout. */
  readonly timeoutMs?: number;
  /** Aborting cancels the call on both sides with CANCELLED. */
  readonly signal?: AbortSignal;
  /** Buffers to move instead of copy. */
  readonly transfer?: Transferable[];
}

interface Pending {
  readonly method: string;
  /** The deadline the caller sees, without the grace. */
  readonly timeoutMs: number;
  readonly dueAt: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: JingmaiError) => void;
  readonly signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
}

type Listener = (payload: never) => void;

// The host's own deadline fires first; this grace only covers a host that stopped answering.
const GRACE_MS = 500;

/** The RPC client on the port the host handed over. */
export class BridgeClient {
  private readonly pending = new Map<number, Pending>();
  private readonly deadlines = new DeadlineTimer(this.pending, (id, pending: Pending) => {
    this.cancel(id);
    this.settle(
      id,
      new JingmaiError('TIMEOUT', `${pending.method} did not finish within ${pending.timeoutMs} ms.`),
    );
  });
  private readonly listeners = new Map<string, Set<Listener>>();
  // Frames sent in one task leave together at its end, as one BATCH message: a burst of calls then costs
  // one message, not one each, and a lone call still leaves as a plain frame.
  private queue: unknown[][] = [];
  private nextId = 1;
  private closedWith: JingmaiError | undefined;
  // Set by every frame and cleared by the watchdog: cheaper per frame than reading the clock.
  private heard = true;
  private silentBeats = 0;
  private readonly watchdog: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly port: MessagePort,
    heartbeatMs: number,
  ) {
    port.onmessage = (event) => this.receive(event.data);
    // The host pings every heartbeatMs; silence for three beats means it is gone.
    if (heartbeatMs > 0) {
      this.watchdog = setInterval(() => {
        this.silentBeats = this.heard ? 0 : this.silentBeats + 1;
        this.heard = false;
        if (this.silentBeats >= 3)
          this.close(new JingmaiError('DISCONNECTED', 'The console stopped answering.'));
      }, heartbeatMs);
    }
  }

  /** Calls a host method. */
  call(method: string, params: unknown, options: CallOptions = {}): Promise<unknown> {
    if (this.closedWith) return Promise.reject(this.closedWith);
    const { signal, timeoutMs } = options;
    if (signal?.aborted) return Promise.reject(new JingmaiError('CANCELLED', 'The call was aborted.'));
    const id = this.nextId++;
    const deadline = timeoutMs ?? (isMethodName(method) ? METHODS[method].timeoutMs : 10_000);
    return new Promise((resolve, reject) => {
      const dueAt = Date.now() + deadline + GRACE_MS;
      const pending: Pending = {
        method,
        timeoutMs: deadline,
        dueAt,
        resolve,
        reject,
        signal,
        onAbort: undefined,
      };
      if (signal) {
        pending.onAbort = () => {
          this.cancel(id);
          this.settle(id, new JingmaiError('CANCELLED', 'The call was aborted.'));
        };
        signal.addEventListener('abort', pending.onAbort, { once: true });
      }
      this.pending.set(id, pending);
      this.deadlines.watch(dueAt);
      const frame =
        timeoutMs === undefined
          ? [FRAME.CALL, id, method, params]
          : [FRAME.CALL, id, method, params, timeoutMs];
      if (options.transfer?.length) {
        // Moved buffers go with their own message, after everything queued before them.
        this.flush();
        this.post(frame, options.transfer);
      } else this.send(frame);
    });
  }

  private send(frame: unknown[]): void {
    if (this.queue.push(frame) === 1) queueMicrotask(this.flush);
  }

  private readonly flush = (): void => {
    const frames = this.queue;
    if (frames.length === 0 || this.closedWith) return;
    this.queue = [];
    if (frames.length === 1) return this.post(frames[0] as unknown[]);
    for (let start = 0; start < frames.length; start += MAX_BATCH_FRAMES) {
      postBatch(this.port, frames.slice(start, start + MAX_BATCH_FRAMES), (frame) => this.post(frame));
    }
  };

  private post(frame: unknown[], transfer: Transferable[] = []): void {
    try {
      this.port.postMessage(frame, transfer);
    } catch (error) {
      if (frame[0] !== FRAME.CALL) throw error;
      this.settle(
        frame[1],
        new JingmaiError('INVALID_ARGUMENT', 'The arguments cannot be sent (not cloneable).', {
          cause: error,
        }),
      );
    }
  }

  /** Subscribes to a host event; returns the function that unsubscribes. */
  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Ends the connection; pending calls fail with `reason`. */
  close(reason = new JingmaiError('DISCONNECTED', 'The app closed the connection.')): void {
    if (this.closedWith) return;
    this.closedWith = reason;
    clearInterval(this.watchdog);
    for (const id of [...this.pending.keys()]) this.settle(id, reason);
    this.deadlines.stop();
    this.port.onmessage = null;
    this.port.close();
    this.dispatch('disconnect', reason);
  }

  /** Why the connection ended, once it has. */
  get closedReason(): JingmaiError | undefined {
    return this.closedWith;
  }

  private receive(frame: unknown): void {
    this.heard = true;
    if (!Array.isArray(frame)) return;
    switch (frame[0]) {
      case FRAME.BATCH:
        // The host answers a batch of calls with one.
        if (Array.isArray(frame[1])) for (const inner of frame[1]) this.receive(inner);
        return;
      case FRAME.RESULT:
        return this.settle(frame[1], undefined, frame[2]);
      case FRAME.ERROR:
        return this.settle(frame[1], fromWireError(frame[2]));
      case FRAME.EVENT:
        return this.dispatch(frame[1], frame[2]);
      case FRAME.PING:
        return this.send([FRAME.PONG, frame[1]]);
      case FRAME.CLOSE:
        return this.close(fromWireError(frame[1]));
    }
  }

  private settle(id: unknown, error: JingmaiError | undefined, value?: unknown): void {
    const pending = this.pending.get(id as number);
    if (!pending) return;
    this.pending.delete(id as number);
    if (pending.onAbort) pending.signal?.removeEventListener('abort', pending.onAbort);
    if (error) pending.reject(error);
    else pending.resolve(value);
  }

  private cancel(id: number): void {
    if (!this.closedWith) this.send([FRAME.CANCEL, id]);
  }

  private dispatch(event: string, payload: unknown): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as (payload: unknown) => void)(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
