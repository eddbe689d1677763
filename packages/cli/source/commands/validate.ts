// `jingmai validate`: every check, as text or as JSON; exits 1 when any check found an error.
import { findAppRoot } from '../app/locate.js';
import { lineProgress, silentProgress } from '../cli/progress.js';
import { formatReport } from '../validate/format.js';
import { validateApp } from '../validate/validate-app.js';
import type { Command } from './command.js';

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check the manifest, CSP, bundle size and code of the app',
  positionals: '[dir]',
  maxPositionals: 1,
  options: {
    json: { type: 'boolean', description: 'Print the findings as JSON on stdout' },
  },
  details: [
    'Checks the app in [dir] (default: the nearest folder with jingmai.app.json):',
    '  - the manifest, with the fix for each problem (unknown scopes, missing purposes, …);',
    '  - the CSP: network origins, inline scripts, handlers and styles it would block;',
    '  - the bundle size against the budget, when the app is built;',
    '  - forbidden code in the source and the build: eval, new Function, document.domain,',
    '    navigation of the top or parent window, document.write.',
    'Each finding has its file, line and column. Exits with 1 when there is any error.',
  ].join('\n'),
  async run(args, io) {
    const root = await findAppRoot(args.positionals[0] ?? io.cwd);
    const json = args.values.json === true;
    const report = await validateApp({ root, progress: json ? silentProgress : lineProgress(io.err) });
    io.out(json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.ok ? 0 : 1;
  },
};
