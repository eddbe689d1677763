// The callback receiver, run as its own process so the load generator's event loop does not also serve the
// shim's callbacks. It notes each (order, status) arrival on the wall clock the parent shares
// (performance.timeOrigin + performance.now()) and answers the parent's questions over IPC.

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SinkReply, SinkRequest } from './sink-protocol.js';

const arrivals = new Map<string, number>();
const counts = new Map<number, number>();

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const now = performance.timeOrigin + performance.now();
    const callback = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      order_id: string;
      order_status: number;
    };
    arrivals.set(`${callback.order_id}:${callback.order_status}`, now);
    counts.set(callback.order_status, (counts.get(callback.order_status) ?? 0) + 1);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
});
server.keepAliveTimeout = 30_000;

function answer(request: SinkRequest): SinkReply['value'] {
  switch (request.op) {
    case 'count':
      return counts.get(request.status) ?? 0;
    case 'arrived':
      return request.keys.filter((key) => arrivals.has(key)).length;
    case 'arrivals':
      return request.keys.map((key) => arrivals.get(key) ?? Number.NaN);
  }
}

process.on('message', (request: SinkRequest) => {
  process.send!({ id: request.id, value: answer(request) } satisfies SinkReply);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
server.listen(0, '127.0.0.1', () =>
  process.send!({ id: 0, value: (server.address() as AddressInfo).port } satisfies SinkReply),
);
