import { describe, expect, it } from 'vitest';
import { FRAME } from '../contract/frames.js';
import { postBatch } from './batch.js';

// A port that refuses, as structured clone does, any message holding a function.
function port() {
  const posted: unknown[] = [];
  return {
    posted,
    port: {
      postMessage(message: unknown) {
        if (JSON.stringify(message, (_, v) => (typeof v === 'function' ? 'fn' : v)).includes('"fn"'))
          throw new DOMException('could not be cloned', 'DataCloneError');
        posted.push(message);
      },
    } as unknown as MessagePort,
  };
}

describe('postBatch', () => {
  it('posts several frames as one BATCH, and leaves their bookkeeping to the caller', () => {
    const { port: target, posted } = port();
    const alone: unknown[] = [];
    const frames = [
      [FRAME.RESULT, 1, 'a'],
      [FRAME.RESULT, 2, 'b'],
    ];
    expect(postBatch(target, frames, (frame) => alone.push(frame))).toBe(true);
    expect(posted).toEqual([[FRAME.BATCH, frames]]);
    expect(alone).toEqual([]);
  });

  it('hands every frame of a batch that cannot be cloned to `alone`, in order', () => {
    const { port: target, posted } = port();
    const alone: [unknown, number][] = [];
    const frames = [
      [FRAME.RESULT, 1, 'ok'],
      [FRAME.RESULT, 2, () => 'not cloneable'],
    ];
    expect(postBatch(target, frames, (frame, index) => alone.push([frame, index]))).toBe(false);
    expect(posted).toEqual([]);
    expect(alone).toEqual([
      [frames[0], 0],
      [frames[1], 1],
    ]);
  });
});
