// `@jingmai/sdk/testing`: an in-process host for an app's unit tests. It runs the host's own
// bridge session (same scope, rate, size and schema checks) over a MessageChannel, so a test can
// call every method and receive every event without a browser or an iframe.
import {
  BridgeSession,
  type CallContext,
  type CallRecord,
  type ServiceFunction,
} from '@jingmai/host/session';
import {
  BRIDGE_METHODS,
  type Context,
  type DeliveryOrder,
  EVENTS,
  type EventName,
  type EventPayload,
  type MethodArgs,
  type MethodName,
  type MethodResult,
  type ObjectInfo,
  PROTOCOL_VERSION,
  SCOPE_NAMES,
  type Scope,
  WELCOME,
} from '@jingmai/protocol';
import { type App, createApp } from '../app.js';
import { BridgeClient } from '../bridge/client.js';
import { memoryDelivery } from './memory-delivery.js';
import { memoryStorage } from './memory-storage.js';

/** A service of the mock host; replace any of them with `handlers`. */
export type MockHandlers = {
  [M in MethodName]?: (args: MethodArgs<M>, call: CallContext) => MethodResult<M> | Promise<MethodResult<M>>;
};

/** Options of {@link createMockHost}. */
export interface MockHostOptions {
  readonly appId?: string;
  /** Granted scopes (default: all). */
  readonly scopes?: readonly Scope[];
  readonly context?: Partial<Context>;
  readonly handlers?: MockHandlers;
}

/** What the mock host recorded and lets a test do. */
export interface MockHost {
  /** Connects an app to this host. */
  connect(): Promise<App>;
  /** Every call, allowed or refused, in order. */
  readonly calls: readonly CallRecord[];
  /** Stored objects by key (storage.* methods work on this). */
  readonly objects: ReadonlyMap<string, { readonly body: Blob; readonly info: ObjectInfo }>;
  /** Delivery orders by the app's order id. */
  readonly deliveries: ReadonlyMap<string, DeliveryOrder>;
  /** Moves a delivery to `status` (1, 2, 100, 3, 4, ...) and sends the `delivery.status` event. */
  setDeliveryStatus(orderId: string, status: number, rider?: DeliveryOrder['rider']): void;
  /** Toasts shown so far. */
  readonly toasts: readonly MethodArgs<'ui.toast'>[];
  /** The app's current route, title, loading state and height. */
  readonly state: { route: string; title: string; loading: boolean; height: number | null };
  /** Sends an event to the connected apps (when they hold its scope). */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Changes the context and sends the `context` event. */
  setContext(patch: Partial<Context>): void;
  /** Changes the granted scopes live. */
  setGrants(scopes: readonly Scope[]): void;
  /** Ends every session; the apps see DISCONNECTED. */
  close(): void;
}

const DEFAULT_CONTEXT: Context = {
  shop: { id: 'shop-1001', name: '京东测试店铺' },
  user: { id: 'user-1', role: 'owner' },
  locale: 'zh-CN',
  theme: 'light',
  route: '/',
};

/** Creates an in-process host for tests. */
export function createMockHost(options: MockHostOptions = {}): MockHost {
  const appId = options.appId ?? 'com.example.test';
  let scopes = [...(options.scopes ?? SCOPE_NAMES)];
  let context: Context = { ...DEFAULT_CONTEXT, ...options.context };
  const calls: CallRecord[] = [];
  const toasts: MethodArgs<'ui.toast'>[] = [];
  const state = { route: context.route, title: '', loading: false, height: null as number | null };
  const sessions = new Set<BridgeSession>();
  let tokens = 0;
  const delivery = memoryDelivery((order) => {
    for (const session of sessions) session.emit('delivery.status', order);
  });
  const storage = memoryStorage((progressId, loaded, total) => {
    for (const session of sessions) session.emit('storage.progress', { progressId, loaded, total });
  });

  const defaults: Required<MockHandlers> = {
    'context.get': () => ({ ...context, route: state.route }),
    'ui.toast': (args) => {
      toasts.push(args);
    },
    'ui.confirm': () => true,
    'ui.modal': (args) => ({ action: args.actions[0]?.id ?? null }),
    'ui.navigate': ({ path }) => {
      state.route = path;
    },
    'ui.setTitle': ({ title }) => {
      state.title = title;
    },
    'ui.setLoading': ({ loading }) => {
      state.loading = loading;
    },
    'ui.resize': ({ height }) => {
      state.height = height;
    },
    'auth.sessionToken': () => {
      tokens += 1;
      return { token: `mock.${appId}.${tokens}`, expiresAt: Math.floor(Date.now() / 1000) + 60 };
    },
    ...storage.handlers,
    ...delivery.handlers,
  };
  const services = { ...defaults, ...options.handlers } as unknown as Record<string, ServiceFunction>;

  return {
    async connect() {
      const channel = new MessageChannel();
      const session = new BridgeSession(channel.port1, {
        methods: BRIDGE_METHODS,
        events: EVENTS,
        services,
        scopes,
        onCall: (record) => calls.push(record),
      });
      sessions.add(session);
      const welcome = {
        type: WELCOME,
        version: PROTOCOL_VERSION,
        appId,
        scopes,
        context: scopes.includes('context:read') ? { ...context, route: state.route } : null,
        heartbeatMs: 0,
      } as const;
      return createApp(new BridgeClient(channel.port2, 0), welcome);
    },
    calls,
    objects: storage.objects,
    deliveries: delivery.orders,
    setDeliveryStatus: delivery.setStatus,
    toasts,
    state,
    emit(event, payload) {
      for (const session of sessions) session.emit(event, payload);
    },
    setContext(patch) {
      context = { ...context, ...patch };
      if (patch.route) state.route = patch.route;
      for (const session of sessions) session.emit('context', { ...context, route: state.route });
    },
    setGrants(next) {
      scopes = [...next];
      for (const session of sessions) {
        session.setScopes(scopes);
        session.emit('scopes', { scopes });
      }
    },
    close() {
      for (const session of sessions) session.close();
      sessions.clear();
    },
  };
}
