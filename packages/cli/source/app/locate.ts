// Finds the app a command works on: the nearest folder holding the manifest, like git finds its repo.
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST_FILE } from '@jingmai/protocol';
import { CliError } from '../cli/errors.js';

/** The nearest directory at or above `start` that holds a manifest. */
export async function findAppRoot(start: string): Promise<string> {
  const first = resolve(start);
  for (let dir = first; ; dir = dirname(dir)) {
    try {
      await access(join(dir, MANIFEST_FILE));
      return dir;
    } catch {
      if (dirname(dir) === dir) break;
    }
  }
  throw new CliError(
    `no ${MANIFEST_FILE} in ${first} or any folder above it`,
    'Run the command inside an app folder, pass the folder as an argument, or create an app with "jingmai create <dir>".',
  );
}
