// Starting a server on the first free port from a preferred one, so a second sandbox or another
// dev server does not stop this one; the caller says which port it got.
import type { Server } from 'node:http';

function inUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'EADDRINUSE';
}

/** Runs `start(port)` from `preferred` upwards until a port is free; resolves with what it started and the port. */
export async function onFreePort<T>(
  preferred: number,
  start: (port: number) => Promise<T>,
  attempts = 50,
): Promise<{ value: T; port: number }> {
  for (let port = preferred; port < preferred + attempts; port += 1) {
    try {
      return { value: await start(port), port };
    } catch (error) {
      if (!inUse(error)) throw error;
    }
  }
  throw new Error(`No free port in ${preferred}-${preferred + attempts - 1}.`);
}

/** Listens with a plain node:http server. */
export function listen(server: Server, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(server);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
