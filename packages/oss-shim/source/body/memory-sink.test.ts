// The in-memory sink keeps exactly the expected bytes and never writes past its buffer.
import { describe, expect, it } from 'vitest';
import { MemorySink } from './memory-sink.js';

describe('MemorySink', () => {
  it('assembles the pieces of a body of the expected length', () => {
    const sink = new MemorySink(10);
    sink.write(Buffer.from('hello'));
    sink.write(Buffer.from('world'));
    expect(sink.bytes().toString()).toBe('helloworld');
  });

  it('keeps no more than the expected length when more arrives', () => {
    const sink = new MemorySink(4);
    sink.write(Buffer.from('abc'));
    sink.write(Buffer.from('defg'));
    expect(sink.bytes().toString()).toBe('abcd');
  });
});
