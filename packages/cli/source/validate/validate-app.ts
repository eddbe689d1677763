// `jingmai validate` as a function: every check over the app's manifest, source and (when built)
// its output, as one list of findings.
import { access, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { contentSecurityPolicy } from '@jingmai/vite-plugin';
import { type AppViteConfig, resolveAppViteConfig } from '../app/vite-config.js';
import { measureBuiltScripts } from '../build/build-app.js';
import { checkBundleSize } from '../checks/bundle-size.js';
import { checkForbiddenCode, isCodeFile } from '../checks/forbidden-code.js';
import { checkHtml } from '../checks/html.js';
import { checkManifest } from '../checks/manifest.js';
import { CliError } from '../cli/errors.js';
import { type Progress, silentProgress } from '../cli/progress.js';
import { listFiles } from '../files/list-files.js';
import type { Finding } from './finding.js';

/** Options of {@link validateApp}. */
export interface ValidateAppOptions {
  /** The app's root folder (holding jingmai.app.json). */
  readonly root: string;
  readonly progress?: Progress;
}

/** The built JavaScript's size against the budget. */
export interface BundleReport {
  readonly totalGzipBytes: number;
  readonly budgetBytes: number;
  readonly scripts: readonly { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
}

/** Everything {@link validateApp} found. */
export interface ValidationReport {
  readonly root: string;
  /** True when there is no error (warnings allowed). */
  readonly ok: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly findings: readonly Finding[];
  /** Present when the app has been built. */
  readonly bundle?: BundleReport;
}

// Tests and tool configs run in Node, not in the console.
const NOT_APP_CODE = /(^|\/)(__tests__\/|[^/]*\.(test|spec)\.[^/]+$|(vite|vitest)\.config\.[^/]+$)/;

/** Validates the app at `root`. */
export async function validateApp(options: ValidateAppOptions): Promise<ValidationReport> {
  const { root } = options;
  const progress = options.progress ?? silentProgress;
  const findings: Finding[] = [];
  const { findings: manifestFindings, manifest } = await checkManifest(root);
  findings.push(...manifestFindings);

  let app: AppViteConfig;
  try {
    app = await progress.step('Reading the Vite config', () => resolveAppViteConfig(root));
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    findings.push({ severity: 'error', rule: 'config/invalid', message: error.message, fix: error.fix });
    return report(root, findings);
  }
  const outDir = relative(root, app.outDir).split('\\').join('/');
  const inOutput = (file: string) => outDir !== '' && file.startsWith(`${outDir}/`);

  const sources = await listFiles(root, (name) => name === 'node_modules' || name.startsWith('.'));
  const code = sources.filter((file) => isCodeFile(file) && !inOutput(file) && !NOT_APP_CODE.test(file));
  findings.push(...(await progress.step('Checking the source', () => checkForbiddenCode(root, code))));

  const built = await exists(join(app.outDir, 'index.html'));
  let bundle: BundleReport | undefined;
  if (built) {
    const output = await listFiles(app.outDir);
    findings.push(
      ...(await progress.step('Checking the build output', async () => {
        const policy = manifest
          ? contentSecurityPolicy(manifest, { storageOrigins: app.storageOrigins })
          : undefined;
        const pages = await Promise.all(
          output
            .filter((file) => file.endsWith('.html'))
            .map(async (file) =>
              checkHtml(`${outDir}/${file}`, await readFile(join(app.outDir, file), 'utf8'), true, policy),
            ),
        );
        const scripts = output.filter(isCodeFile);
        return [...pages.flat(), ...(await checkForbiddenCode(app.outDir, scripts, `${outDir}/`))];
      })),
    );
    const size = await measureBuiltScripts(app.outDir, output);
    bundle = { totalGzipBytes: size.totalGzipBytes, budgetBytes: app.budgetBytes, scripts: size.scripts };
    findings.push(...checkBundleSize(size, app.budgetBytes, outDir));
  } else {
    for (const page of sources.filter((file) => file.endsWith('.html') && !inOutput(file))) {
      findings.push(...checkHtml(page, await readFile(join(root, page), 'utf8'), false));
    }
    findings.push({
      severity: 'warning',
      rule: 'bundle/not-built',
      message: `no build in ${outDir}/, so the bundle size and the built code were not checked`,
      fix: 'Run "jingmai build", then validate again.',
    });
  }
  return report(root, findings, bundle);
}

function report(root: string, findings: Finding[], bundle?: BundleReport): ValidationReport {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  return {
    root,
    ok: errors === 0,
    errors,
    warnings: findings.length - errors,
    findings,
    ...(bundle ? { bundle } : {}),
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}
