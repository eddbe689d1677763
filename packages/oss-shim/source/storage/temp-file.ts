// A file being written under the data dir's tmp/: bytes stream in, the trailer is appended, then it is
// fsynced and closed, ready to be renamed into place. Anything left in tmp/ after a crash is deleted at
// the next start, so an interrupted write is never visible.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { appendTrailer } from './object-file.js';

const WRITE_HIGH_WATER_MARK = 1024 * 1024;

export class TempFile {
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string): Promise<TempFile> {
    const path = join(dir, `${randomBytes(12).toString('hex')}.tmp`);
    return new TempFile(path, await open(path, 'wx'));
  }

  /** A stream writing the data from offset 0; the handle stays open when it finishes. */
  writable(): Writable {
    // A numeric fd, not the FileHandle: a FileHandle stream holds the handle open until it is destroyed.
    return createWriteStream('', {
      fd: this.handle.fd,
      autoClose: false,
      highWaterMark: WRITE_HIGH_WATER_MARK,
    });
  }

  async write(chunk: Uint8Array, position: number): Promise<void> {
    await this.handle.write(chunk, 0, chunk.length, position);
  }

  /** Appends the metadata after `dataSize` bytes, fsyncs and closes. */
  async seal(dataSize: number, meta: unknown): Promise<void> {
    await appendTrailer(this.handle, dataSize, meta);
    await this.handle.sync();
    this.closed = true;
    await this.handle.close();
  }

  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await unlink(this.path).catch(() => undefined);
  }
}
