// What the console exposes to a comlink app.
import type { Payload } from './contract.js';

export interface ComlinkApi {
  echo(payload: Payload): Payload;
  /** Echoes and moves the payload's buffer back instead of copying it. */
  echoTransfer(payload: Payload): Payload;
}
