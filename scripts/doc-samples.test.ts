// Every ```ts / ```tsx sample in README.md, packages/*/README.md and docs/**/*.md (except the
// generated docs/api) is typechecked with the repository's own tsc, and samples marked `runnable`
// are run with tsx against the real SDK and the mock host. A sample that no longer compiles, or a
// runnable one that throws, fails this test with the Markdown file and line.
//
// Fence flags (after the language): `runnable` runs the sample; `app` puts one line before it:
//   typecheck: import type { App } from '@jingmai/sdk'; declare const app: App;
//   run:       const app = await createMockHost().connect() (every scope granted), closed after.
// `no-check <reason>` skips a sample; the reason is required.
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
// node_modules/.cache is ignored by git; being inside the repository, Node's and tsc's lookups
// walk up to the root node_modules like any workspace file's would.
const work = join(root, 'node_modules/.cache/doc-samples');

interface Sample {
  readonly doc: string;
  /** Line of the first code line in the Markdown file. */
  readonly line: number;
  readonly lang: 'ts' | 'tsx';
  readonly flags: readonly string[];
  readonly code: string;
  readonly file: string;
}

const PRELUDE = {
  check: "import type { App } from '@jingmai/sdk'; declare const app: App;",
  run: "import { createMockHost as __createMockHost } from '@jingmai/sdk/testing'; const __host = __createMockHost(); const app = await __host.connect();",
};

function markdownFiles(): string[] {
  const files = ['README.md'];
  for (const name of readdirSync(join(root, 'packages'))) {
    if (existsSync(join(root, 'packages', name, 'README.md'))) files.push(`packages/${name}/README.md`);
  }
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      // docs/api is api-documenter's rendering of declarations, not hand-written samples.
      if (entry.isDirectory() && path !== 'docs/api') walk(path);
      else if (entry.isFile() && entry.name.endsWith('.md')) files.push(path);
    }
  };
  walk('docs');
  return files.sort();
}

function extractSamples(doc: string): Sample[] {
  const lines = readFileSync(join(root, doc), 'utf8').split('\n');
  const samples: Sample[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(\s*)```(ts|tsx|typescript)(?:\s+(.*))?$/.exec(lines[i] as string);
    if (!open) continue;
    const indent = open[1] as string;
    const lang = open[2] === 'tsx' ? 'tsx' : 'ts';
    const flags = (open[3] ?? '').trim().split(/\s+/).filter(Boolean);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && (lines[j] as string).trim() !== '```'; j += 1) {
      body.push((lines[j] as string).slice(indent.length));
    }
    const slug = doc.replace(/\.md$/, '').replace(/[^A-Za-z0-9]+/g, '-');
    samples.push({
      doc,
      line: i + 2,
      lang,
      flags,
      code: body.join('\n'),
      file: `${slug}-L${i + 2}.${lang}`,
    });
    i = j;
  }
  return samples;
}

const samples = markdownFiles().flatMap(extractSamples);
const checked = samples.filter((sample) => !sample.flags.includes('no-check'));

/** The sample as compiled: one prelude line (or an empty one), the code, and `export {}`. */
function source(sample: Sample, mode: 'check' | 'run'): string {
  const prelude = sample.flags.includes('app') ? PRELUDE[mode] : '';
  const epilogue = sample.flags.includes('app') && mode === 'run' ? '__host.close();' : '';
  // `export {}` makes every sample a module, so top-level await compiles.
  return `${prelude}\n${sample.code}\n${epilogue}\nexport {};\n`;
}

/** Workspace packages by name, and where each bare import of a sample resolves from. */
function linkDependencies(): void {
  const modules = join(work, 'node_modules');
  const workspace = new Map<string, string>();
  for (const dir of ['packages', 'examples']) {
    for (const name of readdirSync(join(root, dir))) {
      const manifest = join(root, dir, name, 'package.json');
      if (existsSync(manifest))
        workspace.set(JSON.parse(readFileSync(manifest, 'utf8')).name, join(dir, name));
    }
  }
  const wanted = new Set<string>();
  for (const sample of checked) {
    for (const [, specifier] of sample.code.matchAll(/(?:from|import)\s+['"]([^'"]+)['"]/g)) {
      if (!specifier || specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      const parts = specifier.split('/');
      wanted.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
    }
  }
  wanted.add('@jingmai/sdk'); // the `app` prelude imports it
  if (checked.some((sample) => sample.lang === 'tsx')) wanted.add('preact'); // jsxImportSource
  for (const name of wanted) {
    const target = workspace.has(name)
      ? join(root, workspace.get(name) as string)
      : existsSync(join(root, 'node_modules', name))
        ? undefined // the root's own dependency: found by walking up
        : [...workspace.values()]
            .map((dir) => join(root, dir, 'node_modules', name))
            .find((path) => existsSync(path));
    if (target === undefined && !existsSync(join(root, 'node_modules', name))) {
      throw new Error(`A doc sample imports "${name}", which no workspace package depends on.`);
    }
    if (!target) continue;
    const link = join(modules, name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(relative(dirname(link), target), link, 'dir');
  }
}

let diagnostics = '';

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'check'), { recursive: true });
  mkdirSync(join(work, 'run'), { recursive: true });
  writeFileSync(join(work, 'package.json'), '{ "private": true, "type": "module" }\n');
  linkDependencies();
  writeFileSync(
    join(work, 'tsconfig.json'),
    `${JSON.stringify(
      {
        extends: '../../../tsconfig.base.json',
        compilerOptions: {
          composite: false,
          declaration: false,
          declarationMap: false,
          sourceMap: false,
          noEmit: true,
          // Workspace packages typecheck from source, as vitest runs them: no build needed first.
          customConditions: ['source'],
          types: ['node'],
          jsx: 'react-jsx',
          jsxImportSource: 'preact',
        },
        include: ['check'],
      },
      null,
      2,
    )}\n`,
  );
  // What vite/client declares for an app: a CSS import is a side effect the bundler handles.
  writeFileSync(join(work, 'check', 'ambient.d.ts'), "declare module '*.css';\n");
  for (const sample of checked) {
    writeFileSync(join(work, 'check', sample.file), source(sample, 'check'));
    if (sample.flags.includes('runnable'))
      writeFileSync(join(work, 'run', sample.file), source(sample, 'run'));
  }
  const tsc = join(root, 'node_modules/.bin/tsc');
  diagnostics = await run(tsc, ['-p', work, '--pretty', 'false'], { cwd: work, maxBuffer: 1 << 24 }).then(
    () => '',
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  );
}, 180_000);

describe('doc samples', () => {
  it('are found in the docs and READMEs', () => {
    expect(samples.length).toBeGreaterThan(10);
    for (const sample of samples) {
      const known = sample.flags.every((flag) => ['runnable', 'app', 'no-check'].includes(flag));
      const reason = sample.flags.slice(sample.flags.indexOf('no-check') + 1);
      if (!sample.flags.includes('no-check')) expect(known, `${sample.doc}:${sample.line} flags`).toBe(true);
      else expect(reason.length, `${sample.doc}:${sample.line}: say why after no-check`).toBeGreaterThan(0);
    }
  });

  it('leave no compiler diagnostics outside the samples', () => {
    const others = diagnostics
      .split('\n')
      .filter((line) => /error TS/.test(line) && !line.startsWith('check/'));
    expect(others).toEqual([]);
  });

  describe.each(checked.map((sample) => [`${sample.doc}:${sample.line}`, sample] as const))(
    '%s',
    (_, sample) => {
      it('typechecks', () => {
        const errors = diagnostics
          .split('\n')
          .filter((line) => line.startsWith(`check/${sample.file}(`))
          .map((line) =>
            line.replace(/^check\/[^(]+\((\d+),(\d+)\)/, (_match, row: string, column: string) => {
              // Line 1 of the compiled file is the prelude; line 2 is the sample's first line.
              return `${sample.doc}:${sample.line + Number(row) - 2}:${column}`;
            }),
          );
        expect(errors).toEqual([]);
      });

      // Only samples marked runnable get a run test; the others are typechecked above.
      if (sample.flags.includes('runnable'))
        it('runs', async () => {
          const tsx = join(root, 'node_modules/.bin/tsx');
          const result = await run(tsx, ['--conditions=source', join('run', sample.file)], {
            cwd: work,
            timeout: 60_000,
          }).catch((error: { stderr?: string; message: string }) => ({
            failed: error.stderr || error.message,
          }));
          expect('failed' in result ? result.failed : '').toBe('');
        }, 90_000);
    },
  );
});
