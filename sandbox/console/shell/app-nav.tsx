// The workbench's left navigation: the console's sections, then the installed apps.
import type { AppEntry } from '../config';

export function AppNav(props: {
  apps: readonly AppEntry[];
  selected: number;
  onSelect: (index: number) => void;
}) {
  return (
    <nav class="sidenav" aria-label="Apps">
      <p class="section">工作台</p>
      <p class="section">我的应用</p>
      {props.apps.map((app, index) => (
        <button
          key={app.manifest.id}
          type="button"
          aria-current={index === props.selected}
          onClick={() => props.onSelect(index)}
        >
          {app.manifest.name}
        </button>
      ))}
      {props.apps.length === 0 && <p class="hint">No apps: add a folder with jingmai.app.json.</p>}
    </nav>
  );
}
