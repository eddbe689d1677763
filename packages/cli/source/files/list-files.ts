// Recursive file listing in a stable order, so checks report and archives hold files the same way
// on every machine.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Files under `dir` as sorted, `/`-separated relative paths; `skipDir` prunes directories by name. */
export async function listFiles(
  dir: string,
  skipDir: (name: string) => boolean = () => false,
): Promise<string[]> {
  const files: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!skipDir(entry.name)) await walk(path);
      } else if (entry.isFile()) files.push(path);
    }
  };
  await walk('');
  // Code-unit order, not locale order: the same on every machine.
  return files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
