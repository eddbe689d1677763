// Whether a new app lands inside a pnpm workspace that will link it: then it depends on the local
// @jingmai packages (`workspace:*`) rather than on published versions.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'yaml';

/** The nearest pnpm workspace above an app folder. */
export interface Workspace {
  /** The folder holding pnpm-workspace.yaml. */
  readonly root: string;
  /** Whether its `packages` globs include the app folder. */
  readonly includes: boolean;
}

/** The nearest pnpm-workspace.yaml above `target` (an absolute path), if any. */
export async function findWorkspace(target: string): Promise<Workspace | undefined> {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    let text: string | undefined;
    try {
      text = await readFile(join(dir, 'pnpm-workspace.yaml'), 'utf8');
    } catch {
      if (dirname(dir) === dir) return undefined;
      continue;
    }
    const config = parse(text) as { packages?: unknown } | null;
    const patterns = Array.isArray(config?.packages) ? config.packages.map(String) : [];
    return { root: dir, includes: matches(patterns, relative(dir, target).split(sep).join('/')) };
  }
}

/** pnpm's rule: some pattern includes the path and no `!pattern` excludes it. */
function matches(patterns: readonly string[], path: string): boolean {
  const test = (pattern: string) => picomatch(pattern.replace(/^\.\//, ''))(path);
  const excluded = patterns
    .filter((pattern) => pattern.startsWith('!'))
    .some((pattern) => test(pattern.slice(1)));
  return !excluded && patterns.filter((pattern) => !pattern.startsWith('!')).some(test);
}
