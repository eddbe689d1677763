// Starts the callback receiver process (sink-process.ts) and asks it what has arrived.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SinkReply, SinkRequest } from './sink-protocol.js';

type Question = SinkRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

export type Sink = Awaited<ReturnType<typeof startSink>>;

/** Wall-clock milliseconds on the clock the receiver stamps arrivals with. */
export const wallNow = () => performance.timeOrigin + performance.now();

export async function startSink() {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./sink-process.ts', import.meta.url))],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const waiting = new Map<number, (value: SinkReply['value']) => void>();
  let nextId = 1;
  child.on('message', (reply: SinkReply) => {
    waiting.get(reply.id)?.(reply.value);
    waiting.delete(reply.id);
  });
  const port = await new Promise<number>((resolve, reject) => {
    waiting.set(0, (value) => resolve(value as number));
    child.once('exit', (code) => reject(new Error(`callback receiver exited with ${code}`)));
  });
  const ask = (question: Question) =>
    new Promise<SinkReply['value']>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ ...question, id });
    });
  return {
    url: `http://127.0.0.1:${port}/callback`,
    /** How many callbacks with this status arrived. */
    count: async (status: number) => (await ask({ op: 'count', status })) as number,
    /** How many of these `order_id:status` keys arrived. */
    arrived: async (keys: readonly string[]) => (await ask({ op: 'arrived', keys })) as number,
    /** When each `order_id:status` key arrived ({@link wallNow} clock), NaN if it has not. */
    arrivals: async (keys: readonly string[]) => (await ask({ op: 'arrivals', keys })) as number[],
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
