// The app in its sandboxed frame. Mounting, hot reload and error forwarding live here; what the
// console learns (calls, errors, build problems) goes to the app's activity, outside the frame.
import type { AppHandle, Host } from '@jingmai/host';
import type { Scope } from '@jingmai/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AppActivity } from '../activity';
import { onAppBuilt } from '../app-builds';
import type { AppEntry } from '../config';
import type { DevApi } from '../dev-api';
import { readDevError, reportedLocation } from '../errors/dev-error-message';

type Status = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

export function AppStage(props: {
  host: Host;
  app: AppEntry;
  grants: readonly Scope[];
  activity: AppActivity;
  dev: DevApi;
  onHandle: (handle: AppHandle | null) => void;
}) {
  const { host, app, activity, dev, onHandle } = props;
  const slot = useRef<HTMLDivElement>(null);
  const grants = useRef(props.grants);
  grants.current = props.grants;
  const [handle, setHandle] = useState<AppHandle>();
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>({ state: 'loading' });
  const appId = app.manifest.id;

  useEffect(() => {
    if (!slot.current) return;
    const mounted = host.mount(slot.current, {
      manifest: app.manifest,
      src: app.src,
      grants: grants.current,
    });
    const stops = [
      mounted.on('call', (record) => activity.addCall(record)),
      mounted.on('title', setTitle),
      mounted.on('busy', setBusy),
      mounted.on('loading', () => setStatus({ state: 'loading' })),
      mounted.on('ready', () => setStatus({ state: 'ready' })),
      mounted.on('error', (error) =>
        setStatus({ state: 'failed', message: `${error.code}: ${error.message}` }),
      ),
      mounted.on('crashed', () => setStatus({ state: 'failed', message: 'The app stopped answering.' })),
      // A rebuilt app reloads in place; a failed build keeps the running one and shows the problems.
      onAppBuilt((built) => {
        if (built.appId !== appId) return;
        activity.setProblems(built.problems);
        if (built.problems.length === 0) mounted.reload();
      }),
    ];
    const onMessage = (event: MessageEvent) => {
      // Only the app's own frame may report its errors.
      if (event.source !== mounted.frame.contentWindow) return;
      const report = readDevError(event.data);
      if (!report) return;
      const raw = reportedLocation(report);
      const id = activity.addError(report, raw);
      dev
        .sourceLocation({
          appId,
          filename: raw?.file ?? '',
          line: raw?.line ?? 0,
          column: raw?.column ?? 0,
          stack: report.stack,
        })
        .then((mapped) => activity.locateError(id, mapped.location, mapped.stack))
        .catch(() => undefined);
    };
    window.addEventListener('message', onMessage);
    setHandle(mounted);
    onHandle(mounted);
    return () => {
      window.removeEventListener('message', onMessage);
      for (const stop of stops) stop();
      mounted.unmount();
      onHandle(null);
    };
  }, [host, app, appId, activity, dev, onHandle]);

  useEffect(() => {
    handle?.setGrants(props.grants);
  }, [handle, props.grants]);

  return (
    <section class="app-stage">
      <header>
        <h2>
          {app.manifest.name}
          {title ? ` · ${title}` : ''}
        </h2>
        <span class={`app-status app-status-${status.state}`} data-state={status.state}>
          {busy ? 'working…' : status.state === 'failed' ? status.message : status.state}
        </span>
      </header>
      <div class="frame-slot" ref={slot} />
    </section>
  );
}
