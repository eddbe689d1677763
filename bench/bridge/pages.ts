// Bundles the bench pages from source with esbuild, as the e2e fixture does, and measures what
// each transport adds to an app: its guest module minified and gzipped.
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { TRANSPORTS, type Transport } from './contract.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// zod is @jingmai/host's dependency, not the bench's: resolve it where the host does, so the
// bench's echo schema and the session share one zod.
const hostModules = fileURLToPath(new URL('../../packages/host/node_modules', import.meta.url));

async function bundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [here + entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['source'],
    nodePaths: [hostModules],
  });
  return result.outputFiles[0]?.text ?? '';
}

function html(script: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bridge bench</title></head><body><script>${script}</script></body></html>`;
}

/** Path → HTML of the console page and of the app pages (`/raw.html`, `/ours.html`, ...). */
export async function bundlePages(): Promise<{ console: Map<string, string>; apps: Map<string, string> }> {
  const apps = new Map<string, string>();
  for (const transport of TRANSPORTS)
    apps.set(`/${transport}.html`, html(await bundle(`app-${transport}.ts`)));
  return { console: new Map([['/console.html', html(await bundle('console.ts'))]]), apps };
}

async function gzippedBytes(options: Parameters<typeof build>[0]): Promise<number> {
  const result = await build({
    ...options,
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['source'],
  });
  return gzipSync(result.outputFiles?.[0]?.contents ?? new Uint8Array(), { level: 9 }).byteLength;
}

/** min+gzip bytes of each transport's app end, and of the whole SDK behind `connect()`. */
export async function guestSizes(): Promise<Record<Transport | 'sdk', number>> {
  const sizes = { sdk: 0 } as Record<Transport | 'sdk', number>;
  for (const transport of TRANSPORTS)
    sizes[transport] = await gzippedBytes({ entryPoints: [`${here}guest-${transport}.ts`] });
  sizes.sdk = await gzippedBytes({
    stdin: { contents: "export { connect } from '@jingmai/sdk';", resolveDir: here, loader: 'ts' },
  });
  return sizes;
}
