// The raw baseline's console end: answers the frame's hello with a port, then echoes each
// `[id, payload]` frame back as it came.
import { RAW_HELLO, type RawRequest, type RawResponse } from './raw-wire.js';

/** Serves the app in `frame` (already in the document); returns the teardown. */
export function attachRaw(frame: HTMLIFrameElement): () => void {
  const source = frame.contentWindow;
  const onMessage = (event: MessageEvent) => {
    if (!source || event.source !== source || event.data !== RAW_HELLO) return;
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = (message: MessageEvent<RawRequest>) => {
      const [id, payload, transferBack] = message.data;
      const response: RawResponse = [id, payload];
      port1.postMessage(response, transferBack ? [payload.data as ArrayBuffer] : []);
    };
    source.postMessage(null, '*', [port2]);
  };
  addEventListener('message', onMessage);
  return () => removeEventListener('message', onMessage);
}
