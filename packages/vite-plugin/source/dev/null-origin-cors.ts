// The console loads apps in sandboxed frames without allow-same-origin, so their requests carry
// `Origin: null`; Vite's default CORS rule allows only localhost origins, which blocks module scripts.
// Vite's CORS middleware runs before any plugin middleware, so the rule itself is extended.
import type { CorsOptions } from 'vite';

/** The dev server's CORS option with the `null` origin added to whatever it already allows. */
export function allowNullOrigin(cors: CorsOptions | boolean): CorsOptions | boolean {
  // `false` turns CORS off on purpose; `true` and an absent origin already allow every origin.
  if (typeof cors === 'boolean' || typeof cors.origin === 'boolean' || cors.origin === undefined) return cors;
  const origin = cors.origin;
  if (typeof origin === 'function') {
    return {
      ...cors,
      origin: (requestOrigin, callback) =>
        // Vite types the error as always present; the cors middleware takes null for "no error".
        requestOrigin === 'null'
          ? callback(null as unknown as Error, 'null')
          : origin(requestOrigin, callback),
    };
  }
  return { ...cors, origin: [...(Array.isArray(origin) ? origin : [origin]), 'null'] };
}
