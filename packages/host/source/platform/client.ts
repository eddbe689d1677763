// The console's calls to its own platform server. Only the server holds secrets; the host asks
// it for what an app may have (a session token, presigned URLs) and passes that on.
import {
  fromWireError,
  JingmaiError,
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

/** What the host needs from the platform server. */
export interface PlatformClient {
  sessionToken(appId: string, signal?: AbortSignal): Promise<{ token: string; expiresAt: number }>;
  storage<R extends PlatformStorageRoute>(
    appId: string,
    route: R,
    request: PlatformStorageRequest<R>,
    signal?: AbortSignal,
  ): Promise<PlatformStorageResults[R]>;
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
  };
}
