// What the sandbox server tells the console page at start: the platform server, the dev token
// and the apps with the URLs they are served from.
import type { Manifest } from '@jingmai/protocol';

/** An app the sandbox serves. */
export interface AppEntry {
  readonly manifest: Manifest;
  readonly src: string;
}

/** The console's configuration (GET /config.json). */
export interface SandboxConfig {
  readonly platformUrl: string;
  /** Proves the console to the platform server and to the dev endpoints. */
  readonly devToken: string;
  /** Where the seeded Miaosong shop stands. */
  readonly shop: { readonly lat: number; readonly lng: number };
  readonly apps: readonly AppEntry[];
}

export async function loadConfig(): Promise<SandboxConfig> {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`config.json answered ${response.status}`);
  return (await response.json()) as SandboxConfig;
}
