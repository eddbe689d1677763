// The file appender: bytes land in order, pieces queued during a write go out together, the producer is
// told to pause past the high-water mark and resumed once the queue is taken, and a failed write surfaces.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileAppender } from './file-appender.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'oss-shim-appender-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A handle whose writev calls are counted. */
function counting(handle: FileHandle): { handle: FileHandle; writes: () => number } {
  let writes = 0;
  const writev = handle.writev.bind(handle);
  handle.writev = (buffers, position) => {
    writes += 1;
    return writev(buffers, position);
  };
  return { handle, writes: () => writes };
}

describe('FileAppender', () => {
  it('writes every piece in order, gathering the ones queued behind a write into one call', async () => {
    const path = join(dir, 'ordered');
    const { handle, writes } = counting(await open(path, 'w'));
    const appender = new FileAppender(handle, 1 << 20, 1 << 30);
    const pieces = Array.from({ length: 50 }, (_, i) => Buffer.alloc(1000 + i, i));
    for (const piece of pieces) expect(appender.write(piece)).toBe(true);
    await appender.finish();
    await handle.close();
    expect(readFileSync(path).equals(Buffer.concat(pieces))).toBe(true);
    // The first piece starts a write at once; the 49 queued behind it share the next one.
    expect(writes()).toBe(2);
  });

  it('asks for a pause past the high-water mark and resumes the producer when the queue is taken', async () => {
    const path = join(dir, 'paced');
    const handle = await open(path, 'w');
    const appender = new FileAppender(handle, 4096, 1 << 30);
    expect(appender.write(Buffer.alloc(1000, 1))).toBe(true);
    expect(appender.write(Buffer.alloc(5000, 2))).toBe(false);
    let resumed = false;
    appender.whenDrained(() => {
      resumed = true;
    });
    expect(resumed).toBe(false);
    await appender.finish();
    expect(resumed).toBe(true);
    await handle.close();
    expect(readFileSync(path).length).toBe(6000);
  });

  it('flushes to the disk in the background every flushEvery bytes, and finish waits for the flush', async () => {
    const handle = await open(join(dir, 'flushed'), 'w');
    let flushes = 0;
    let flushDone = false;
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      flushes += 1;
      await datasync();
      await new Promise((resolve) => setTimeout(resolve, 20));
      flushDone = true;
    };
    const appender = new FileAppender(handle, 1 << 20, 10_000);
    appender.write(Buffer.alloc(6000));
    await appender.finish();
    expect(flushes).toBe(0);
    appender.write(Buffer.alloc(6000));
    await appender.finish();
    expect(flushes).toBe(1);
    expect(flushDone).toBe(true);
    await handle.close();
  });

  it('rejects finish with a write failure and refuses further pieces', async () => {
    const handle = await open(join(dir, 'failing'), 'w');
    handle.writev = () => Promise.reject(new Error('disk on fire'));
    const appender = new FileAppender(handle, 4096, 1 << 30);
    appender.write(Buffer.alloc(10));
    await expect(appender.finish()).rejects.toThrow('disk on fire');
    expect(() => appender.write(Buffer.alloc(10))).toThrow('disk on fire');
    await handle.close();
  });
});
