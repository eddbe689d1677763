// App frames the bench inserts itself, with the attributes and geometry host.mount gives its frames:
// scripts only, no referrer, an empty permissions policy, full width (a wider frame costs the
// renderer more, so every transport gets the same one). A measurement frame also gets the
// cross-origin-isolated feature, the only way its performance.now() gets 5 µs instead of 100 µs.

/** A detached app frame for `src`. */
export function appFrame(src: string, isolated: boolean): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('allow', isolated ? 'cross-origin-isolated *' : '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('title', 'bench app');
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.display = 'block';
  frame.style.height = '200px';
  frame.src = src;
  return frame;
}

/** Resolves when the app in `frame` posts that its first call resolved. */
export function connected(frame: HTMLIFrameElement, signal: string): Promise<void> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== frame.contentWindow || event.data !== signal) return;
      removeEventListener('message', onMessage);
      resolve();
    };
    addEventListener('message', onMessage);
  });
}
