// Sequential writes into one open file for a body that arrives in many small pieces. Pieces that come in
// while a write is in flight are gathered and go out together in one writev, so the number of write calls
// follows the disk's pace rather than the network's packet size. The appender never closes the file: its
// owner does, after `finish`, so no write can still be running when the descriptor goes away.
import type { FileHandle } from 'node:fs/promises';

export class FileAppender {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private position = 0;
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;
  private drained: (() => void)[] = [];

  constructor(
    private readonly handle: FileHandle,
    /** Bytes allowed to wait for the disk before `write` asks the producer to pause. */
    private readonly highWaterMark: number,
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

  /** Resolves when every queued byte is written; rejects with the first write error. */
  async finish(): Promise<void> {
    while (this.writing) await this.writing;
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

  private wake(): void {
    const waiting = this.drained;
    this.drained = [];
    for (const resume of waiting) resume();
  }
}
