// The apps the sandbox serves: every folder under examples/ with a jingmai.app.json. Each is
// bundled from source with esbuild and served on the app origin, apart from the console.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type Manifest, parseManifest } from '@jingmai/protocol';
import { build } from 'esbuild';

/** An app ready to serve. */
export interface SandboxApp {
  readonly slug: string;
  readonly manifest: Manifest;
  readonly files: Map<string, { body: string | Uint8Array; type: string }>;
}

/** Finds, validates and bundles the apps under `examplesDir`. Invalid manifests are reported, not served. */
export async function loadApps(examplesDir: string): Promise<SandboxApp[]> {
  const apps: SandboxApp[] = [];
  for (const slug of readdirSync(examplesDir).sort()) {
    const dir = join(examplesDir, slug);
    const manifestPath = join(dir, MANIFEST_FILE);
    if (!existsSync(manifestPath)) continue;
    const parsed = parseManifest(readFileSync(manifestPath, 'utf8'));
    if (!parsed.ok) {
      console.error(`✖ ${slug}/${MANIFEST_FILE}:`);
      for (const issue of parsed.errors)
        console.error(`    ${issue.path || '(manifest)'}: ${issue.problem}. ${issue.fix}`);
      continue;
    }
    const bundle = await build({
      entryPoints: [join(dir, 'source/main.ts')],
      bundle: true,
      minify: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      sourcemap: 'inline',
      logLevel: 'error',
    });
    apps.push({
      slug,
      manifest: parsed.manifest,
      files: new Map([
        [
          `/${slug}/`,
          { body: readFileSync(join(dir, 'index.html'), 'utf8'), type: 'text/html; charset=utf-8' },
        ],
        [
          `/${slug}/main.js`,
          { body: bundle.outputFiles[0]?.contents ?? '', type: 'text/javascript; charset=utf-8' },
        ],
      ]),
    });
  }
  return apps;
}
