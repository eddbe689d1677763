// Keeps the frame as tall as the app's content: a ResizeObserver on the document, coalesced to
// one ui.resize per animation frame, sent only when the height changes. The host clamps it.

/** Starts following the document height; returns the function that stops. */
export function followContentHeight(
  window: Window,
  resize: (height: number) => Promise<unknown>,
): () => void {
  const root = window.document.documentElement;
  let sent = -1;
  let frame = 0;
  const measure = () => {
    frame = 0;
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === sent) return;
    sent = height;
    // A refused resize (no "ui" scope, rate limit) must not surface as an unhandled rejection.
    resize(height).catch(() => {});
  };
  const observer = new ResizeObserver(() => {
    if (!frame) frame = window.requestAnimationFrame(measure);
  });
  observer.observe(root);
  return () => {
    observer.disconnect();
    if (frame) window.cancelAnimationFrame(frame);
  };
}
