import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMd5, THREADED_MD5_MIN_BYTES } from './md5-thread.js';

const md5Of = (data: Buffer) => createHash('md5').update(data).digest();

/** Feeds `data` in chunks of `size` bytes that are views into one larger buffer, as socket reads can be. */
function feed(md5: ReturnType<typeof createMd5>, data: Buffer, size: number): void {
  const backing = Buffer.concat([randomBytes(7), data, randomBytes(5)]);
  for (let offset = 0; offset < data.length; offset += size)
    md5.update(backing.subarray(7 + offset, 7 + Math.min(offset + size, data.length)));
}

describe('createMd5', () => {
  it('hashes a large body on the worker to the same digest as node:crypto', async () => {
    const data = randomBytes(3 * THREADED_MD5_MIN_BYTES + 123);
    const md5 = createMd5(data.length);
    feed(md5, data, 65_536);
    expect(await md5.digest()).toEqual(md5Of(data));
  });

  it('keeps concurrent bodies apart, whatever order their chunks arrive in', async () => {
    const bodies = Array.from({ length: 8 }, (_, i) => randomBytes(THREADED_MD5_MIN_BYTES + i * 1000));
    const hashes = bodies.map((body) => createMd5(body.length));
    for (let offset = 0; offset < bodies[7]!.length; offset += 10_000) {
      for (const [i, body] of bodies.entries()) {
        if (offset < body.length) hashes[i]!.update(body.subarray(offset, offset + 10_000));
      }
    }
    const digests = await Promise.all(hashes.map((hash) => hash.digest()));
    expect(digests).toEqual(bodies.map(md5Of));
  });

  it('forgets a discarded body and goes on serving the next ones', async () => {
    const dropped = createMd5(THREADED_MD5_MIN_BYTES);
    dropped.update(randomBytes(1000));
    dropped.discard();
    const data = randomBytes(THREADED_MD5_MIN_BYTES);
    const md5 = createMd5(data.length);
    feed(md5, data, 4096);
    expect(await md5.digest()).toEqual(md5Of(data));
  });

  it('hashes small and empty bodies inline', async () => {
    const small = randomBytes(1000);
    const md5 = createMd5(small.length);
    feed(md5, small, 100);
    expect(await md5.digest()).toEqual(md5Of(small));
    expect(await createMd5(0).digest()).toEqual(md5Of(Buffer.alloc(0)));
  });
});
