// A file being written under the data dir's tmp/: bytes stream in (or are staged whole, for a small body),
// the trailer is appended, then it is fsynced and closed, ready to be renamed into place. Anything left in
// tmp/ after a crash is deleted at the next start, so an interrupted write is never visible.
import { randomBytes } from 'node:crypto';
import { type FileHandle, open, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { FileAppender } from './file-appender.js';
import { encodeTrailer } from './object-file.js';

const WRITE_HIGH_WATER_MARK = 1024 * 1024;
/** A large body's bytes are pushed to the disk every 8 MiB while it arrives. */
const FLUSH_EVERY = 8 * 1024 * 1024;

/** Temp names: a random prefix per process and a counter, unique without drawing random bytes per file. */
const namePrefix = randomBytes(6).toString('hex');
let nameCounter = 0;

export class TempFile {
  private closed = false;
  private staged: Buffer | undefined;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  static async create(dir: string): Promise<TempFile> {
    nameCounter += 1;
    const path = join(dir, `${namePrefix}-${nameCounter.toString(36)}.tmp`);
    return new TempFile(path, await open(path, 'wx'));
  }

  /** Sequential writes of the data from offset 0; the file stays open when they finish. */
  appender(): FileAppender {
    return new FileAppender(this.handle, WRITE_HIGH_WATER_MARK, FLUSH_EVERY);
  }

  async write(chunk: Uint8Array, position: number): Promise<void> {
    await this.handle.write(chunk, 0, chunk.length, position);
  }

  /** The whole data, held until `seal` writes it together with the trailer in a single call. */
  stage(data: Buffer): void {
    this.staged = data;
  }

  /** Writes any staged data, appends the metadata after `dataSize` bytes, fsyncs and closes. */
  async seal(dataSize: number, meta: unknown): Promise<void> {
    const trailer = encodeTrailer(meta);
    if (this.staged) {
      if (this.staged.length !== dataSize) throw new Error('The staged data is not the sealed size.');
      const bytes = this.staged.length + trailer.length;
      const { bytesWritten } = await this.handle.writev([this.staged, trailer], 0);
      if (bytesWritten !== bytes) throw new Error(`Short write: ${bytesWritten} of ${bytes} bytes.`);
    } else {
      await this.handle.write(trailer, 0, trailer.length, dataSize);
    }
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
