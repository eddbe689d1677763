// Bundles one app from source with esbuild and rebuilds it when its files change, so the console
// can reload the app's frame. The page is re-read on each build; its own edits trigger one too.
import { readFileSync, watch as watchFile } from 'node:fs';
import { SourceMap } from 'node:module';
import { join, relative } from 'node:path';
import { type BuildResult, context, type Message, type Plugin } from 'esbuild';
import type { BuildProblem } from '../shared/dev-events.js';
import { entryOf, servedHtml } from './app-html.js';
import type { AppSource } from './apps.js';

/** A file of the served app. */
export interface ServedFile {
  readonly body: string | Uint8Array;
  readonly type: string;
}

/** One finished build of an app. */
export interface AppBuild {
  /** Files by path below the app's slug, e.g. "" for the page, "main.js". */
  readonly files: ReadonlyMap<string, ServedFile>;
  readonly problems: readonly BuildProblem[];
  /** The bundle's source map, for mapping error locations back to the sources. */
  readonly sourceMap: SourceMap | undefined;
}

/** A bundled app that rebuilds itself while it is watched. */
export interface WatchedApp {
  current(): AppBuild;
  dispose(): Promise<void>;
}

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json',
};

function problem(dir: string, message: Message): BuildProblem {
  return {
    text: message.text,
    file: message.location ? relative(dir, join(dir, message.location.file)) || message.location.file : '',
    line: message.location?.line ?? 0,
    column: (message.location?.column ?? 0) + 1,
  };
}

function toBuild(app: AppSource, result: BuildResult, outdir: string): AppBuild {
  const html = readFileSync(join(app.dir, 'index.html'), 'utf8');
  const files = new Map<string, ServedFile>();
  let sourceMap: SourceMap | undefined;
  for (const output of result.outputFiles ?? []) {
    const name = relative(outdir, output.path);
    const extension = name.slice(name.lastIndexOf('.') + 1);
    files.set(name, { body: output.contents, type: TYPES[extension] ?? 'application/octet-stream' });
    if (name === 'main.js.map') sourceMap = new SourceMap(JSON.parse(output.text));
  }
  files.set('', { body: servedHtml(html, { css: files.has('main.css') }), type: 'text/html; charset=utf-8' });
  return { files, problems: result.errors.map((message) => problem(app.dir, message)), sourceMap };
}

/** Bundles the app, then rebuilds on every change and calls `onBuild` with each new build. */
export async function watchApp(app: AppSource, onBuild: (build: AppBuild) => void): Promise<WatchedApp> {
  const html = readFileSync(join(app.dir, 'index.html'), 'utf8');
  const entry = entryOf(app.dir, html);
  if (!entry) throw new Error(`${app.dir}: no entry script (index.html's script, or source/main.ts).`);
  // Outputs stay in memory; the directory only names them.
  const outdir = join(app.dir, '.jingmai', 'dev-bundle');
  let latest: AppBuild | undefined;
  const notify: Plugin = {
    name: 'jingmai-sandbox-rebuilt',
    setup(build) {
      build.onEnd((result) => {
        latest = toBuild(app, result, outdir);
        onBuild(latest);
      });
    },
  };
  const bundler = await context({
    entryPoints: { main: join(app.dir, entry) },
    absWorkingDir: app.dir,
    outdir,
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'linked',
    sourcesContent: true,
    jsx: 'automatic',
    loader: { '.png': 'dataurl', '.svg': 'dataurl', '.jpg': 'dataurl' },
    define: {
      'import.meta.env.DEV': 'true',
      'import.meta.env.PROD': 'false',
      'import.meta.env.MODE': '"development"',
    },
    logLevel: 'silent',
    plugins: [notify],
  });
  await bundler.rebuild().catch(() => undefined);
  await bundler.watch();
  // esbuild watches what it bundles; the page is not part of the bundle.
  const page = watchFile(join(app.dir, 'index.html'), () => {
    bundler.rebuild().catch(() => undefined);
  });
  return {
    current: () => latest ?? { files: new Map(), problems: [], sourceMap: undefined },
    async dispose() {
      page.close();
      await bundler.dispose();
    },
  };
}
