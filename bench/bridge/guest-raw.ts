// The raw baseline's app end: one hello to the parent, a port back, then `[id, payload]` frames
// matched to their resolvers by number. The least any MessageChannel RPC can do.
import type { Echo, Payload } from './contract.js';
import { RAW_HELLO, type RawRequest, type RawResponse } from './raw-wire.js';

function waitForPort(): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      const port = event.ports[0];
      if (event.source !== parent || !port) return;
      removeEventListener('message', onMessage);
      resolve(port);
    };
    addEventListener('message', onMessage);
    parent.postMessage(RAW_HELLO, '*');
  });
}

/** Connects and makes the first call. */
export async function connect(): Promise<Echo> {
  const port = await waitForPort();
  const pending = new Map<number, (payload: Payload) => void>();
  let nextId = 1;
  port.onmessage = (event: MessageEvent<RawResponse>) => {
    const [id, payload] = event.data;
    pending.get(id)?.(payload);
    pending.delete(id);
  };
  const echo: Echo = (payload, transfer) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      const request: RawRequest = transfer ? [id, payload, true] : [id, payload];
      port.postMessage(request, transfer ?? []);
    });
  await echo({ data: 0 });
  return echo;
}
