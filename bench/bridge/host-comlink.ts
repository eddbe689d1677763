// comlink's console end: the echo object exposed over the frame's window. comlink listens on the
// console window for every message (it has no source check); the listener is bound to an abort
// signal so a removed frame's exposure stops answering instead of piling up across rounds.
import * as Comlink from 'comlink';
import type { ComlinkApi } from './comlink-api.js';

const api: ComlinkApi = {
  echo: (payload) => payload,
  echoTransfer: (payload) => Comlink.transfer(payload, [payload.data as ArrayBuffer]),
};

/** Serves the app in `frame` (already in the document); returns the teardown. */
export function attachComlink(frame: HTMLIFrameElement): () => void {
  const source = frame.contentWindow;
  if (!source) throw new Error('the frame is not in the document');
  const exposure = new AbortController();
  const context: NonNullable<Parameters<typeof Comlink.windowEndpoint>[1]> = {
    addEventListener: (type, listener) => addEventListener(type, listener, { signal: exposure.signal }),
    removeEventListener: (type, listener) => removeEventListener(type, listener),
  };
  // A sandboxed frame posts with the origin "null".
  Comlink.expose(api, Comlink.windowEndpoint(source, context), ['null']);
  return () => exposure.abort();
}
