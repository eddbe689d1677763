// The `jingmai` entry: picks the command, parses its arguments, and turns failures into a message,
// a fix and an exit code (1 for a failure, 2 for a wrong command line).
import { commandHelp, parseCommandArgs } from './cli/args.js';
import { CliError, UsageError } from './cli/errors.js';
import type { CliIo } from './cli/io.js';
import { COMMANDS } from './commands/index.js';
import { KIT_VERSION } from './kit/package-info.js';

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return [
    'Usage: jingmai <command> [options]',
    '',
    'Create, build, check and package Jingmai micro-apps.',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Run "jingmai <command> --help" for the options of a command.',
    '',
  ].join('\n');
}

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const command = COMMANDS.find((candidate) => candidate.name === rest[0]);
    io.out(command ? commandHelp(command) : overview());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.out(`${KIT_VERSION}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  try {
    if (!command) {
      throw new UsageError(
        `unknown command "${name}"`,
        `The commands are: ${COMMANDS.map((known) => known.name).join(', ')}. Run "jingmai --help".`,
      );
    }
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.err(`✖ ${error.message}\n  fix: ${error.fix.replaceAll('\n', '\n  ')}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}
