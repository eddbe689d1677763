// The console's calls to its own platform server. Only the server holds secrets; the host asks
// it for what an app may have (a session token, presigned URLs) and passes that on.
import {
  type DELIVERY_SCHEMAS,
  fromWireError,
  JingmaiError,
  type MethodArgs,
  type MethodResult,
  type MultipartPlan,
  type ObjectInfo,
  type ObjectSummary,
  type PlatformStorageRequest,
  type PlatformStorageRoute,
  type PresignedRequest,
} from '@jingmai/protocol';

/** What each storage route of the platform server answers. */
export interface PlatformStorageResults {
  presignPut: PresignedRequest;
  createMultipart: MultipartPlan;
  completeMultipart: ObjectInfo;
  abortMultipart: Record<string, never>;
  head: ObjectInfo;
  list: { items: ObjectSummary[]; cursor: string | null };
  delete: Record<string, never>;
  presignGet: { url: string; expiresAt: number };
}

/** A delivery method of the contract. */
export type DeliveryMethod = keyof typeof DELIVERY_SCHEMAS;

/** An event the platform server pushes to the console. */
export interface PlatformEvent {
  readonly type: string;
  readonly appId: string;
  readonly payload: unknown;
}

/** What the host needs from the platform server. */
export interface PlatformClient {
  sessionToken(appId: string, signal?: AbortSignal): Promise<{ token: string; expiresAt: number }>;
  storage<R extends PlatformStorageRoute>(
    appId: string,
    route: R,
    request: PlatformStorageRequest<R>,
    signal?: AbortSignal,
  ): Promise<PlatformStorageResults[R]>;
  delivery<M extends DeliveryMethod>(
    appId: string,
    method: M,
    args: MethodArgs<M>,
    signal?: AbortSignal,
  ): Promise<MethodResult<M>>;
  /** Receives the server's events until `signal` aborts; reconnects after failures. */
  subscribe(onEvent: (event: PlatformEvent) => void, signal: AbortSignal): void;
}

/** Options of {@link createPlatformClient}. */
export interface PlatformClientOptions {
  /** The platform server, e.g. "https://console.example.com/platform". */
  readonly baseUrl: string;
  /** Headers proving the console user to the server (cookies are sent too). */
  readonly headers?: () => Record<string, string>;
  readonly fetch?: typeof fetch;
}

/** A {@link PlatformClient} over HTTP. */
export function createPlatformClient(options: PlatformClientOptions): PlatformClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const request = options.fetch ?? ((input, init) => fetch(input, init));

  async function post<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    let response: Response;
    try {
      response = await request(`${base}${path}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json', ...options.headers?.() },
        body: JSON.stringify(body),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw new JingmaiError('UNAVAILABLE', 'The platform server is unreachable.', { cause: error });
    }
    const parsed: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const wire =
        typeof parsed === 'object' && parsed !== null ? (parsed as { error?: unknown }).error : undefined;
      throw wire
        ? fromWireError(wire)
        : new JingmaiError('UNAVAILABLE', `Platform server answered ${response.status}.`);
    }
    if (typeof parsed !== 'object' || parsed === null)
      throw new JingmaiError('UNAVAILABLE', 'The platform server sent a malformed answer.');
    return parsed as T;
  }

  const app = (appId: string) => `/v1/apps/${encodeURIComponent(appId)}`;
  return {
    async sessionToken(appId, signal) {
      const { token, expiresAt } = await post<{ token?: unknown; expiresAt?: unknown }>(
        `${app(appId)}/session-token`,
        {},
        signal,
      );
      if (typeof token !== 'string' || typeof expiresAt !== 'number') {
        throw new JingmaiError('UNAVAILABLE', 'The platform server sent a malformed session token.');
      }
      return { token, expiresAt };
    },
    storage(appId, route, body, signal) {
      return post(`${app(appId)}/storage/${route}`, body, signal);
    },
    delivery(appId, method, args, signal) {
      return post(`${app(appId)}/delivery/${method.slice('delivery.'.length)}`, args, signal);
    },
    subscribe(onEvent, signal) {
      void followEvents(`${base}/v1/events`, () => ({ ...options.headers?.() }), request, onEvent, signal);
    },
  };
}

const RECONNECT_MS = [500, 1000, 2000, 5000, 10_000];

/** Reads a server-sent event stream over fetch (so it can carry headers), reconnecting with backoff. */
async function followEvents(
  url: string,
  headers: () => Record<string, string>,
  request: typeof fetch,
  onEvent: (event: PlatformEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  // Start after the caller's current task: its own setup (the headers it reads) is then complete.
  await Promise.resolve();
  let lastId: string | undefined;
  for (let attempt = 0; !signal.aborted; attempt += 1) {
    try {
      const resume: Record<string, string> = lastId ? { 'last-event-id': lastId } : {};
      const response = await request(url, {
        headers: { ...headers(), ...resume },
        credentials: 'include',
        signal,
      });
      if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
      attempt = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        buffer += chunk.value;
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const frame = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const field = (name: string) =>
            frame.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
          const type = field('event');
          const data = field('data');
          lastId = field('id') ?? lastId;
          if (!type || !data) continue;
          const parsed = JSON.parse(data) as { appId: string; payload: unknown };
          onEvent({ type, appId: parsed.appId, payload: parsed.payload });
        }
      }
    } catch {
      // Dropped or refused: wait and try again (resuming after the last event seen), unless the host is gone.
    }
    if (signal.aborted) return;
    await new Promise((resolve) =>
      setTimeout(resolve, RECONNECT_MS[Math.min(attempt, RECONNECT_MS.length - 1)]),
    );
  }
}
