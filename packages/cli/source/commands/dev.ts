// `jingmai dev`: the app in the local sandbox console, rebuilt and reloaded on every save, with
// the OSS and Miaosong shims and the platform server beside it. Runs until Ctrl-C.
import { join } from 'node:path';
import { describeSandbox, startSandbox, untilStopped } from '@jingmai/sandbox';
import { findAppRoot } from '../app/locate.js';
import { CliError } from '../cli/errors.js';
import type { Command } from './command.js';

function portOption(value: string | boolean | undefined): number | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new CliError(`--port must be a port number, got "${value}"`, 'Pass a number such as --port 4000.');
  return port;
}

export const devCommand: Command = {
  name: 'dev',
  summary: 'Run the app in the local sandbox console, reloading it on every change',
  positionals: '[dir]',
  maxPositionals: 1,
  options: {
    port: {
      type: 'string',
      value: '<port>',
      description: 'Port of the console (default: 4000, or the next free one)',
    },
  },
  details: [
    'Starts the sandbox for the app in [dir] (default: the nearest folder with jingmai.app.json)',
    'and prints the one URL to open: the console with the app in its sandboxed frame, the bridge',
    'inspector, scope toggles, context switcher, storage browser, delivery panel and app errors.',
    'The OSS and Miaosong shims and the platform server run beside it, with their data under',
    "the app's .jingmai/ folder. Saving a source file rebuilds the app and reloads its frame;",
    'the console keeps its state. Busy ports move to the next free one. Ctrl-C stops everything.',
  ].join('\n'),
  async run(args, io) {
    const root = await findAppRoot(args.positionals[0] ?? io.cwd);
    const port = portOption(args.values.port);
    const sandbox = await startSandbox({
      apps: [root],
      dataDir: join(root, '.jingmai'),
      report: (line) => io.err(`${line}\n`),
      ...(port ? { ports: { console: port } } : {}),
    });
    if (sandbox.apps.length === 0) {
      await sandbox.close();
      throw new CliError(
        'the app could not be started (see above)',
        'Fix the problems above and run jingmai dev again.',
      );
    }
    io.out(`${describeSandbox(sandbox)}\n`);
    await untilStopped();
    await sandbox.close();
    return 0;
  },
};
