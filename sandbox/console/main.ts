// The sandbox console page: a merchant-workbench shell around the host runtime. An app switcher,
// the app in its sandboxed frame, live scope toggles, a context switcher and a bridge call log.
import {
  type AppHandle,
  type CallRecord,
  createHost,
  createPlatformClient,
  type HostContext,
} from '@jingmai/host';
import { type Manifest, SCOPES, type Scope } from '@jingmai/protocol';

interface SandboxConfig {
  readonly platformUrl: string;
  readonly devToken: string;
  readonly apps: { manifest: Manifest; src: string }[];
}

const STYLE = `
body { margin: 0; font: 14px/1.5 system-ui, sans-serif; background: #f5f6f7; color: #1f2329; }
header { display: flex; align-items: center; gap: 16px; background: #e1251b; color: #fff; padding: 8px 16px; }
header h1 { font-size: 16px; margin: 0; flex: 1; }
header select { font: inherit; }
.shell { display: grid; grid-template-columns: 200px 1fr 320px; gap: 12px; padding: 12px; }
nav button { display: block; width: 100%; text-align: left; padding: 8px; border: 0; background: none; border-radius: 4px; cursor: pointer; font: inherit; }
nav button[aria-current='true'] { background: #fff; font-weight: 600; }
.app { background: #fff; border-radius: 6px; padding: 12px; min-height: 200px; }
.app h2 { margin: 0 0 8px; font-size: 15px; } .busy { color: #e1251b; font-size: 12px; }
aside { background: #fff; border-radius: 6px; padding: 12px; font-size: 12px; overflow: auto; max-height: 80vh; }
aside h3 { margin: 8px 0 4px; font-size: 13px; }
.log div { border-bottom: 1px solid #eee; padding: 2px 0; word-break: break-all; } .log .refused, .log .failed { color: #cf222e; }
`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function select(label: string, options: string[], value: string, onChange: (value: string) => void) {
  const wrapper = element('label', `${label} `);
  const input = element('select');
  for (const option of options) input.append(new Option(option, option, false, option === value));
  input.addEventListener('change', () => onChange(input.value));
  wrapper.append(input);
  return wrapper;
}

async function start() {
  const config = (await (await fetch('/config.json')).json()) as SandboxConfig;
  const style = element('style', STYLE);
  document.head.append(style);
  let context: HostContext = {
    shop: { id: 'shop-1001', name: '京东测试店铺' },
    user: { id: 'user-1', role: 'owner' },
    locale: 'zh-CN',
    theme: 'light',
  };
  const host = createHost({
    context,
    platform: createPlatformClient({
      baseUrl: config.platformUrl,
      headers: () => ({
        authorization: `Bearer ${config.devToken}`,
        'x-jingmai-shop': context.shop.id,
        'x-jingmai-user': context.user.id,
        'x-jingmai-role': context.user.role,
      }),
    }),
  });
  const setContext = (patch: Partial<HostContext>) => {
    context = { ...context, ...patch };
    host.setContext(patch);
  };

  const header = element('header');
  header.append(
    element('h1', '京麦 · Jingmai sandbox'),
    select('Theme', ['light', 'dark'], context.theme, (theme) =>
      setContext({ theme: theme as HostContext['theme'] }),
    ),
    select('Locale', ['zh-CN', 'en-US'], context.locale, (locale) => setContext({ locale })),
    select('Role', ['owner', 'admin', 'staff', 'viewer'], context.user.role, (role) =>
      setContext({ user: { ...context.user, role: role as HostContext['user']['role'] } }),
    ),
  );
  const nav = element('nav');
  const main = element('section');
  main.className = 'app';
  const aside = element('aside');
  const shell = element('div');
  shell.className = 'shell';
  shell.append(nav, main, aside);
  document.body.append(header, shell);

  let current: AppHandle | undefined;
  const grants = new Map<string, Set<Scope>>();

  function show(index: number) {
    const entry = config.apps[index];
    if (!entry) return;
    current?.unmount();
    for (const [i, button] of [...nav.querySelectorAll('button')].entries())
      button.setAttribute('aria-current', String(i === index));
    const requested = entry.manifest.scopes.map((request) => request.scope);
    const granted = grants.get(entry.manifest.id) ?? new Set(requested);
    grants.set(entry.manifest.id, granted);
    const title = element('h2', entry.manifest.name);
    const busy = element('span');
    busy.className = 'busy';
    const frameSlot = element('div');
    main.replaceChildren(title, busy, frameSlot);
    const handle = host.mount(frameSlot, { manifest: entry.manifest, src: entry.src, grants: [...granted] });
    current = handle;
    handle.on('title', (text) => {
      title.textContent = text ? `${entry.manifest.name} · ${text}` : entry.manifest.name;
    });
    handle.on('busy', (loading) => {
      busy.textContent = loading ? 'loading…' : '';
    });

    const log = element('div');
    log.className = 'log';
    handle.on('call', (record: CallRecord) => {
      const line = element(
        'div',
        `${record.method} ${record.ok ? '✓' : `✖ ${record.error?.code}`} ${record.durationMs.toFixed(1)} ms`,
      );
      line.className = record.ok ? 'ok' : record.decision === 'refused' ? 'refused' : 'failed';
      log.prepend(line);
      while (log.childElementCount > 200) log.lastElementChild?.remove();
    });
    const toggles = element('div');
    for (const scope of requested) {
      const label = element('label');
      const box = element('input');
      box.type = 'checkbox';
      box.checked = granted.has(scope);
      box.addEventListener('change', () => {
        if (box.checked) granted.add(scope);
        else granted.delete(scope);
        handle.setGrants([...granted]);
      });
      label.title = SCOPES[scope];
      label.append(box, ` ${scope}`);
      toggles.append(label, element('br'));
    }
    aside.replaceChildren(element('h3', 'Scopes'), toggles, element('h3', 'Bridge calls'), log);
  }

  config.apps.forEach((entry, index) => {
    const button = element('button', entry.manifest.name);
    button.addEventListener('click', () => show(index));
    nav.append(button);
  });
  if (config.apps.length) show(0);
  else main.textContent = 'No apps found under examples/.';
}

start().catch((error: Error) => {
  document.body.textContent = `The sandbox console failed to start: ${error.message}`;
});
