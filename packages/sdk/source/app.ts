// The typed client an app gets from connect(): one object per namespace of the bridge contract.
import type {
  Context,
  EventName,
  EventPayload,
  MethodName,
  MethodParams,
  MethodResult,
  Scope,
  Welcome,
} from '@jingmai/protocol';
import type { JingmaiError } from '@jingmai/protocol/constants';
import type { BridgeClient, CallOptions } from './bridge/client.js';
import { type AppDelivery, createDelivery } from './delivery.js';
import { type AppStorage, createStorage } from './storage.js';

/** Events an app can listen to: the protocol's events plus the end of the connection. */
export type AppEvents = { [E in EventName]: EventPayload<E> } & { disconnect: JingmaiError };

/** Options of {@link App.ui.toast}. */
export type ToastOptions = MethodParams<'ui.toast'>;
/** Options of {@link App.ui.confirm}. */
export type ConfirmOptions = MethodParams<'ui.confirm'>;
/** Options of {@link App.ui.modal}. */
export type ModalOptions = MethodParams<'ui.modal'>;

/** A connected micro-app. */
export interface App {
  readonly appId: string;
  /** The negotiated protocol version. */
  readonly version: number;
  /** The scopes the app holds. */
  readonly scopes: readonly Scope[];
  /** The current context; null without the `context:read` scope. Kept current by `context` events. */
  readonly context: Context | null;
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends keyof AppEvents>(event: E, listener: (payload: AppEvents[E]) => void): () => void;
  /** Calls any method of the contract by name. */
  call<M extends MethodName>(
    method: M,
    params: MethodParams<M>,
    options?: CallOptions,
  ): Promise<MethodResult<M>>;
  readonly ui: {
    toast(options: ToastOptions | string): Promise<void>;
    confirm(options: ConfirmOptions): Promise<boolean>;
    modal(options: ModalOptions): Promise<{ action: string | null }>;
    navigate(path: string, options?: { replace?: boolean }): Promise<void>;
    setTitle(title: string): Promise<void>;
    setLoading(loading: boolean): Promise<void>;
    resize(height: number): Promise<void>;
  };
  readonly auth: {
    /** A short-lived JWT for the app backend; reused until shortly before it expires. */
    sessionToken(options?: { forceRefresh?: boolean }): Promise<string>;
  };
  /** The app's files for the current shop (scopes `storage:read`, `storage:write`). */
  readonly storage: AppStorage;
  /** Miaosong deliveries (scopes `delivery:read`, `delivery:write`). */
  readonly delivery: AppDelivery;
  /** Fetches the context afresh. */
  refreshContext(): Promise<Context>;
  /** Ends the connection. */
  close(): void;
}

// A cached token is renewed this long before it expires, so a backend never sees a stale one.
const TOKEN_MARGIN_MS = 10_000;

/** Builds the {@link App} over a connected client. */
export function createApp(client: BridgeClient, welcome: Welcome): App {
  let context = welcome.context;
  let token: Promise<{ token: string; expiresAt: number }> | undefined;
  const call = <M extends MethodName>(method: M, params: MethodParams<M>, options?: CallOptions) =>
    client.call(method, params, options) as Promise<MethodResult<M>>;
  let scopes = welcome.scopes as Scope[];
  client.on('context', (next: Context) => {
    context = next;
  });
  client.on('scopes', (next: { scopes: Scope[] }) => {
    scopes = next.scopes;
    // A revoked scope ends the cached token at once rather than when it expires.
    if (!scopes.includes('auth:session')) token = undefined;
  });
  return {
    appId: welcome.appId,
    version: welcome.version,
    get scopes() {
      return scopes;
    },
    get context() {
      return context;
    },
    on: (event, listener) => client.on(event, listener),
    call,
    ui: {
      toast: (options) => call('ui.toast', typeof options === 'string' ? { message: options } : options),
      confirm: (options) => call('ui.confirm', options),
      modal: (options) => call('ui.modal', options),
      navigate: (path, options = {}) => call('ui.navigate', { path, ...options }),
      setTitle: (title) => call('ui.setTitle', { title }),
      setLoading: (loading) => call('ui.setLoading', { loading }),
      resize: (height) => call('ui.resize', { height }),
    },
    auth: {
      async sessionToken(options = {}) {
        const current = token && (await token.catch(() => undefined));
        if (!options.forceRefresh && current && current.expiresAt * 1000 - Date.now() > TOKEN_MARGIN_MS)
          return current.token;
        token = call('auth.sessionToken', {});
        return (await token).token;
      },
    },
    storage: createStorage(client),
    delivery: createDelivery(client),
    async refreshContext() {
      context = await call('context.get', {});
      return context;
    },
    close: () => client.close(),
  };
}
