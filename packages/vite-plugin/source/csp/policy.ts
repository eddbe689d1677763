// The Content-Security-Policy of a built app, derived from its manifest: scripts only from the app's
// own origin, network access only to the origins the manifest declares. No 'unsafe-eval' and no
// 'unsafe-inline', so injected or generated code cannot run.
import type { Manifest } from '@jingmai/protocol';

/** The policy as directive name → sources, in the order they are written. */
export function cspDirectives(manifest: Manifest): ReadonlyMap<string, readonly string[]> {
  const origins = manifest.network.origins;
  return new Map<string, readonly string[]>([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['connect-src', ["'self'", ...origins]],
    ['img-src', ["'self'", 'data:', 'blob:', ...origins]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
  ]);
}

/** The policy as the value of a `Content-Security-Policy` header or meta tag. */
export function contentSecurityPolicy(manifest: Manifest): string {
  return [...cspDirectives(manifest)].map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}
