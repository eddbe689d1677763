// createHost: what the console page calls to embed apps. It owns the one handshake listener, the
// shared context, and the services each app's calls reach once the session has checked them.
import {
  type Context,
  ContextSchema,
  type DeliveryOrder,
  JingmaiError,
  type Manifest,
  parseManifest,
  type RateClass,
  type RateClassName,
  type Scope,
} from '@jingmai/protocol';
import { HandshakeListener } from './bridge/handshake.js';
import type { ServiceFunction } from './bridge/session.js';
import { deliveryServices } from './delivery/services.js';
import { AppHandle } from './mount/app-handle.js';
import { checkAppSource, type FramePermission } from './mount/frame.js';
import { createHistoryNavigation, type HostNavigation } from './navigation/history.js';
import type { PlatformClient } from './platform/client.js';
import type { Services } from './services.js';
import { storageServices } from './storage/services.js';
import { createOverlayUi, type HostUi } from './ui/overlay.js';

/** Context shared by every app on the page; each app adds its own route. */
export type HostContext = Omit<Context, 'route'>;

/** Options of {@link createHost}. */
export interface HostOptions {
  readonly context: HostContext;
  readonly platform: PlatformClient;
  /** Renders toasts and dialogs; defaults to an overlay in the console page. */
  readonly ui?: HostUi;
  /** Records app routes; defaults to the console's `history`. */
  readonly navigation?: HostNavigation;
  /** Interval of liveness pings to each app (default 2000 ms). */
  readonly heartbeatMs?: number;
  /** Silence after which an app counts as crashed and its session ends (default 30 s). */
  readonly crashAfterMs?: number;
  /** How long a loaded page may take to say hello (default 15 s). */
  readonly loadTimeoutMs?: number;
  /** Overrides the protocol's rate classes. */
  readonly rateClasses?: Readonly<Record<RateClassName, RateClass>>;
  readonly window?: Window;
}

/** Options of {@link Host.mount}. */
export interface MountOptions {
  /** The app's manifest, as data or JSON text; it is validated before anything loads. */
  readonly manifest: unknown;
  /** The page to load; defaults to the manifest's entry. Must be on another origin than the console. */
  readonly src?: string;
  /** Scopes the merchant granted; the app holds those its manifest also requests. */
  readonly grants: readonly Scope[];
  /** Frame permissions granted; the app gets those its manifest also asks for. */
  readonly frameGrants?: readonly FramePermission[];
}

/** The console's host runtime. */
export interface Host {
  /** Embeds an app in `container`. Throws INVALID_ARGUMENT for a bad manifest or source. */
  mount(container: Element, options: MountOptions): AppHandle;
  /** Updates the shared context and tells every app holding `context:read`. */
  setContext(context: Partial<HostContext>): void;
  readonly context: HostContext;
  /** Mounted apps. */
  readonly apps: readonly AppHandle[];
  /** Unmounts every app and removes every listener the host added. */
  destroy(): void;
}

/** Creates the host runtime for a console page. */
export function createHost(options: HostOptions): Host {
  const window = options.window ?? globalThis.window;
  const document = window.document;
  const handshakes = new HandshakeListener(window);
  const ui = options.ui ?? createOverlayUi(document);
  const navigation = options.navigation ?? createHistoryNavigation(window);
  const apps = new Set<AppHandle>();
  let shared = options.context;
  const routes = new Map<AppHandle, string>();

  const contextFor = (handle: AppHandle): Context => ({ ...shared, route: routes.get(handle) ?? '/' });

  // Platform events (delivery status) go to the mounted apps they belong to.
  const events = new AbortController();
  options.platform.subscribe((event) => {
    if (event.type !== 'delivery.status') return;
    for (const handle of apps)
      if (handle.appId === event.appId) handle.send('delivery.status', event.payload as DeliveryOrder);
  }, events.signal);

  const stopListening = navigation.listen(() => {
    for (const handle of apps) {
      const path = navigation.current(handle.appId);
      if (path === routes.get(handle)) continue;
      routes.set(handle, path);
      handle.send('route', { path });
      handle.send('context', contextFor(handle));
    }
  });

  function services(handle: AppHandle): Readonly<Record<string, ServiceFunction>> {
    const label = { id: handle.appId, name: handle.manifest.name };
    const table: Services = {
      'context.get': () => contextFor(handle),
      'ui.toast': (args) => ui.toast(label, args),
      'ui.confirm': (args, call) => ui.confirm(label, args, call.signal),
      'ui.modal': (args, call) => ui.modal(label, args, call.signal),
      'ui.navigate': ({ path, replace }) => {
        routes.set(handle, path);
        navigation.push(handle.appId, path, replace ?? false);
        handle.send('context', contextFor(handle));
      },
      'ui.setTitle': ({ title }) => handle.setTitle(title),
      'ui.setLoading': ({ loading }) => handle.setBusy(loading),
      'ui.resize': ({ height }) => {
        handle.resize(height);
      },
      'auth.sessionToken': (_args, call) => options.platform.sessionToken(handle.appId, call.signal),
      ...storageServices(handle, options.platform),
      ...deliveryServices(handle.appId, options.platform),
    };
    return table as unknown as Record<string, ServiceFunction>;
  }

  return {
    mount(container, mountOptions) {
      const parsed = parseManifest(mountOptions.manifest);
      if (!parsed.ok) {
        throw new JingmaiError('INVALID_ARGUMENT', 'The app manifest is invalid.', {
          details: { issues: parsed.errors },
        });
      }
      const manifest: Manifest = parsed.manifest;
      const src = checkAppSource(mountOptions.src ?? manifest.entry, window.location.origin);
      const handle = new AppHandle(
        manifest,
        src,
        mountOptions.grants,
        mountOptions.frameGrants ?? [],
        container,
        {
          document,
          handshakes,
          services,
          context: contextFor,
          heartbeatMs: options.heartbeatMs ?? 2000,
          crashAfterMs: options.crashAfterMs ?? 30_000,
          loadTimeoutMs: options.loadTimeoutMs ?? 15_000,
          ...(options.rateClasses ? { rateClasses: options.rateClasses } : {}),
          onUnmount: (gone) => {
            apps.delete(gone);
            routes.delete(gone);
          },
        },
      );
      routes.set(handle, navigation.current(manifest.id));
      apps.add(handle);
      return handle;
    },
    setContext(patch) {
      const next = { ...shared, ...patch };
      const checked = ContextSchema.omit({ route: true }).safeParse(next);
      if (!checked.success)
        throw new JingmaiError('INVALID_ARGUMENT', 'Invalid context.', {
          details: { issues: checked.error.issues },
        });
      shared = checked.data;
      for (const handle of apps) handle.send('context', contextFor(handle));
    },
    get context() {
      return shared;
    },
    get apps() {
      return [...apps];
    },
    destroy() {
      for (const handle of [...apps]) handle.unmount();
      stopListening();
      events.abort();
      handshakes.dispose();
      if (!options.ui) ui.dispose();
    },
  };
}
