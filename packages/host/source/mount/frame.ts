// The iframe an app runs in. Scripts only: never same-origin, never top navigation; extra sandbox
// tokens only when the manifest asks for them and the console granted them. No permissions
// policy features, no referrer.
import { FRAME_PERMISSIONS, JingmaiError, type Manifest } from '@jingmai/protocol';

/** A frame permission (iframe sandbox token) an app may be granted. */
export type FramePermission = (typeof FRAME_PERMISSIONS)[number];

/** Checks the app URL: absolute http(s), and on another origin than the console. */
export function checkAppSource(src: string, consoleOrigin: string): URL {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    throw new JingmaiError('INVALID_ARGUMENT', `App source "${src.slice(0, 200)}" is not an absolute URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new JingmaiError('INVALID_ARGUMENT', `App source must be http(s), not "${url.protocol}".`);
  }
  if (url.origin === consoleOrigin) {
    throw new JingmaiError('INVALID_ARGUMENT', 'Apps must be served from another origin than the console.', {
      details: { origin: url.origin },
    });
  }
  return url;
}

/** The sandbox tokens of an app frame. */
export function sandboxTokens(manifest: Manifest, granted: readonly FramePermission[]): string {
  const extra = manifest.sandbox.allow.filter(
    (token) => granted.includes(token) && FRAME_PERMISSIONS.includes(token),
  );
  return ['allow-scripts', ...extra].join(' ');
}

/** Creates the frame element for an app (not yet attached). */
export function createAppFrame(
  document: Document,
  manifest: Manifest,
  src: URL,
  granted: readonly FramePermission[],
) {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', sandboxTokens(manifest, granted));
  frame.setAttribute('allow', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.setAttribute('title', manifest.name);
  frame.dataset.jingmaiApp = manifest.id;
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.display = 'block';
  frame.style.height = `${manifest.ui.height.default}px`;
  frame.src = src.href;
  return frame;
}

/** Holds a requested height within the manifest's bounds. */
export function clampHeight(manifest: Manifest, height: number): number {
  const { min, max } = manifest.ui.height;
  return Math.min(max, Math.max(min, Math.round(height)));
}
