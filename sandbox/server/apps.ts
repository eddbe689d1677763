// Which apps the sandbox serves: folders with a valid jingmai.app.json. Invalid manifests are
// reported with their fixes and skipped, so one broken example does not stop the others.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { MANIFEST_FILE, type Manifest, parseManifest } from '@jingmai/protocol';

/** An app folder and its manifest. */
export interface AppSource {
  readonly dir: string;
  /** The path segment the app is served under on the app origin. */
  readonly slug: string;
  readonly manifest: Manifest;
}

/** The folders under `parent` that hold a manifest, sorted by name. */
export function appFoldersUnder(parent: string): string[] {
  return readdirSync(parent)
    .sort()
    .map((name) => join(parent, name))
    .filter((dir) => existsSync(join(dir, MANIFEST_FILE)));
}

/** Reads each folder's manifest; problems go to `report` and the folder is skipped. */
export function readApps(dirs: readonly string[], report: (line: string) => void): AppSource[] {
  const apps: AppSource[] = [];
  const slugs = new Set<string>();
  for (const given of dirs) {
    const dir = resolve(given);
    const manifestPath = join(dir, MANIFEST_FILE);
    if (!existsSync(manifestPath)) {
      report(`✖ ${dir}: no ${MANIFEST_FILE} (run the command inside an app folder)`);
      continue;
    }
    const parsed = parseManifest(readFileSync(manifestPath, 'utf8'));
    if (!parsed.ok) {
      report(`✖ ${manifestPath}:`);
      for (const issue of parsed.errors)
        report(`    ${issue.path || '(manifest)'}: ${issue.problem}. ${issue.fix}`);
      continue;
    }
    let slug = basename(dir).replace(/[^\w.-]/g, '-') || 'app';
    while (slugs.has(slug)) slug = `${slug}-2`;
    slugs.add(slug);
    apps.push({ dir, slug, manifest: parsed.manifest });
  }
  return apps;
}
