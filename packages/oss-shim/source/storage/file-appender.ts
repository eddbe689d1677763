// Sequential writes into one open file for a body that arrives in many small pieces. Pieces that come in
// while a write is in flight are gathered and go out together in one writev, so the number of write calls
// follows the disk's pace rather than the network's packet size. Every `flushEvery` bytes it starts an
// fdatasync in the background, so the disk writes a large body while the rest of it still arrives instead
// of all at once in the final fsync (the owner's fsync still decides durability). The appender never
// closes the file: its owner does, after `finish`, so no write or flush can still be running then.
import type { FileHandle } from 'node:fs/promises';

export class FileAppender {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private position = 0;
  private writing: Promise<void> | undefined;
  private flushing: Promise<void> | undefined;
  private unflushed = 0;
  private failure: Error | undefined;
  private drained: (() => void)[] = [];

  constructor(
    private readonly handle: FileHandle,
    /** Bytes allowed to wait for the disk before `write` asks the producer to pause. */
    private readonly highWaterMark: number,
    /** Bytes written between background flushes. */
    private readonly flushEvery: number,
  ) {}

  /** Queues `chunk` (kept by reference) for writing; false when the producer should wait for `whenDrained`. */
  write(chunk: Buffer): boolean {
    if (this.failure) throw this.failure;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.writing ??= this.writeLoop();
    return this.pendingBytes < this.highWaterMark;
  }

  /** Calls `resume` once queued bytes are on their way to the disk (or writing has failed). */
  whenDrained(resume: () => void): void {
    if (this.pendingBytes < this.highWaterMark || this.failure) resume();
    else this.drained.push(resume);
  }

  /** Resolves when every queued byte is written and no flush runs; rejects with the first error. */
  async finish(): Promise<void> {
    while (this.writing || this.flushing) await (this.writing ?? this.flushing);
    if (this.failure) throw this.failure;
  }

  private async writeLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        const bytes = this.pendingBytes;
        this.pending = [];
        this.pendingBytes = 0;
        this.wake();
        const { bytesWritten } = await this.handle.writev(batch, this.position);
        if (bytesWritten !== bytes) throw new Error(`Short write: ${bytesWritten} of ${bytes} bytes.`);
        this.position += bytes;
        this.unflushed += bytes;
        if (this.unflushed >= this.flushEvery && !this.flushing) this.startFlush();
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.pending = [];
      this.pendingBytes = 0;
    } finally {
      this.writing = undefined;
      this.wake();
    }
  }

  private startFlush(): void {
    this.unflushed = 0;
    this.flushing = this.handle.datasync().then(
      () => {
        this.flushing = undefined;
      },
      (error: unknown) => {
        this.failure ??= error instanceof Error ? error : new Error(String(error));
        this.flushing = undefined;
      },
    );
  }

  private wake(): void {
    const waiting = this.drained;
    this.drained = [];
    for (const resume of waiting) resume();
  }
}
