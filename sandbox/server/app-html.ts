// The app page as the sandbox serves it: the app's own index.html with its script pointed at
// the sandbox's bundle, plus the dev-only error forwarder ahead of every other script.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Where the error forwarder is served on the app origin. */
export const ERROR_FORWARDER_PATH = '/__jingmai/error-forwarder.js';

const LOCAL_SCRIPT = /<script\b[^>]*\bsrc\s*=\s*["'](?![a-z][\w+.-]*:|\/\/)([^"']+)["'][^>]*>\s*<\/script>/gi;

/** The source file to bundle: the page's own script when it is source, else source/main.ts(x). */
export function entryOf(dir: string, html: string): string | undefined {
  const fromPage = [...html.matchAll(LOCAL_SCRIPT)]
    .map((match) => (match[1] ?? '').replace(/^\.?\//, ''))
    .filter((src) => /\.(?:[cm]?[jt]sx?)$/.test(src) && existsSync(join(dir, src)));
  return [...fromPage, 'source/main.ts', 'source/main.tsx'].find((path) => existsSync(join(dir, path)));
}

/** Rewrites the page: local scripts become the bundle (a module), the forwarder comes first. */
export function servedHtml(html: string, options: { css: boolean }): string {
  let bundled = false;
  let page = html.replace(LOCAL_SCRIPT, () => {
    if (bundled) return '';
    bundled = true;
    return '<script type="module" src="./main.js"></script>';
  });
  if (!bundled)
    page = page.replace(/<\/body>|$/i, (end) => `<script type="module" src="./main.js"></script>${end}`);
  const head = [
    `<script src="${ERROR_FORWARDER_PATH}"></script>`,
    options.css ? '<link rel="stylesheet" href="./main.css">' : '',
  ].join('');
  return /<head[^>]*>/i.test(page)
    ? page.replace(/<head[^>]*>/i, (open) => `${open}${head}`)
    : `${head}${page}`;
}
