// App templates are plain files under the package's templates/<name>/, copied as they are except
// for the app's name in text and the npm-proof name of .gitignore.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { listFiles } from '../files/list-files.js';
import { PACKAGE_DIR } from '../kit/package-info.js';

const TEMPLATES_DIR = join(PACKAGE_DIR, 'templates');

/** The path of `file` in template `name`. */
export function templateFile(name: string, file: string): string {
  return join(TEMPLATES_DIR, name, file);
}

/** The template names, sorted. */
export async function templateNames(): Promise<string[]> {
  const entries = await readdir(TEMPLATES_DIR, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

// npm drops .gitignore files from published packages, so the template keeps it as _gitignore.
function targetName(file: string): string {
  return file.replace(/(^|\/)_gitignore$/, '$1.gitignore');
}

/** Copies template `name` into `target`, putting `appName` where the text says {{name}}; returns the files written. */
export async function copyTemplate(name: string, target: string, appName: string): Promise<string[]> {
  const source = join(TEMPLATES_DIR, name);
  const files = await listFiles(source, (dir) => dir === 'node_modules' || dir === 'dist');
  for (const file of files) {
    const text = await readFile(join(source, file), 'utf8');
    const destination = join(target, targetName(file));
    await mkdir(dirname(destination), { recursive: true });
    await writeFile(destination, text.replaceAll('{{name}}', appName));
  }
  return files.map(targetName).sort();
}
