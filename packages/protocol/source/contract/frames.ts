// Wire framing. The handshake uses window.postMessage once; everything after it travels on the
// private MessagePort as small arrays tagged by a number (cheap to structured-clone and to check).

/** Tag of the app's hello, posted to its parent window. */
export const HELLO = 'jingmai:hello';
/** Tag of the host's answer, posted to the frame with the port transferred. */
export const WELCOME = 'jingmai:welcome';

/** Tags of the port frames. */
export const FRAME = {
  /** app → host: `[CALL, id, method, params, timeoutMs?]` */
  CALL: 0,
  /** host → app: `[RESULT, id, value]` */
  RESULT: 1,
  /** host → app: `[ERROR, id, wireError]` */
  ERROR: 2,
  /** host → app: `[EVENT, name, payload]` */
  EVENT: 3,
  /** host → app: `[PING, seq]` */
  PING: 4,
  /** app → host: `[PONG, seq]` */
  PONG: 5,
  /** app → host: `[CANCEL, id]` */
  CANCEL: 6,
  /** host → app: `[CLOSE, wireError]`: the host ended the session; pending calls fail with it. */
  CLOSE: 7,
  /**
   * both ways: `[BATCH, frames]`, frames posted in one message and handled in order, each exactly as if
   * it came alone. The app sends up to {@link MAX_BATCH_FRAMES} (never a batch) for what it sent in one
   * task; the host answers a batch with one holding its replies. One message instead of many is what lets
   * a burst of calls cost less than a message per call each way.
   */
  BATCH: 8,
} as const;

/** The most frames one BATCH may carry; a larger or nested batch is dropped whole. */
export const MAX_BATCH_FRAMES = 256;
