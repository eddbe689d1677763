// Starts the sandbox as an entrant does (a command in a terminal) and reads the one URL it prints.
import { type ChildProcess, spawn } from 'node:child_process';

export interface RunningSandbox {
  readonly url: string;
  readonly output: () => string;
  /** Ctrl-C, then waits for the process to end. */
  stop(): Promise<void>;
}

export async function startSandboxProcess(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningSandbox> {
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the sandbox did not start:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`the sandbox exited with ${code}:\n${output}`)));
    child.stdout?.on('data', () => {
      const match = /Jingmai sandbox: (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    });
  });
  return {
    url,
    output: () => output,
    async stop() {
      // The whole group, as a terminal's Ctrl-C does: pnpm and the server under it.
      if (child.pid) process.kill(-child.pid, 'SIGINT');
      await exited;
    },
  };
}
