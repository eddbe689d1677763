// Command-line parsing with node's util.parseArgs, and the help text generated from the same
// option specs, so the two cannot disagree.
import { parseArgs } from 'node:util';
import type { Command, CommandArgs } from '../commands/command.js';
import { UsageError } from './errors.js';

const HELP_OPTION = { type: 'boolean', short: 'h', description: 'Show this help' } as const;

/** Parses `argv` for `command`; `values.help` is true when help was asked for. */
export function parseCommandArgs(command: Command, argv: readonly string[]): CommandArgs {
  const options = { ...command.options, help: HELP_OPTION };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message, `Run "jingmai ${command.name} --help" for its options.`);
  }
  if (!parsed.values.help && parsed.positionals.length > command.maxPositionals) {
    throw new UsageError(
      `unexpected argument "${parsed.positionals[command.maxPositionals]}"`,
      `Usage: ${usageLine(command)}`,
    );
  }
  return { positionals: parsed.positionals, values: parsed.values as CommandArgs['values'] };
}

function usageLine(command: Command): string {
  return `jingmai ${command.name}${command.positionals ? ` ${command.positionals}` : ''} [options]`;
}

/** The `--help` text of a command. */
export function commandHelp(command: Command): string {
  const options = Object.entries({ ...command.options, help: HELP_OPTION }).map(([name, spec]) => {
    const short = spec.short ? `-${spec.short}, ` : '    ';
    const value = 'value' in spec && spec.value ? ` ${spec.value}` : '';
    return [`${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...options.map(([flag]) => flag.length));
  return [
    `Usage: ${usageLine(command)}`,
    '',
    command.summary,
    '',
    command.details,
    '',
    'Options:',
    ...options.map(([flag, description]) => `  ${flag.padEnd(width)}  ${description}`),
    '',
  ].join('\n');
}
