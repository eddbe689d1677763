// `jingmai pack` as a function: build, validate, then a reproducible submission archive holding the
// manifest, the built app under app/, and the SHA-256 of each.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { MANIFEST_FILE, parseManifest } from '@jingmai/protocol';
import { resolveAppViteConfig } from '../app/vite-config.js';
import { reproducibleZip } from '../archive/zip.js';
import { buildApp } from '../build/build-app.js';
import { CliError } from '../cli/errors.js';
import { type Progress, silentProgress } from '../cli/progress.js';
import { listFiles } from '../files/list-files.js';
import { formatReport } from '../validate/format.js';
import { type ValidationReport, validateApp } from '../validate/validate-app.js';
import { INTEGRITY_FILE, integrityList, sha256 } from './integrity.js';

/** Options of {@link packApp}. */
export interface PackAppOptions {
  /** The app's root folder (holding jingmai.app.json). */
  readonly root: string;
  /** Where to write the archive. Default: the app's root. */
  readonly outDir?: string;
  /** Pack the existing build instead of building first. */
  readonly skipBuild?: boolean;
  readonly progress?: Progress;
}

/** The archive {@link packApp} wrote. */
export interface PackAppResult {
  /** Absolute path of `<id>-<version>.zip`. */
  readonly file: string;
  readonly bytes: number;
  /** Hex SHA-256 of the archive. */
  readonly sha256: string;
  /** The paths inside the archive, sorted. */
  readonly entries: readonly string[];
  /** The validation it passed (warnings may remain). */
  readonly report: ValidationReport;
}

/** The folder inside the archive that holds the built app. */
export const APP_FOLDER = 'app';

/** Builds, validates and packs the app; throws a {@link CliError} when validation finds errors. */
export async function packApp(options: PackAppOptions): Promise<PackAppResult> {
  const root = resolve(options.root);
  const progress = options.progress ?? silentProgress;
  if (!options.skipBuild) await buildApp({ root, progress });
  const report = await progress.step('Validating', () => validateApp({ root }));
  if (!report.ok) {
    throw new CliError(
      `the app is not ready to submit:\n${formatReport(report)}`,
      'Fix each error as its fix says, then pack again.',
    );
  }
  const { outDir } = await resolveAppViteConfig(root);
  const destination = resolve(options.outDir ?? root);
  const fromOutput = relative(outDir, destination);
  if (fromOutput === '' || !(fromOutput.startsWith('..') || isAbsolute(fromOutput))) {
    throw new CliError(
      `the archive would be written inside the build output ${outDir}`,
      'Choose an --out-dir outside the build output.',
    );
  }
  return progress.step('Packing', async () => {
    const files = new Map<string, Uint8Array>();
    const manifestBytes = await readFile(join(outDir, MANIFEST_FILE)).catch(() => {
      throw new CliError(
        `the build output has no ${MANIFEST_FILE}`,
        'Run "jingmai build" (or pack without --skip-build).',
      );
    });
    const manifest = parseManifest(manifestBytes.toString('utf8'));
    if (!manifest.ok) {
      throw new CliError(`the built ${MANIFEST_FILE} is invalid`, 'Run "jingmai build" again, then pack.');
    }
    files.set(MANIFEST_FILE, manifestBytes);
    for (const file of await listFiles(outDir))
      files.set(`${APP_FOLDER}/${file}`, await readFile(join(outDir, file)));
    files.set(INTEGRITY_FILE, Buffer.from(integrityList(files)));
    const archive = reproducibleZip(files);
    const file = join(destination, `${manifest.manifest.id}-${manifest.manifest.version}.zip`);
    await mkdir(destination, { recursive: true });
    await writeFile(file, archive);
    return {
      file,
      bytes: archive.byteLength,
      sha256: sha256(archive),
      entries: [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
      report,
    };
  });
}
