// Protocol versions are whole numbers. A version adds or changes methods, events or wire shapes;
// both sides list the versions they speak and use the highest one they share.

/** The protocol version this package describes. */
export const PROTOCOL_VERSION = 1;

/** Every protocol version this package can speak, newest first. */
export const SUPPORTED_PROTOCOL_VERSIONS: readonly number[] = [1];

/**
 * The negotiation rule both sides use: the highest version present in both lists,
 * or `null` when they share none (the host then refuses with UNSUPPORTED_VERSION).
 */
export function negotiateVersion(host: readonly number[], app: readonly number[]): number | null {
  let best: number | null = null;
  for (const version of app) {
    if (Number.isInteger(version) && host.includes(version) && (best === null || version > best))
      best = version;
  }
  return best;
}
