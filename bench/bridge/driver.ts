// The app side of the measurements, the same for every transport: connect, tell the console, then
// wait for the runner to call the loops below in this frame. Timing runs here, in the caller.
import { type BenchApp, CONNECTED, type Echo } from './contract.js';

function measurements(echo: Echo): BenchApp {
  return {
    async latency(count, warmup) {
      const timed = async () => {
        const samples: number[] = [];
        for (let i = 0; i < count; i++) {
          const start = performance.now();
          await echo({ data: i });
          samples.push(performance.now() - start);
        }
        return samples;
      };
      const cold = await timed();
      for (let i = 0; i < warmup; i++) await echo({ data: i });
      return { cold, warm: await timed() };
    },
    async throughput(total, inFlight) {
      let issued = 0;
      const worker = async () => {
        while (issued < total) {
          issued += 1;
          await echo({ data: issued });
        }
      };
      const start = performance.now();
      await Promise.all(Array.from({ length: inFlight }, worker));
      return total / ((performance.now() - start) / 1000);
    },
    async buffer(count, bytes, transfer) {
      const samples: number[] = [];
      let buffer = new ArrayBuffer(bytes);
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        const reply = await echo({ data: buffer }, transfer ? [buffer] : undefined);
        samples.push(performance.now() - start);
        // The transferred buffer comes back; a wrong echo would make the timing meaningless.
        if (!(reply.data instanceof ArrayBuffer) || reply.data.byteLength !== bytes)
          throw new Error('the echo did not return the buffer');
        buffer = reply.data;
      }
      return samples;
    },
  };
}

/** Connects with `connect`, then exposes the loops as `benchApp` and tells the console. */
export function runApp(connect: () => Promise<Echo>): void {
  void connect().then((echo) => {
    Object.assign(globalThis, { benchApp: measurements(echo) });
    parent.postMessage(CONNECTED, '*');
  });
}
