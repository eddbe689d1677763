// On a running clock nothing steps the dispatcher: an order's next callback must go out as soon as the one
// before it is answered and recorded, and a callback committed later must still be found.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, orderBody, startHarness } from '../testing/harness.js';

let h: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
  await h?.close();
  server?.closeAllConnections();
  server?.close();
});

async function until(condition: () => boolean): Promise<void> {
  const end = Date.now() + 3000;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A callback receiver that records arrivals and holds its answer to those `hold` picks until `release`. */
async function holdingReceiver(hold: (body: { order_id: string; order_status: number }) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const arrivals: string[] = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        order_id: string;
        order_status: number;
      };
      arrivals.push(`${body.order_id}:${body.order_status}`);
      if (hold(body)) await released;
      response.end('{"status":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  return { arrivals, release, url };
}

describe('callback dispatch on a running clock', () => {
  it("holds an order's next callback until the previous one is answered, then sends it unprompted", async () => {
    const {
      arrivals,
      release: answerFirst,
      url,
    } = await holdingReceiver((body) => body.order_id === 'S1' && body.order_status === 1);
    h = await startHarness({ clock: 'real', timings: { autoDispatch: false } });

    await h.client.addOrder(orderBody('S1', url));
    await until(() => arrivals.length === 1);
    await h.client.simulate.accept('S1'); // status 2 waits behind the unanswered status 1
    await h.client.addOrder(orderBody('S2', url)); // another order is not held up
    await until(() => arrivals.includes('S2:1'));
    expect(arrivals).toEqual(['S1:1', 'S2:1']);

    answerFirst();
    await until(() => arrivals.length === 3);
    expect(arrivals).toEqual(['S1:1', 'S2:1', 'S1:2']);
  });

  it('sends the changes an order commits while its first callback is unanswered, in order, afterwards', async () => {
    const { arrivals, release: answerFirst, url } = await holdingReceiver((body) => body.order_status === 1);
    h = await startHarness({ clock: 'real', timings: { autoDispatch: false } });

    await h.client.addOrder(orderBody('Q1', url));
    await until(() => arrivals.length === 1);
    await Promise.all([h.client.simulate.accept('Q1'), h.client.addOrder(orderBody('Q2', url))]);
    await h.client.simulate.fetch('Q1');
    await h.client.simulate.finish('Q1');
    await until(() => arrivals.length === 2);

    answerFirst();
    await until(() => arrivals.length === 5);
    expect(arrivals.filter((a) => a.startsWith('Q1:'))).toEqual(['Q1:1', 'Q1:2', 'Q1:3', 'Q1:4']);
  });
});
