// Listening on the first free port from a preferred one, so a second sandbox or another dev
// server does not stop this one; the caller says which port it got.
import type { Server } from 'node:http';

/** Listens on `preferred` or the next free port after it; resolves with the port used. */
export async function listenOnFreePort(
  server: Server,
  preferred: number,
  host: string,
  attempts = 50,
): Promise<number> {
  for (let port = preferred; port < preferred + attempts; port += 1) {
    const result = await new Promise<number | null>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (error.code === 'EADDRINUSE') resolve(null);
        else reject(error);
      };
      const onListening = () => {
        server.off('error', onError);
        resolve(port);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(port, host);
    });
    if (result !== null) return result;
  }
  throw new Error(`No free port in ${preferred}-${preferred + attempts - 1} on ${host}.`);
}
