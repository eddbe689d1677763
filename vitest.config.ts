import { defineConfig } from 'vitest/config';

// One run for every package; tests import sibling packages from source through the "source" condition.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    include: [
      'packages/*/source/**/*.test.ts',
      'packages/*/source/**/*.test.tsx',
      'sandbox/**/*.test.ts',
      'examples/*/source/**/*.test.ts',
      'examples/*/source/**/*.test.tsx',
      'scripts/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
  },
});
