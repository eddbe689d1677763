// `jingmai build`: the production build of the app in the current (or given) folder.
import { relative } from 'node:path';
import { describeBudget } from '@jingmai/vite-plugin';
import { findAppRoot } from '../app/locate.js';
import { buildApp } from '../build/build-app.js';
import { lineProgress } from '../cli/progress.js';
import type { Command } from './command.js';

export const buildCommand: Command = {
  name: 'build',
  summary: 'Build the app for production with Vite and the jingmai() plugin',
  positionals: '[dir]',
  maxPositionals: 1,
  options: {},
  details: [
    'Runs a production Vite build of the app in [dir] (default: the nearest folder with',
    "jingmai.app.json). Uses the app's vite.config.* and adds jingmai() when it is missing: the",
    'manifest is validated and emitted, index.html gets the CSP derived from it, and the build fails',
    'when the JavaScript is over the bundle budget.',
  ].join('\n'),
  async run(args, io) {
    const root = await findAppRoot(args.positionals[0] ?? io.cwd);
    const progress = lineProgress(io.err);
    const result = await buildApp({ root, progress });
    io.out(`Built ${result.files.length} files into ${relative(io.cwd, result.outDir) || '.'}\n`);
    io.out(`${describeBudget(result.bundle, result.budgetBytes)}\n`);
    return 0;
  },
};
