// What a command is: its name, help and options, and what it runs. The CLI lists commands in
// commands/index.ts; adding one (e.g. `dev`) is one module and one line there.
import type { CliIo } from '../cli/io.js';

/** One option of a command, in the shape node's `util.parseArgs` takes, with its help text. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Shown in `--help`, e.g. "Template: preact or vanilla (default: vanilla)". */
  readonly description: string;
  /** Shown in `--help` after the option, e.g. "<name>". */
  readonly value?: string;
}

/** The parsed command line a command runs with. */
export interface CommandArgs {
  readonly positionals: readonly string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** A `jingmai` command. */
export interface Command {
  readonly name: string;
  /** One line for `jingmai --help`. */
  readonly summary: string;
  /** Positionals as shown in the usage line, e.g. "<dir>" or "[dir]". */
  readonly positionals: string;
  /** Most positionals accepted. */
  readonly maxPositionals: number;
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Longer help: what the command does, shown under the usage line. */
  readonly details: string;
  /** Runs the command; resolves to the exit code. */
  run(args: CommandArgs, io: CliIo): Promise<number>;
}
