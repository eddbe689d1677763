// The console's theme and locale for the kit's components: ThemeProvider scopes the CSS custom
// properties of style.css to its subtree, and useConsoleContext keeps them current from the app.
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';

/** The console's colour scheme. */
export type ThemeName = 'light' | 'dark';

/** What the kit reads from the console's context. */
export interface ThemedContext {
  readonly theme: ThemeName;
  readonly locale: string;
}

/** Anything that holds the console's context and announces its changes, such as a connected `App`. */
export interface ContextSource<C extends ThemedContext> {
  readonly context: C | null;
  on(event: 'context', listener: (context: C) => void): () => void;
}

/** The theme and locale the components below a {@link ThemeProvider} use. */
export interface Theme {
  readonly theme: ThemeName;
  readonly locale: string;
  /** True for Chinese locales, where the kit's own words are Chinese. */
  readonly zh: boolean;
}

const ThemeContext = createContext<Theme>({ theme: 'light', locale: 'zh-CN', zh: true });

/** The current context of `source`, re-rendering on each `context` event; null without `context:read`. */
export function useConsoleContext<C extends ThemedContext>(source: ContextSource<C>): C | null {
  const [context, setContext] = useState(source.context);
  // source.on returns its unsubscribe function, which is the effect's cleanup.
  useEffect(() => {
    setContext(source.context);
    return source.on('context', setContext);
  }, [source]);
  return context;
}

/** Props of {@link ThemeProvider}. */
export interface ThemeProviderProps {
  readonly theme?: ThemeName;
  readonly locale?: string;
  readonly children?: ComponentChildren;
}

/**
 * Themes its children. The page's root element gets the theme too, so the frame's background
 * follows it beyond the provider's own box.
 */
export function ThemeProvider({ theme = 'light', locale = 'zh-CN', children }: ThemeProviderProps) {
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const value: Theme = { theme, locale, zh: locale.toLowerCase().startsWith('zh') };
  return (
    <ThemeContext.Provider value={value}>
      <div class="jm-theme" data-theme={theme} lang={locale}>
        {children}
      </div>
    </ThemeContext.Provider>
  );
}

/** The theme and locale of the nearest {@link ThemeProvider} (light, zh-CN without one). */
export function useTheme(): Theme {
  return useContext(ThemeContext);
}
