// Collects a body of known length in one buffer. Small bodies are taken whole this way, so they reach the
// disk in a single write together with their metadata, and XML documents are parsed from it.

export class MemorySink {
  private readonly buffer: Buffer;
  private received = 0;

  constructor(expectedLength: number) {
    this.buffer = Buffer.allocUnsafe(expectedLength);
  }

  /** Copies `chunk` in; bytes beyond the expected length are counted but not kept (the length check fails). */
  write(chunk: Buffer): boolean {
    // Buffer#copy stops at the end of the target.
    if (this.received < this.buffer.length) chunk.copy(this.buffer, this.received);
    this.received += chunk.length;
    return true;
  }

  whenDrained(resume: () => void): void {
    resume();
  }

  async finish(): Promise<void> {}

  /** What arrived, up to the expected length. */
  bytes(): Buffer {
    return this.buffer.subarray(0, Math.min(this.received, this.buffer.length));
  }
}
