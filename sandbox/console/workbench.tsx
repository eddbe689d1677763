// The console: header, navigation, the selected app, and the devtools. Everything the console
// knows about an app (calls, errors, grants, status events) lives here, outside the app's frame.
import type { AppHandle, HostContext } from '@jingmai/host';
import type { DeliveryOrder, Scope } from '@jingmai/protocol';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { AppActivity, useActivity } from './activity';
import type { SandboxConfig } from './config';
import { INITIAL_CONTEXT } from './console-context';
import { useConsoleHost } from './console-host';
import { DeliveryPanel } from './delivery/delivery-panel';
import { createDevApi } from './dev-api';
import { ContextSwitcher } from './devtools/context-switcher';
import { Devtools } from './devtools/devtools';
import { Inspector } from './devtools/inspector';
import { Permissions } from './devtools/permissions';
import { ErrorPanel } from './errors/error-panel';
import { AppNav } from './shell/app-nav';
import { AppStage } from './shell/app-stage';
import { Header } from './shell/header';
import { StorageBrowser } from './storage/storage-browser';

export function Workbench({ config }: { config: SandboxConfig }) {
  const [selected, setSelected] = useState(0);
  const [context, setContext] = useState<HostContext>(INITIAL_CONTEXT);
  const [handle, setHandle] = useState<AppHandle | null>(null);
  const dev = useMemo(() => createDevApi(config.devToken), [config]);
  const activities = useMemo(
    () => new Map(config.apps.map((app) => [app.manifest.id, new AppActivity()])),
    [config],
  );
  const [grants, setGrants] = useState<Readonly<Record<string, readonly Scope[]>>>(() =>
    Object.fromEntries(
      config.apps.map((app) => [app.manifest.id, app.manifest.scopes.map(({ scope }) => scope)]),
    ),
  );
  const onStatus = useCallback(
    (appId: string, order: DeliveryOrder) => activities.get(appId)?.addStatus(order, Date.now()),
    [activities],
  );
  const consoleHost = useConsoleHost(config, context, onStatus);
  const app = config.apps[selected];
  const activity = app ? activities.get(app.manifest.id) : undefined;
  const idle = useMemo(() => new AppActivity(), []);
  // The tab badges follow the selected app's activity.
  useActivity(activity ?? idle);

  return (
    <div class="workbench" data-theme={context.theme}>
      <Header apps={config.apps} selected={selected} onSelect={setSelected} context={context} />
      <div class="workspace">
        <AppNav apps={config.apps} selected={selected} onSelect={setSelected} />
        {app && activity && consoleHost ? (
          <>
            <AppStage
              key={`${app.manifest.id}`}
              host={consoleHost.host}
              app={app}
              grants={grants[app.manifest.id] ?? []}
              activity={activity}
              dev={dev}
              onHandle={setHandle}
            />
            <Devtools
              tabs={[
                {
                  id: 'calls',
                  label: 'Bridge calls',
                  badge: activity.calls.length,
                  render: () => <Inspector appId={app.manifest.id} activity={activity} />,
                },
                {
                  id: 'permissions',
                  label: 'Permissions',
                  render: () => (
                    <Permissions
                      app={app}
                      granted={grants[app.manifest.id] ?? []}
                      onChange={(scopes) => setGrants({ ...grants, [app.manifest.id]: scopes })}
                      onReload={() => handle?.reload()}
                    />
                  ),
                },
                {
                  id: 'context',
                  label: 'Context',
                  render: () => <ContextSwitcher context={context} onChange={setContext} />,
                },
                {
                  id: 'storage',
                  label: 'Storage',
                  render: () => (
                    <StorageBrowser
                      platform={consoleHost.platform}
                      appId={app.manifest.id}
                      shopId={context.shop.id}
                      activity={activity}
                    />
                  ),
                },
                {
                  id: 'delivery',
                  label: 'Delivery',
                  render: () => (
                    <DeliveryPanel
                      platform={consoleHost.platform}
                      dev={dev}
                      appId={app.manifest.id}
                      shopId={context.shop.id}
                      activity={activity}
                    />
                  ),
                },
                {
                  id: 'errors',
                  label: 'Errors',
                  badge: activity.errors.length + activity.problems.length,
                  render: () => <ErrorPanel activity={activity} />,
                },
              ]}
            />
          </>
        ) : (
          <main class="app-stage">
            <p class="hint">{config.apps.length ? 'Starting…' : 'No apps to show.'}</p>
          </main>
        )}
      </div>
    </div>
  );
}
