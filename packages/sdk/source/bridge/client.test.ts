import { FRAME } from '@jingmai/protocol/constants';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeClient } from './client.js';

afterEach(() => {
  vi.useRealTimers();
});

// A port stand-in whose frames the test delivers by hand, so fake timers alone drive the clock.
function fakePort() {
  const sent: unknown[] = [];
  const port = {
    onmessage: null as ((event: { data: unknown }) => void) | null,
    postMessage: (frame: unknown) => sent.push(frame),
    close: () => {},
  };
  return {
    port: port as unknown as MessagePort,
    sent,
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
