// `jingmai build` as a function: a production Vite build with the jingmai() plugin, then the size
// of what it wrote against the budget.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE } from '@jingmai/protocol';
import { type BundleSize, loadManifest, ManifestError, measureScripts } from '@jingmai/vite-plugin';
import { build } from 'vite';
import { buildConfig, resolveAppViteConfig } from '../app/vite-config.js';
import { CliError } from '../cli/errors.js';
import { type Progress, silentProgress } from '../cli/progress.js';
import { listFiles } from '../files/list-files.js';

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** The app's root folder (holding jingmai.app.json). */
  readonly root: string;
  readonly progress?: Progress;
}

/** What a build wrote. */
export interface BuildAppResult {
  /** Absolute path of the build output. */
  readonly outDir: string;
  /** The files written, relative to `outDir`, sorted. */
  readonly files: readonly string[];
  readonly bundle: BundleSize;
  readonly budgetBytes: number;
}

/** Builds the app for production; throws a {@link CliError} naming the fix when the build fails. */
export async function buildApp(options: BuildAppOptions): Promise<BuildAppResult> {
  const progress = options.progress ?? silentProgress;
  const app = await progress.step('Reading the Vite config', () => resolveAppViteConfig(options.root));
  // The plugin would fail the build on the same problems; checked here, they read without a stack.
  try {
    await loadManifest(join(app.root, MANIFEST_FILE));
  } catch (error) {
    if (!(error instanceof ManifestError)) throw error;
    throw new CliError(error.message, `Fix each field as its fix says, then run "jingmai build" again.`);
  }
  await progress.step('Building with Vite', async () => {
    try {
      await build(buildConfig(app));
    } catch (error) {
      throw new CliError(
        `the build failed: ${withoutStack((error as Error).message)}`,
        'Fix the problems above (each says how) and run "jingmai build" again.',
      );
    }
  });
  const files = await listFiles(app.outDir);
  return {
    outDir: app.outDir,
    files,
    bundle: await measureBuiltScripts(app.outDir, files),
    budgetBytes: app.budgetBytes,
  };
}

// Rolldown puts the stacks of plugin errors into the message; the user needs the message only.
function withoutStack(message: string): string {
  return message
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n');
}

/** Sizes of the JavaScript files among `files` in `outDir`. */
export async function measureBuiltScripts(outDir: string, files: readonly string[]): Promise<BundleSize> {
  const scripts = files.filter((file) => /\.m?js$/.test(file));
  return measureScripts(
    await Promise.all(scripts.map(async (file) => [file, await readFile(join(outDir, file))] as const)),
  );
}
