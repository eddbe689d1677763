// The Vite plugin: the manifest is checked before anything is bundled, then shipped in the output
// with its CSP in index.html, and the build fails when the scripts outgrow the budget.
import { resolve } from 'node:path';
import { MANIFEST_FILE, type Manifest } from '@jingmai/protocol';
import type { CorsOptions, HtmlTagDescriptor, Plugin, ResolvedConfig } from 'vite';
import { DEFAULT_BUDGET_BYTES, describeBudget, measureScripts } from './budget/measure.js';
import { contentSecurityPolicy } from './csp/policy.js';
import { resolveStorageOrigins } from './csp/storage-origins.js';
import { allowNullOrigin } from './dev/null-origin-cors.js';
import { loadManifest, ManifestError } from './manifest/load.js';

/** Options of {@link jingmai}. */
export interface JingmaiOptions {
  /** Path of the manifest, relative to Vite's root. Default: `jingmai.app.json`. */
  readonly manifest?: string;
  /** Most bytes of JavaScript the app may ship, minified and gzipped, all scripts together. Default: 100 KiB. */
  readonly budgetBytes?: number;
  /**
   * Origins the console's presigned storage URLs point at, allowed in the CSP's img-src and
   * connect-src when the manifest holds a storage scope. Default: the comma-separated origins in
   * the `JINGMAI_STORAGE_ORIGINS` environment variable, else none.
   */
  readonly storageOrigins?: readonly string[];
}

/** What the plugin tells other tools (the CLI reads the budget from the app's Vite config). */
export interface JingmaiPluginApi {
  readonly budgetBytes: number;
  /** The storage origins the CSP allows (checked). */
  readonly storageOrigins: readonly string[];
  /** Absolute path of the manifest, known once the config is resolved. */
  readonly manifestFile: string | undefined;
}

/** The name the plugin registers under. */
export const PLUGIN_NAME = 'jingmai';

/** The Jingmai plugin for Vite. */
export function jingmai(options: JingmaiOptions = {}): Plugin<JingmaiPluginApi> {
  const budgetBytes = options.budgetBytes ?? DEFAULT_BUDGET_BYTES;
  if (!Number.isSafeInteger(budgetBytes) || budgetBytes <= 0) {
    throw new TypeError(
      `jingmai({ budgetBytes }) must be a positive whole number of bytes, not ${budgetBytes}`,
    );
  }
  const storageOrigins = resolveStorageOrigins(options.storageOrigins);
  let config: ResolvedConfig | undefined;
  let manifestFile: string | undefined;
  let manifest: Manifest | undefined;

  return {
    name: PLUGIN_NAME,
    api: {
      budgetBytes,
      storageOrigins,
      get manifestFile() {
        return manifestFile;
      },
    },
    // The console loads the app from its manifest's entry URL, which may have a path.
    config: (userConfig) => (userConfig.base === undefined ? { base: './' } : undefined),
    configResolved(resolved) {
      config = resolved;
      manifestFile = resolve(resolved.root, options.manifest ?? MANIFEST_FILE);
      // Read by the dev and preview servers when they start, after this hook.
      const servers = [resolved.server, resolved.preview] as { cors: CorsOptions | boolean }[];
      for (const server of servers) server.cors = allowNullOrigin(server.cors);
    },
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    async buildStart() {
      if (!manifestFile) return;
      this.addWatchFile(manifestFile);
      try {
        manifest = await loadManifest(manifestFile);
      } catch (error) {
        if (!(error instanceof ManifestError)) throw error;
        // The dev server keeps running so the fix can be seen live; a build stops here.
        if (config?.command === 'serve') config.logger.error(error.message);
        else this.error(error.message);
      }
    },
    transformIndexHtml(_html, context): HtmlTagDescriptor[] {
      // Vite's dev runtime injects inline styles for hot reload, which this policy forbids.
      if (context.server || !manifest) return [];
      const content = contentSecurityPolicy(manifest, { storageOrigins });
      return [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content },
          injectTo: 'head-prepend',
        },
      ];
    },
    generateBundle(_options, bundle) {
      if (!manifest) return;
      this.emitFile({
        type: 'asset',
        fileName: MANIFEST_FILE,
        source: `${JSON.stringify(manifest, null, 2)}\n`,
      });
      const scripts = Object.values(bundle).flatMap((output) =>
        output.type === 'chunk' ? [[output.fileName, output.code] as const] : [],
      );
      const size = measureScripts(scripts);
      if (size.totalGzipBytes > budgetBytes) {
        this.error(
          `${describeBudget(size, budgetBytes)}\nfix: remove or lazy-load large dependencies, or raise jingmai({ budgetBytes }) if the console allows it.`,
        );
      }
    },
  };
}
