// The Content-Security-Policy of a built app, derived from its manifest: scripts only from the app's
// own origin, network access only to the origins the manifest declares, plus the console's storage
// origin for an app holding a storage scope (its presigned URLs go in <img src> and fetch). No
// 'unsafe-eval' and no 'unsafe-inline', so injected or generated code cannot run.
import type { Manifest } from '@jingmai/protocol';

/** What the policy needs beside the manifest. */
export interface CspOptions {
  /** Origins the console's presigned storage URLs point at. */
  readonly storageOrigins?: readonly string[];
}

/** The policy as directive name → sources, in the order they are written. */
export function cspDirectives(
  manifest: Manifest,
  options: CspOptions = {},
): ReadonlyMap<string, readonly string[]> {
  const usesStorage = manifest.scopes.some(
    ({ scope }) => scope === 'storage:read' || scope === 'storage:write',
  );
  const storage = usesStorage ? (options.storageOrigins ?? []) : [];
  const origins = [...new Set([...manifest.network.origins, ...storage])];
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
export function contentSecurityPolicy(manifest: Manifest, options: CspOptions = {}): string {
  return [...cspDirectives(manifest, options)]
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}
