// `jingmai create <dir>`: a new app from a template, and what to run next.
import { relative, resolve } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { createApp } from '../create/create-app.js';
import type { Command } from './command.js';

export const createCommand: Command = {
  name: 'create',
  summary: 'Create an app: manifest, Vite config, a test with the mock console, README',
  positionals: '<dir>',
  maxPositionals: 1,
  options: {
    template: {
      type: 'string',
      short: 't',
      value: '<name>',
      description: 'preact or vanilla (default: vanilla)',
    },
    id: { type: 'string', value: '<id>', description: 'The manifest id (default: com.example.<dir name>)' },
    name: { type: 'string', value: '<name>', description: 'The name merchants see (default: the dir name)' },
  },
  details: [
    'Creates <dir> (which must not exist or be empty) from a template. Inside a pnpm workspace',
    'whose packages include <dir>, the app depends on the local @jingmai packages (workspace:*);',
    'anywhere else, on their published versions.',
  ].join('\n'),
  async run(args, io) {
    const dir = args.positionals[0];
    if (!dir)
      throw new UsageError(
        'missing the folder to create',
        'Usage: jingmai create <dir> [--template preact|vanilla]',
      );
    const { template, id, name } = args.values;
    const result = await createApp({
      dir: resolve(io.cwd, dir),
      ...(typeof template === 'string' ? { template } : {}),
      ...(typeof id === 'string' ? { id } : {}),
      ...(typeof name === 'string' ? { name } : {}),
    });
    const where = relative(io.cwd, result.root) || '.';
    io.out(
      `Created ${where} from the ${result.template} template (${result.files.length} files).\n\nNext:\n`,
    );
    if (result.workspace) {
      io.out(
        `  pnpm install        # in ${relative(io.cwd, result.workspace) || '.'}, links the workspace packages\n`,
      );
      io.out(`  cd ${where}\n  pnpm test && pnpm run build && pnpm run validate\n`);
    } else {
      io.out(`  cd ${where}\n  npm install\n  npm test && npm run build && npm run validate\n`);
    }
    return 0;
  },
};
