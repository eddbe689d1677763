// `jingmai pack`: the submission archive of the app.
import { relative, resolve } from 'node:path';
import { findAppRoot } from '../app/locate.js';
import { lineProgress } from '../cli/progress.js';
import { packApp } from '../pack/pack-app.js';
import type { Command } from './command.js';

export const packCommand: Command = {
  name: 'pack',
  summary: 'Build, validate and pack the app into <id>-<version>.zip for submission',
  positionals: '[dir]',
  maxPositionals: 1,
  options: {
    'out-dir': {
      type: 'string',
      short: 'o',
      value: '<dir>',
      description: 'Where to write the archive (default: the app folder)',
    },
    'skip-build': { type: 'boolean', description: 'Pack the existing build instead of building first' },
  },
  details: [
    'Builds the app in [dir] (default: the nearest folder with jingmai.app.json), validates it (any',
    'error stops here), and writes <id>-<version>.zip holding jingmai.app.json, the built app under',
    'app/, and SHA256SUMS (check an unpacked archive with "sha256sum -c SHA256SUMS"). The archive is',
    'reproducible: the same build gives the same bytes (fixed times and modes, sorted entries).',
  ].join('\n'),
  async run(args, io) {
    const root = await findAppRoot(args.positionals[0] ?? io.cwd);
    const outDir = args.values['out-dir'];
    const result = await packApp({
      root,
      ...(typeof outDir === 'string' ? { outDir: resolve(io.cwd, outDir) } : {}),
      skipBuild: args.values['skip-build'] === true,
      progress: lineProgress(io.err),
    });
    io.out(
      `Packed ${relative(io.cwd, result.file) || result.file}: ${result.entries.length} files, ${result.bytes} B\n`,
    );
    io.out(`sha256 ${result.sha256}\n`);
    if (result.report.warnings > 0) {
      const count = result.report.warnings === 1 ? '1 warning' : `${result.report.warnings} warnings`;
      io.out(`${count}: run "jingmai validate" to see them.\n`);
    }
    return 0;
  },
};
