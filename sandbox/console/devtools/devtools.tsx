// The devtools panel beside the app: one tab per tool, with counts where they help.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';

export interface DevtoolsTab {
  readonly id: string;
  readonly label: string;
  readonly badge?: number;
  readonly render: () => ComponentChildren;
}

export function Devtools({ tabs }: { tabs: readonly DevtoolsTab[] }) {
  const [selected, setSelected] = useState(tabs[0]?.id ?? '');
  const current = tabs.find((tab) => tab.id === selected) ?? tabs[0];
  return (
    <aside class="devtools">
      <div role="tablist" aria-label="Devtools">
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            aria-selected={tab.id === current?.id}
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
            {tab.badge ? <span class="count">{tab.badge}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={current?.label}>
        {current?.render()}
      </div>
    </aside>
  );
}
