// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { StatusBadge } from './status-badge.js';
import {
  type ContextSource,
  type ThemedContext,
  ThemeProvider,
  useConsoleContext,
  useTheme,
} from './theme.js';

function fakeSource(initial: ThemedContext | null) {
  const listeners = new Set<(context: ThemedContext) => void>();
  const source: ContextSource<ThemedContext> & { emit(next: ThemedContext): void } = {
    context: initial,
    on(_event, listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(next) {
      for (const listener of listeners) listener(next);
    },
  };
  return { source, listeners };
}

function Themed({ source }: { source: ContextSource<ThemedContext> }) {
  const context = useConsoleContext(source);
  return (
    <ThemeProvider theme={context?.theme} locale={context?.locale}>
      <StatusBadge status={4} />
      <ThemeName />
    </ThemeProvider>
  );
}

function ThemeName() {
  const { theme, zh } = useTheme();
  return <output>{`${theme}/${zh ? 'zh' : 'other'}`}</output>;
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe('theme', () => {
  it('follows the console context: theme on the wrapper and the page, words in its locale', () => {
    const { source, listeners } = fakeSource({ theme: 'light', locale: 'zh-CN' });
    const root = document.createElement('div');
    act(() => render(<Themed source={source} />, root));
    const wrapper = root.querySelector('.jm-theme') as HTMLElement;
    expect(wrapper.dataset.theme).toBe('light');
    expect(wrapper.lang).toBe('zh-CN');
    expect(root.querySelector('.jm-badge')?.textContent).toBe('已完成');
    expect(root.querySelector('output')?.textContent).toBe('light/zh');

    act(() => source.emit({ theme: 'dark', locale: 'en-US' }));
    expect(wrapper.dataset.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(root.querySelector('.jm-badge')?.textContent).toBe('Delivered');
    expect(root.querySelector('output')?.textContent).toBe('dark/other');

    act(() => render(null, root));
    expect(listeners.size).toBe(0);
  });

  it('defaults to light and Chinese without a context or a provider', () => {
    const root = document.createElement('div');
    act(() => render(<Themed source={fakeSource(null).source} />, root));
    expect(root.querySelector('.jm-theme')?.getAttribute('data-theme')).toBe('light');
    act(() => render(<ThemeName />, root));
    expect(root.querySelector('output')?.textContent).toBe('light/zh');
  });
});
