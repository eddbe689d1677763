// The CLI's own package.json: its version is the kit's version (the @jingmai packages are released
// together), and its files sit beside the templates.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The CLI package's directory (source/ and dist/ are one level below it). */
export const PACKAGE_DIR = fileURLToPath(new URL('../../', import.meta.url));

const manifest = JSON.parse(readFileSync(`${PACKAGE_DIR}package.json`, 'utf8')) as { version: string };

/** The version of the CLI and of every @jingmai package released with it. */
export const KIT_VERSION = manifest.version;
