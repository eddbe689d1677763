// The app origin: each app's current build under /<slug>/, and the error forwarder. Frames are
// sandboxed (origin "null"), so module scripts and their assets need CORS for any origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppBuild } from './app-bundler.js';
import { ERROR_FORWARDER_PATH } from './app-html.js';
import { ERROR_FORWARDER_SCRIPT } from './error-forwarder.js';

/** Serves the builds `buildOf(slug)` returns. */
export function appRequestHandler(buildOf: (slug: string) => AppBuild | undefined) {
  return (request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('access-control-allow-origin', '*');
    response.setHeader('cache-control', 'no-store');
    const path = new URL(request.url ?? '/', 'http://apps.invalid').pathname;
    if (path === ERROR_FORWARDER_PATH) {
      response
        .writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' })
        .end(ERROR_FORWARDER_SCRIPT);
      return;
    }
    const [, slug = '', ...rest] = path.split('/');
    const build = buildOf(slug);
    if (build && rest.length === 0) {
      // "/hello" → "/hello/", so the page's relative URLs resolve under the slug.
      response.writeHead(308, { location: `/${slug}/` }).end();
      return;
    }
    const file = build?.files.get(rest.join('/'));
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': file.type }).end(file.body);
  };
}
