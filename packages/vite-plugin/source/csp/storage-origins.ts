// Where the console's storage serves presigned URLs depends on the deployment (the sandbox's OSS
// shim, JD Cloud OSS, a MinIO cluster), so the build takes it from the plugin option or from the
// environment. Each entry must be a bare http(s) origin: a path or a wildcard in a CSP source would
// widen or break the policy without saying so.

/** The environment variable read when the plugin option is absent: origins separated by commas. */
export const STORAGE_ORIGINS_ENV = 'JINGMAI_STORAGE_ORIGINS';

// A DNS name or an IP literal: URL() lets `*` through, which CSP would read as a wildcard.
const HOST = /^([a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/;

/** The storage origins to allow, checked: from `option`, else from the environment. */
export function resolveStorageOrigins(
  option: readonly string[] | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): readonly string[] {
  const from = option ? 'jingmai({ storageOrigins })' : STORAGE_ORIGINS_ENV;
  const entries =
    option ??
    (env[STORAGE_ORIGINS_ENV] ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  return entries.map((entry) => {
    let url: URL | undefined;
    try {
      url = new URL(entry);
    } catch {
      url = undefined;
    }
    if (
      !url ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      !HOST.test(url.hostname) ||
      url.origin !== entry.replace(/\/$/, '')
    ) {
      throw new TypeError(
        `${from}: "${entry}" is not an origin; write scheme, host and port only, e.g. https://oss.example.com`,
      );
    }
    return url.origin;
  });
}
