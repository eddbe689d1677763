// Errors the CLI shows to the user as they are: what went wrong and how to fix it, no stack.

/** A failure with the fix to show; the command exits with 1. */
export class CliError extends Error {
  readonly fix: string;

  constructor(message: string, fix: string) {
    super(message);
    this.name = 'CliError';
    this.fix = fix;
  }
}

/** The command line itself is wrong; the command exits with 2 and shows its usage. */
export class UsageError extends CliError {
  constructor(message: string, fix: string) {
    super(message, fix);
    this.name = 'UsageError';
  }
}
