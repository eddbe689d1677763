// The console's default rendering of app toasts, confirmations and modals: outside the app frame,
// in a shadow root of the console page, with app text set as text (never as HTML).
import { JingmaiError, type MethodArgs } from '@jingmai/protocol';

/** Who is asking, so the merchant can tell which app speaks. */
export interface AppLabel {
  readonly id: string;
  readonly name: string;
}

/** How the console shows app UI. Replace it to render with the console's own components. */
export interface HostUi {
  toast(app: AppLabel, options: MethodArgs<'ui.toast'>): void;
  confirm(app: AppLabel, options: MethodArgs<'ui.confirm'>, signal: AbortSignal): Promise<boolean>;
  modal(
    app: AppLabel,
    options: MethodArgs<'ui.modal'>,
    signal: AbortSignal,
  ): Promise<{ action: string | null }>;
  /** Removes everything it rendered. */
  dispose(): void;
}

const STYLE = `
:host { all: initial; }
.toasts { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px; z-index: 2147483000; font: 14px/1.4 system-ui, sans-serif; }
.toast { background: #1f2329; color: #fff; padding: 10px 14px; border-radius: 6px; max-width: 360px; box-shadow: 0 4px 12px #0003; }
.toast[data-tone="success"] { background: #1a7f37; } .toast[data-tone="warning"] { background: #9a6700; } .toast[data-tone="error"] { background: #cf222e; }
.app { display: block; font-size: 12px; opacity: .75; }
dialog { border: 0; border-radius: 8px; padding: 20px; max-width: 440px; font: 14px/1.5 system-ui, sans-serif; box-shadow: 0 8px 30px #0004; }
dialog::backdrop { background: #0006; }
h2 { margin: 0 0 8px; font-size: 16px; } p { white-space: pre-wrap; margin: 0 0 16px; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #d0d7de; background: #fff; cursor: pointer; }
button[data-tone="primary"] { background: #e1251b; border-color: #e1251b; color: #fff; }
button[data-tone="danger"] { background: #cf222e; border-color: #cf222e; color: #fff; }
`;

/** The default {@link HostUi}, drawn into `document`. */
export function createOverlayUi(document: Document): HostUi {
  const hostElement = document.createElement('jingmai-overlay');
  const root = hostElement.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const toasts = document.createElement('div');
  toasts.className = 'toasts';
  toasts.setAttribute('role', 'status');
  root.append(style, toasts);
  document.body.append(hostElement);
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const dialogs = new Set<() => void>();

  function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function dialog<T>(
    app: AppLabel,
    title: string,
    body: string,
    buttons: { id: T; label: string; tone?: string | undefined }[],
    dismissed: T,
    signal: AbortSignal,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const box = element('dialog');
      box.setAttribute('aria-label', `${app.name}: ${title}`);
      const actions = element('div', undefined, 'actions');
      box.append(element('span', app.name, 'app'), element('h2', title), element('p', body), actions);
      const finish = (value: T | JingmaiError) => {
        signal.removeEventListener('abort', onAbort);
        dialogs.delete(onAbort);
        box.close();
        box.remove();
        if (value instanceof JingmaiError) reject(value);
        else resolve(value);
      };
      const onAbort = () =>
        finish(
          signal.reason instanceof JingmaiError
            ? signal.reason
            : new JingmaiError('CANCELLED', 'The dialog was dismissed.'),
        );
      for (const button of buttons) {
        const node = element('button', button.label);
        if (button.tone) node.dataset.tone = button.tone;
        node.addEventListener('click', () => finish(button.id));
        actions.append(node);
      }
      box.addEventListener('cancel', (event) => {
        event.preventDefault();
        finish(dismissed);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      dialogs.add(onAbort);
      root.append(box);
      box.showModal();
    });
  }

  return {
    toast(app, { message, tone = 'info', durationMs = 4000 }) {
      const node = element('div', undefined, 'toast');
      node.dataset.tone = tone;
      node.append(element('span', app.name, 'app'), element('span', message));
      toasts.append(node);
      const timer = setTimeout(() => {
        timers.delete(timer);
        node.remove();
      }, durationMs);
      timers.add(timer);
    },
    confirm(app, options, signal) {
      const buttons = [
        { id: false, label: options.cancelLabel ?? 'Cancel' },
        {
          id: true,
          label: options.confirmLabel ?? 'OK',
          tone: options.tone === 'danger' ? 'danger' : 'primary',
        },
      ];
      return dialog(app, options.title, options.message, buttons, false, signal);
    },
    async modal(app, options, signal) {
      const action = await dialog<string | null>(
        app,
        options.title,
        options.body,
        options.actions,
        null,
        signal,
      );
      return { action };
    },
    dispose() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const abort of [...dialogs]) abort();
      hostElement.remove();
    },
  };
}
