// The e2e console page: a host with two apps side by side, instrumented so tests can check that
// unmounting leaves no listeners or timers behind.
import { type AppHandle, createHost, createPlatformClient } from '@jingmai/host';
import type { Scope } from '@jingmai/protocol';

const counts = { messageListeners: 0, intervals: 0 };
const liveIntervals = new Set<number>();
const addListener = window.addEventListener.bind(window);
const removeListener = window.removeEventListener.bind(window);
window.addEventListener = ((
  type: string,
  listener: EventListener,
  options?: boolean | AddEventListenerOptions,
) => {
  if (type === 'message') counts.messageListeners += 1;
  addListener(type, listener, options);
}) as typeof window.addEventListener;
window.removeEventListener = ((
  type: string,
  listener: EventListener,
  options?: boolean | EventListenerOptions,
) => {
  if (type === 'message') counts.messageListeners -= 1;
  removeListener(type, listener, options);
}) as typeof window.removeEventListener;
const setInterval_ = window.setInterval.bind(window);
const clearInterval_ = window.clearInterval.bind(window);
window.setInterval = ((handler: TimerHandler, ms?: number) => {
  const id = setInterval_(handler, ms);
  liveIntervals.add(id);
  return id;
}) as typeof window.setInterval;
window.clearInterval = ((id?: number) => {
  if (id !== undefined) liveIntervals.delete(id);
  clearInterval_(id);
}) as typeof window.clearInterval;

const query = new URLSearchParams(location.search);
const platformUrl = query.get('platform') ?? '';
const events: { app: string; event: string; detail?: unknown }[] = [];

const host = createHost({
  context: {
    shop: { id: 'shop-1', name: '京麦测试店' },
    user: { id: 'user-1', role: 'owner' },
    locale: 'zh-CN',
    theme: 'light',
  },
  platform: createPlatformClient({
    baseUrl: platformUrl,
    headers: () => ({
      authorization: 'Bearer e2e-dev-token',
      'x-jingmai-shop': host.context.shop.id,
      'x-jingmai-user': host.context.user.id,
      'x-jingmai-role': host.context.user.role,
    }),
  }),
  heartbeatMs: Number(query.get('heartbeat') ?? 500),
  crashAfterMs: Number(query.get('crashAfter') ?? 30_000),
  loadTimeoutMs: Number(query.get('loadTimeout') ?? 15_000),
});

const ALL: Scope[] = [
  'ui',
  'context:read',
  'auth:session',
  'storage:read',
  'storage:write',
  'delivery:read',
  'delivery:write',
];

function manifest(id: string, entry: string, scopes: Scope[]) {
  return {
    id,
    name: id.split('.').pop() ?? id,
    version: '1.0.0',
    entry,
    scopes: scopes.map((scope) => ({ scope, purpose: `End-to-end test of the ${scope} scope.` })),
    ui: { height: { default: 200, min: 100, max: 600 } },
    protocol: { versions: [1] },
  };
}

function mount(slot: string, id: string, src: string, grants: Scope[] = ALL): AppHandle {
  const container = document.createElement('section');
  container.id = slot;
  document.getElementById('apps')?.append(container);
  const handle = host.mount(container, { manifest: manifest(id, src, ALL), grants });
  for (const event of [
    'loading',
    'ready',
    'error',
    'unresponsive',
    'responsive',
    'crashed',
    'unmounted',
    'title',
    'busy',
    'resize',
  ] as const) {
    handle.on(event, (detail) =>
      events.push({
        app: id,
        event,
        detail: detail instanceof Error ? { code: (detail as { code: string }).code } : detail,
      }),
    );
  }
  return handle;
}

const pageA = query.get('pageA') ?? 'app.html';
const pageB = query.get('pageB') ?? 'app.html';
const grantsA = (query.get('grantsA')?.split(',').filter(Boolean) as Scope[] | undefined) ?? ALL;
const handles = [
  mount('slot-a', 'com.example.alpha', `${query.get('appA')}/${pageA}`, grantsA),
  mount('slot-b', 'com.example.beta', `${query.get('appB')}/${pageB}`),
];

Object.assign(window, {
  e2e: {
    host,
    handles,
    events,
    counts,
    liveIntervals: () => liveIntervals.size,
    mount,
    manifest,
  },
});
