// The workbench's red header: the product, the app switcher and who the console acts as.
import type { HostContext } from '@jingmai/host';
import type { AppEntry } from '../config';

export function Header(props: {
  apps: readonly AppEntry[];
  selected: number;
  onSelect: (index: number) => void;
  context: HostContext;
}) {
  return (
    <header class="topbar">
      <span class="brand">京麦 · 商家工作台</span>
      <span class="sandbox-tag">sandbox</span>
      <label class="switcher">
        App
        <select
          aria-label="App switcher"
          value={props.selected}
          onChange={(event) => props.onSelect(Number(event.currentTarget.value))}
        >
          {props.apps.map((app, index) => (
            <option key={app.manifest.id} value={index}>
              {app.manifest.name}
            </option>
          ))}
        </select>
      </label>
      <span class="who">
        {props.context.shop.name} · {props.context.user.role} · {props.context.locale}
      </span>
    </header>
  );
}
