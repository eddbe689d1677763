// One mounted app: its frame, its handshakes, its current bridge session and its lifecycle.
// A reload or navigation inside the frame ends in a new hello; the handle then binds a new
// session and the old one's running calls fail with DISCONNECTED.
import {
  BRIDGE_METHODS,
  type Context,
  EVENTS,
  type EventName,
  type EventPayload,
  JingmaiError,
  type Manifest,
  negotiateVersion,
  type RateClass,
  type RateClassName,
  type Scope,
  SUPPORTED_PROTOCOL_VERSIONS,
  toWireError,
  WELCOME,
  type Welcome,
} from '@jingmai/protocol';
import type { HandshakeListener } from '../bridge/handshake.js';
import { TokenBucket } from '../bridge/rate-limit.js';
import { BridgeSession, type CallRecord, type ServiceFunction } from '../bridge/session.js';
import { clampHeight, createAppFrame, type FramePermission } from './frame.js';

/** Lifecycle events of a mounted app, with their payloads. */
export interface AppHandleEvents {
  loading: undefined;
  ready: { version: number };
  error: JingmaiError;
  unresponsive: { silentMs: number };
  responsive: undefined;
  crashed: { silentMs: number };
  unmounted: undefined;
  title: string;
  busy: boolean;
  resize: number;
  call: CallRecord;
}

/** What the host gives a handle to build its session. */
export interface HandleEnvironment {
  readonly document: Document;
  readonly handshakes: HandshakeListener;
  readonly services: (handle: AppHandle) => Readonly<Record<string, ServiceFunction>>;
  readonly context: (handle: AppHandle) => Context;
  readonly heartbeatMs: number;
  readonly crashAfterMs: number;
  readonly loadTimeoutMs: number;
  readonly rateClasses?: Readonly<Record<RateClassName, RateClass>>;
  readonly onUnmount: (handle: AppHandle) => void;
}

type Listener<T> = (payload: T) => void;

// A frame that says hello in a loop gets at most this many sessions in a burst.
const HELLO_RATE: RateClass = { perSecond: 1, burst: 10 };

/** The console's handle on one mounted app. */
export class AppHandle {
  /** Resolves on the first completed handshake. */
  readonly ready: Promise<{ version: number }>;
  readonly frame: HTMLIFrameElement;
  private readonly listeners = new Map<keyof AppHandleEvents, Set<Listener<never>>>();
  private readonly helloBucket: TokenBucket;
  private session: BridgeSession | undefined;
  private granted: Set<Scope>;
  private unregister: (() => void) | undefined;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private settleReady: {
    resolve: (value: { version: number }) => void;
    reject: (error: JingmaiError) => void;
  };
  private currentTitle = '';
  private mounted = true;
  private versionInUse: number | null = null;

  constructor(
    readonly manifest: Manifest,
    private readonly src: URL,
    grants: readonly Scope[],
    frameGrants: readonly FramePermission[],
    container: Element,
    private readonly env: HandleEnvironment,
  ) {
    this.granted = this.effectiveScopes(grants);
    this.helloBucket = new TokenBucket(HELLO_RATE, () => performance.now());
    let settle!: AppHandle['settleReady'];
    this.ready = new Promise((resolve, reject) => {
      settle = { resolve, reject };
    });
    // A console that never awaits `ready` must not see an unhandled rejection.
    this.ready.catch(() => {});
    this.settleReady = settle;
    this.frame = createAppFrame(env.document, manifest, src, frameGrants);
    this.frame.addEventListener('load', this.onFrameLoad);
    container.append(this.frame);
    const contentWindow = this.frame.contentWindow;
    if (contentWindow)
      this.unregister = env.handshakes.register(contentWindow, (hello, source) =>
        this.onHello(hello.versions, source),
      );
    this.emit('loading', undefined);
  }

  /** The app id from the manifest. */
  get appId(): string {
    return this.manifest.id;
  }

  /** Scopes the app holds now: requested in its manifest and granted by the console. */
  get scopes(): Scope[] {
    return [...this.granted];
  }

  /** The protocol version of the current session, once connected. */
  get version(): number | null {
    return this.versionInUse;
  }

  /** The title the app last set. */
  get title(): string {
    return this.currentTitle;
  }

  /** Whether the app is still mounted. */
  get isMounted(): boolean {
    return this.mounted;
  }

  /** Subscribes to a lifecycle event; returns the function that unsubscribes. */
  on<E extends keyof AppHandleEvents>(event: E, listener: Listener<AppHandleEvents[E]>): () => void {
    let set = this.listeners.get(event);
    if (!set) {
      set = new Set();
      this.listeners.set(event, set);
    }
    set.add(listener as Listener<never>);
    if (event === 'call') this.session?.observeCalls(this.emitCall);
    return () => {
      set.delete(listener as Listener<never>);
      // With no inspector listening, the session builds no call records at all.
      if (event === 'call' && set.size === 0) this.session?.observeCalls(undefined);
    };
  }

  /** Changes the granted scopes live: later calls and events follow the new grants. */
  setGrants(grants: readonly Scope[]): void {
    this.granted = this.effectiveScopes(grants);
    this.session?.setScopes(this.granted);
    this.session?.emit('scopes', { scopes: [...this.granted] });
  }

  /** Sends an event to the app when it holds the event's scope. Returns whether it was sent. */
  send<E extends EventName>(event: E, payload: EventPayload<E>): boolean {
    return this.session?.emit(event, payload) ?? false;
  }

  /** Reloads the app page; running calls fail with DISCONNECTED and a new handshake follows. */
  reload(): void {
    if (!this.mounted) return;
    this.endSession('The app is reloading.');
    this.emit('loading', undefined);
    this.frame.src = this.src.href;
  }

  /** Removes the app: its frame, listeners, port and timers. */
  unmount(): void {
    if (!this.mounted) return;
    this.mounted = false;
    this.endSession('The app was unmounted.');
    clearTimeout(this.loadTimer);
    this.unregister?.();
    this.frame.removeEventListener('load', this.onFrameLoad);
    this.frame.remove();
    this.settleReady.reject(new JingmaiError('DISCONNECTED', 'The app was unmounted before it connected.'));
    this.env.onUnmount(this);
    this.emit('unmounted', undefined);
    this.listeners.clear();
  }

  /** Called by the host's services. */
  setTitle(title: string): void {
    this.currentTitle = title;
    this.emit('title', title);
  }

  /** Called by the host's services. */
  setBusy(busy: boolean): void {
    this.emit('busy', busy);
  }

  /** Called by the host's services: sets the frame height within the manifest's bounds. */
  resize(height: number): number {
    const clamped = clampHeight(this.manifest, height);
    this.frame.style.height = `${clamped}px`;
    this.emit('resize', clamped);
    return clamped;
  }

  private effectiveScopes(grants: readonly Scope[]): Set<Scope> {
    const requested = new Set(this.manifest.scopes.map((request) => request.scope));
    return new Set(grants.filter((scope) => requested.has(scope)));
  }

  private readonly emitCall = (record: CallRecord): void => this.emit('call', record);

  private readonly onFrameLoad = (): void => {
    // The page loaded; a hello must follow soon, or the app is not a Jingmai app.
    clearTimeout(this.loadTimer);
    if (this.session) return;
    this.loadTimer = setTimeout(() => {
      if (!this.session && this.mounted) {
        this.fail(
          new JingmaiError(
            'TIMEOUT',
            `The app did not connect within ${this.env.loadTimeoutMs} ms of loading.`,
          ),
        );
      }
    }, this.env.loadTimeoutMs);
  };

  private onHello(versions: readonly number[], source: Window): void {
    if (!this.mounted || this.helloBucket.take() > 0) return;
    clearTimeout(this.loadTimer);
    const version = negotiateVersion(SUPPORTED_PROTOCOL_VERSIONS, versions);
    this.endSession('The app reloaded or navigated.');
    const context = this.granted.has('context:read') ? this.env.context(this) : null;
    if (version === null) {
      const error = new JingmaiError(
        'UNSUPPORTED_VERSION',
        'The app and the console share no protocol version.',
        {
          details: { host: [...SUPPORTED_PROTOCOL_VERSIONS], app: [...versions] },
        },
      );
      const refusal: Welcome = {
        type: WELCOME,
        version: SUPPORTED_PROTOCOL_VERSIONS[0] ?? 1,
        appId: this.appId,
        scopes: [],
        context: null,
        heartbeatMs: this.env.heartbeatMs,
        error: toWireError(error),
      };
      source.postMessage(refusal, '*');
      this.fail(error);
      return;
    }
    const channel = new MessageChannel();
    let silentSince = 0;
    this.session = new BridgeSession(channel.port1, {
      methods: BRIDGE_METHODS,
      events: EVENTS,
      services: this.env.services(this),
      scopes: this.granted,
      heartbeatMs: this.env.heartbeatMs,
      ...(this.env.rateClasses ? { rateClasses: this.env.rateClasses } : {}),
      ...(this.listeners.get('call')?.size ? { onCall: this.emitCall } : {}),
      onFlood: (error) => this.emit('error', error),
      onResponsiveChange: (responsive, silentMs) => {
        if (responsive) {
          silentSince = 0;
          this.emit('responsive', undefined);
        } else if (silentSince === 0) {
          silentSince = silentMs;
          this.emit('unresponsive', { silentMs });
        } else if (silentMs >= this.env.crashAfterMs) {
          this.emit('crashed', { silentMs });
          this.endSession('The app stopped answering.');
        }
      },
    });
    this.versionInUse = version;
    const welcome: Welcome = {
      type: WELCOME,
      version,
      appId: this.appId,
      scopes: [...this.granted],
      context,
      heartbeatMs: this.env.heartbeatMs,
    };
    source.postMessage(welcome, '*', [channel.port2]);
    this.settleReady.resolve({ version });
    this.emit('ready', { version });
  }

  private endSession(why: string): void {
    this.session?.close(new JingmaiError('DISCONNECTED', why));
    this.session = undefined;
  }

  private fail(error: JingmaiError): void {
    this.settleReady.reject(error);
    this.emit('error', error);
  }

  private emit<E extends keyof AppHandleEvents>(event: E, payload: AppHandleEvents[E]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      try {
        (listener as Listener<AppHandleEvents[E]>)(payload);
      } catch (error) {
        // A console listener's bug must not break the bridge; surface it without rethrowing.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
