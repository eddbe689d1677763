// Where a command writes: results to `out`, progress and errors to `err`, so `--json` output stays
// clean on stdout. Tests and the programmatic API pass their own.

/** The streams a command writes to. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The directory the command runs in. */
  readonly cwd: string;
}

/** The process's own streams and directory. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    cwd: process.cwd(),
  };
}
