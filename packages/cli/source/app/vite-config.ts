// The app's Vite config as the build will see it: where it writes, and the budget its jingmai()
// plugin sets. Apps without a config, or without the plugin in it, get the plugin's defaults.
import { resolve } from 'node:path';
import {
  DEFAULT_BUDGET_BYTES,
  type JingmaiPluginApi,
  jingmai,
  PLUGIN_NAME,
  resolveStorageOrigins,
} from '@jingmai/vite-plugin';
import { type InlineConfig, type Plugin, resolveConfig } from 'vite';
import { CliError } from '../cli/errors.js';

/** What the CLI needs from an app's Vite config. */
export interface AppViteConfig {
  readonly root: string;
  /** Absolute path of the build output. */
  readonly outDir: string;
  readonly budgetBytes: number;
  /** The storage origins its CSP allows. */
  readonly storageOrigins: readonly string[];
  /** Whether the config already lists jingmai(). */
  readonly hasPlugin: boolean;
}

/** Loads and resolves the Vite config of the app at `root` for a production build. */
export async function resolveAppViteConfig(root: string): Promise<AppViteConfig> {
  let config: Awaited<ReturnType<typeof resolveConfig>>;
  try {
    config = await resolveConfig({ root, logLevel: 'silent' }, 'build', 'production');
  } catch (error) {
    throw new CliError(
      `the Vite config of ${root} could not be loaded: ${(error as Error).message}`,
      'Fix vite.config.ts (or remove it: the CLI builds with jingmai() alone).',
    );
  }
  const plugin = config.plugins.find((candidate) => candidate.name === PLUGIN_NAME) as
    | Plugin<JingmaiPluginApi>
    | undefined;
  return {
    root: config.root,
    outDir: resolve(config.root, config.build.outDir),
    budgetBytes: plugin?.api?.budgetBytes ?? DEFAULT_BUDGET_BYTES,
    storageOrigins: plugin?.api?.storageOrigins ?? resolveStorageOrigins(undefined),
    hasPlugin: plugin !== undefined,
  };
}

/** The inline config for building the app: its own config, plus jingmai() when it lacks it. */
export function buildConfig(app: AppViteConfig): InlineConfig {
  return { root: app.root, logLevel: 'warn', plugins: app.hasPlugin ? [] : [jingmai()] };
}
