// The MD5 every stored object needs (its ETag), computed on a worker thread for large bodies. MD5 is the
// slowest digest S3 asks of us (about 1.7 ms per MiB here, where SHA-256 with SHA-NI takes 0.7) and
// WebCrypto cannot run it off the main thread, so one shared worker hashes while the main thread goes on
// receiving the body and updating the other digests. Small bodies hash inline: for them the messages would
// cost more than the hash.
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Bodies at least this large are hashed on the worker. */
export const THREADED_MD5_MIN_BYTES = 256 * 1024;

// CommonJS evaluated in the worker: a hash per body id; an empty message ends the body and answers its
// digest, a `false` one drops it.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const running = new Map();
parentPort.on('message', ([id, chunk]) => {
  if (chunk instanceof ArrayBuffer) {
    let hash = running.get(id);
    if (!hash) running.set(id, (hash = createHash('md5')));
    hash.update(new Uint8Array(chunk));
    return;
  }
  const hash = running.get(id) ?? createHash('md5');
  running.delete(id);
  if (chunk !== false) parentPort.postMessage([id, hash.digest()]);
});
`;

export interface Md5 {
  update(chunk: Buffer): void;
  /** The digest of everything updated; call it or `discard` exactly once. */
  digest(): Promise<Buffer>;
  /** Forgets the body (it failed before its digest was wanted). */
  discard(): void;
}

let worker: Worker | undefined;
let nextId = 0;
const waiting = new Map<number, { resolve: (digest: Buffer) => void; reject: (error: Error) => void }>();

function sharedWorker(): Worker {
  if (worker) return worker;
  const started = new Worker(WORKER_SOURCE, { eval: true });
  // The worker never keeps the process alive: a server that closes lets node exit.
  started.unref();
  started.on('message', ([id, digest]: [number, Uint8Array]) => {
    waiting.get(id)?.resolve(Buffer.from(digest.buffer, digest.byteOffset, digest.byteLength));
    waiting.delete(id);
  });
  const fail = (error: Error) => {
    if (worker === started) worker = undefined;
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  started.on('error', fail);
  started.on('exit', (code) => fail(new Error(`The MD5 worker exited with code ${code}.`)));
  worker = started;
  return started;
}

function inlineMd5(): Md5 {
  const hash = createHash('md5');
  return {
    update: (chunk) => {
      hash.update(chunk);
    },
    digest: () => Promise.resolve(hash.digest()),
    discard: () => {},
  };
}

function threadedMd5(): Md5 {
  const thread = sharedWorker();
  nextId = (nextId + 1) % Number.MAX_SAFE_INTEGER;
  const id = nextId;
  return {
    update(chunk) {
      // A copy the worker owns: the chunk's memory may be shared with other buffers.
      const copy = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength) as ArrayBuffer;
      thread.postMessage([id, copy], [copy]);
    },
    digest() {
      // A worker that stopped since this body began has lost its chunks.
      if (worker !== thread) return Promise.reject(new Error('The MD5 worker stopped.'));
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        thread.postMessage([id, null]);
      });
    },
    discard() {
      thread.postMessage([id, false]);
    },
  };
}

/** An MD5 for a body of `size` bytes: on the worker when large, inline otherwise. */
export function createMd5(size: number): Md5 {
  return size >= THREADED_MD5_MIN_BYTES ? threadedMd5() : inlineMd5();
}
