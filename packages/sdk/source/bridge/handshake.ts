// The app's side of the handshake: one hello to the parent window, then wait for the welcome
// that carries the private port. Only a message from the parent window itself counts.

import type { Welcome } from '@jingmai/protocol';
import {
  fromWireError,
  HELLO,
  JingmaiError,
  SUPPORTED_PROTOCOL_VERSIONS,
  WELCOME,
} from '@jingmai/protocol/constants';

/** A completed handshake. */
export interface Connection {
  readonly port: MessagePort;
  readonly welcome: Welcome;
}

/** Says hello to the console and resolves with the port and welcome, or rejects with a JingmaiError. */
export function handshake(window: Window, timeoutMs: number): Promise<Connection> {
  const parent = window.parent;
  if (!parent || parent === window) {
    return Promise.reject(new JingmaiError('UNAVAILABLE', 'Not inside a Jingmai console frame.'));
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.removeEventListener('message', onMessage);
      reject(new JingmaiError('UNAVAILABLE', `No Jingmai console answered within ${timeoutMs} ms.`));
    }, timeoutMs);
    function onMessage(event: MessageEvent) {
      const data = event.data as Partial<Welcome> | null;
      if (event.source !== parent || data?.type !== WELCOME) return;
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      const port = event.ports[0];
      if (data.error || !port) reject(fromWireError(data.error));
      else resolve({ port, welcome: data as Welcome });
    }
    window.addEventListener('message', onMessage);
    parent.postMessage({ type: HELLO, versions: SUPPORTED_PROTOCOL_VERSIONS }, '*');
  });
}
