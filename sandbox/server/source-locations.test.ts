import { SourceMap } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { mapStack, originalLocation } from './source-locations.js';

// A real bundle: two source files, the throw on line 3 of source/fail.ts.
async function bundle() {
  const result = await build({
    stdin: {
      contents: "import { fail } from './source/fail.ts';\nfail();\n",
      resolveDir: '/app',
      sourcefile: 'source/main.ts',
    },
    plugins: [
      {
        name: 'memory',
        setup(setup) {
          setup.onResolve({ filter: /fail/ }, () => ({ path: '/app/source/fail.ts' }));
          setup.onLoad({ filter: /fail/ }, () => ({
            contents: "export function fail() {\n  const why = 'demo';\n  throw new Error(why);\n}\n",
            loader: 'ts',
          }));
        },
      },
    ],
    bundle: true,
    write: false,
    format: 'esm',
    outfile: '/app/.jingmai/dev-bundle/main.js',
    sourcemap: 'external',
  });
  const js = result.outputFiles.find((file) => file.path.endsWith('.js'))?.text ?? '';
  const map = result.outputFiles.find((file) => file.path.endsWith('.map'))?.text ?? '{}';
  const lines = js.split('\n');
  const line = lines.findIndex((text) => text.includes('throw new Error')) + 1;
  const column = (lines[line - 1] ?? '').indexOf('throw') + 1;
  return { map: new SourceMap(JSON.parse(map)), line, column };
}

describe('source locations', () => {
  it('maps a bundle location to the source file, line and column', async () => {
    const { map, line, column } = await bundle();
    expect(originalLocation(map, line, column)).toEqual({ file: 'source/fail.ts', line: 3, column: 3 });
  });

  it('rewrites the bundle frames of a stack and leaves the others', async () => {
    const { map, line, column } = await bundle();
    const stack = [
      'Error: demo',
      `    at fail (http://localhost:4001/demo/main.js:${line}:${column})`,
      '    at http://localhost:4001/__jingmai/error-forwarder.js:1:1',
    ].join('\n');
    expect(mapStack(stack, map).split('\n')).toEqual([
      'Error: demo',
      '    at fail (source/fail.ts:3:3)',
      '    at http://localhost:4001/__jingmai/error-forwarder.js:1:1',
    ]);
  });
});
