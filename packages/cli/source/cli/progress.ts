// Progress for long steps: one line when a step starts, one when it ends, with its duration.
// Plain lines rather than a spinner, so logs and CI output read the same as a terminal.

/** Reports the steps of a long task. */
export interface Progress {
  step<T>(label: string, run: () => Promise<T>): Promise<T>;
  note(text: string): void;
}

/** Progress written as lines by `write`. */
export function lineProgress(write: (text: string) => void): Progress {
  return {
    async step(label, run) {
      write(`› ${label}…\n`);
      const started = performance.now();
      try {
        const result = await run();
        write(`✓ ${label} (${formatDuration(performance.now() - started)})\n`);
        return result;
      } catch (error) {
        write(`✖ ${label}\n`);
        throw error;
      }
    },
    note(text) {
      write(`  ${text.replaceAll('\n', '\n  ')}\n`);
    },
  };
}

/** Progress that says nothing: the programmatic API's default. */
export const silentProgress: Progress = {
  step: (_label, run) => run(),
  note: () => {},
};

function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
