import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The SDK may ship only the zod-free entry; prove that entry pulls in no zod at all.
describe('@jingmai/protocol/constants', () => {
  it('bundles without zod', async () => {
    const result = await build({
      entryPoints: [new URL('./constants.ts', import.meta.url).pathname],
      bundle: true,
      write: false,
      format: 'esm',
      minify: true,
      metafile: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('zod'))).toBe(false);
    expect(inputs.length).toBeGreaterThan(3);
  });
});
