// Posting a run of port frames as one BATCH message. Structured clone fails for a whole message, so when
// a batch cannot be cloned its frames go one by one instead, and only the frame at fault fails. Zod-free:
// the SDK and the host both batch with it.
import { FRAME } from '../contract/frames.js';

/**
 * Posts `frames` as one BATCH message. If the batch cannot be cloned, each frame goes through `alone`
 * instead, in order (`alone` posts a frame and handles its own failure). Returns true when the batch
 * left as one message, whose bookkeeping `alone` then did not do.
 */
export function postBatch(
  port: MessagePort,
  frames: readonly unknown[][],
  alone: (frame: unknown[], index: number) => void,
): boolean {
  try {
    port.postMessage([FRAME.BATCH, frames]);
    return true;
  } catch {
    frames.forEach(alone);
    return false;
  }
}
