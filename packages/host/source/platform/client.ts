// The console's calls to its own platform server. Only the server holds secrets; the host asks
// it for what an app may have (a session token) and passes that on.
import { fromWireError, JingmaiError } from '@jingmai/protocol';

/** What the host needs from the platform server. */
export interface PlatformClient {
  sessionToken(appId: string, signal?: AbortSignal): Promise<{ token: string; expiresAt: number }>;
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
  return {
    async sessionToken(appId, signal) {
      let response: Response;
      try {
        response = await request(`${base}/v1/apps/${encodeURIComponent(appId)}/session-token`, {
          method: 'POST',
          credentials: 'include',
          headers: { 'content-type': 'application/json', ...options.headers?.() },
          body: '{}',
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        throw new JingmaiError('UNAVAILABLE', 'The platform server is unreachable.', { cause: error });
      }
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const wire =
          typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
        throw wire
          ? fromWireError(wire)
          : new JingmaiError('UNAVAILABLE', `Platform server answered ${response.status}.`);
      }
      const { token, expiresAt } = (body ?? {}) as { token?: unknown; expiresAt?: unknown };
      if (typeof token !== 'string' || typeof expiresAt !== 'number') {
        throw new JingmaiError('UNAVAILABLE', 'The platform server sent a malformed session token.');
      }
      return { token, expiresAt };
    },
  };
}
