// comlink's app end: a proxy over the parent window (comlink's window endpoint).
import * as Comlink from 'comlink';
import type { ComlinkApi } from './comlink-api.js';
import type { Echo } from './contract.js';

/** Connects and makes the first call. */
export async function connect(): Promise<Echo> {
  const remote = Comlink.wrap<ComlinkApi>(Comlink.windowEndpoint(parent));
  await remote.echo({ data: 0 });
  return (payload, transfer) =>
    transfer ? remote.echoTransfer(Comlink.transfer(payload, transfer)) : remote.echo(payload);
}
