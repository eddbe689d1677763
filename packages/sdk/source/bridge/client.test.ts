import { FRAME, MAX_BATCH_FRAMES } from '@jingmai/protocol/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeClient } from './client.js';

afterEach(() => {
  vi.useRealTimers();
});

// A port stand-in whose frames the test delivers by hand, so fake timers alone drive the clock. `sent`
// holds the frames the client sent, batches unwrapped; `messages` what was posted, as posted.
function fakePort(clone: (message: unknown) => void = () => {}) {
  const sent: unknown[] = [];
  const messages: unknown[] = [];
  const port = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    postMessage: (message: unknown[]) => {
      clone(message);
      messages.push(message);
      if (message[0] === FRAME.BATCH) sent.push(...(message[1] as unknown[]));
      else sent.push(message);
    },
    close: () => {},
  };
  return {
    port: port as unknown as MessagePort,
    sent,
    messages,
    deliver: (frame: unknown) => port.onmessage?.({ data: frame }),
  };
}

describe('BridgeClient liveness', () => {
  it('stays connected while the host keeps pinging, and disconnects after three silent beats', async () => {
    vi.useFakeTimers();
    const { port, sent, deliver } = fakePort();
    const client = new BridgeClient(port, 100);
    const pending = client.call('ui.confirm', { title: 't', message: 'm' }).catch((error) => error.code);
    for (let beat = 1; beat <= 10; beat++) {
      deliver([FRAME.PING, beat]);
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(client.closedReason).toBeUndefined();
    expect(sent.filter((frame) => (frame as unknown[])[0] === FRAME.PONG)).toHaveLength(10);
    await vi.advanceTimersByTimeAsync(300);
    expect(client.closedReason?.code).toBe('DISCONNECTED');
    expect(await pending).toBe('DISCONNECTED');
  });

  it('expires a call the host never answers, and tells the host to stop it', async () => {
    vi.useFakeTimers();
    const { port, sent } = fakePort();
    const client = new BridgeClient(port, 0);
    const pending = client
      .call('ui.toast', { message: 'hi' }, { timeoutMs: 50 })
      .catch((error) => error.code);
    await vi.advanceTimersByTimeAsync(600);
    expect(await pending).toBe('TIMEOUT');
    expect(sent.at(-1)).toEqual([FRAME.CANCEL, 1]);
  });
});

describe('BridgeClient batching', () => {
  it('sends the frames of one task as one BATCH message, in order, and a lone frame as itself', async () => {
    const { port, sent, messages } = fakePort();
    const client = new BridgeClient(port, 0);
    for (let i = 0; i < 3; i++) void client.call('ui.toast', { message: `m${i}` });
    await Promise.resolve();
    expect(messages).toEqual([
      [FRAME.BATCH, [0, 1, 2].map((i) => [FRAME.CALL, i + 1, 'ui.toast', { message: `m${i}` }])],
    ]);
    void client.call('ui.toast', { message: 'alone' });
    await Promise.resolve();
    expect(messages.at(-1)).toEqual([FRAME.CALL, 4, 'ui.toast', { message: 'alone' }]);
    expect(sent).toHaveLength(4);
  });

  it('settles every call answered in a batch from the host, and dispatches its events in order', async () => {
    const { port, deliver } = fakePort();
    const client = new BridgeClient(port, 0);
    const seen: unknown[] = [];
    client.on('route', (payload) => seen.push(payload));
    const first = client.call('context.get', {});
    const second = client.call('ui.confirm', { title: 't', message: 'm' }).catch((error) => error.code);
    deliver([
      FRAME.BATCH,
      [
        [FRAME.EVENT, 'route', { path: '/a' }],
        [FRAME.RESULT, 1, { shop: 's' }],
        [FRAME.ERROR, 2, { code: 'PERMISSION_DENIED', message: 'no' }],
      ],
    ]);
    expect(await first).toEqual({ shop: 's' });
    expect(await second).toBe('PERMISSION_DENIED');
    expect(seen).toEqual([{ path: '/a' }]);
  });

  it('splits a burst into batches of at most MAX_BATCH_FRAMES', async () => {
    const { port, sent, messages } = fakePort();
    const client = new BridgeClient(port, 0);
    for (let i = 0; i < MAX_BATCH_FRAMES * 2 + 1; i++) void client.call('ui.toast', { message: 'x' });
    await Promise.resolve();
    expect(messages.map((message) => ((message as unknown[])[1] as unknown[]).length)).toEqual([
      MAX_BATCH_FRAMES,
      MAX_BATCH_FRAMES,
      1,
    ]);
    expect(sent.map((frame) => (frame as unknown[])[1])).toEqual(
      Array.from({ length: MAX_BATCH_FRAMES * 2 + 1 }, (_, i) => i + 1),
    );
  });

  it('queues a cancel behind its call, and sends a call with moved buffers after what was queued', async () => {
    const { port, messages } = fakePort();
    const client = new BridgeClient(port, 0);
    const controller = new AbortController();
    const aborted = client
      .call('ui.toast', { message: 'a' }, { signal: controller.signal })
      .catch((e) => e.code);
    controller.abort();
    const buffer = new ArrayBuffer(8);
    void client.call('storage.put', { key: 'k', data: buffer }, { transfer: [buffer] });
    expect(messages).toEqual([
      [
        FRAME.BATCH,
        [
          [FRAME.CALL, 1, 'ui.toast', { message: 'a' }],
          [FRAME.CANCEL, 1],
        ],
      ],
      [FRAME.CALL, 2, 'storage.put', { key: 'k', data: buffer }],
    ]);
    expect(await aborted).toBe('CANCELLED');
  });

  it('fails only the call whose arguments cannot be cloned; the rest of its batch goes out', async () => {
    const { port, sent } = fakePort((message) => {
      if (JSON.stringify(message, (_, value) => (typeof value === 'function' ? 'fn' : value)).includes('fn'))
        throw new DOMException('could not be cloned', 'DataCloneError');
    });
    const client = new BridgeClient(port, 0);
    const good = client.call('ui.toast', { message: 'ok' });
    const bad = client.call('ui.toast', { message: () => {} }).catch((error) => error.code);
    await Promise.resolve();
    expect(await bad).toBe('INVALID_ARGUMENT');
    expect(sent).toEqual([[FRAME.CALL, 1, 'ui.toast', { message: 'ok' }]]);
    client.close();
    await expect(good).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});
