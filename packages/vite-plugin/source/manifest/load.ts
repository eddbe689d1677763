// Reads jingmai.app.json and checks it with the protocol's parser, so the build and the CLI report
// exactly the problems (and fixes) the console would.
import { readFile } from 'node:fs/promises';
import { type Manifest, type ManifestIssue, parseManifest } from '@jingmai/protocol';

/** The manifest file is missing, unreadable or invalid; `issues` lists every problem with its fix. */
export class ManifestError extends Error {
  readonly file: string;
  readonly issues: readonly ManifestIssue[];

  constructor(file: string, issues: readonly ManifestIssue[]) {
    super(formatIssues(file, issues));
    this.name = 'ManifestError';
    this.file = file;
    this.issues = issues;
  }
}

/** One line per problem: where, what, and the fix. */
export function formatIssues(file: string, issues: readonly ManifestIssue[]): string {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map(
    (issue) => `  - ${issue.path || '(the manifest)'}: ${issue.problem}\n    fix: ${issue.fix}`,
  );
  return `${file} has ${count}:\n${lines.join('\n')}`;
}

/** Reads and validates the manifest at `file`; throws {@link ManifestError} listing every problem. */
export async function loadManifest(file: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new ManifestError(file, [
      {
        path: '',
        problem: missing ? 'does not exist' : `cannot be read (${(error as Error).message})`,
        fix: missing
          ? 'Create it at the root of the app (`jingmai create` writes one), or pass its path as the `manifest` option.'
          : 'Check the file permissions.',
      },
    ]);
  }
  const result = parseManifest(text);
  if (!result.ok) throw new ManifestError(file, result.errors);
  return result.manifest;
}
