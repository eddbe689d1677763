// The context the console gives apps: shop, user role, locale and theme. Apps holding
// context:read get each change; the platform server sees the chosen shop, user and role.
import type { HostContext } from '@jingmai/host';
import { platformHeaders, SHOPS } from '../console-context';

const ROLES = ['owner', 'admin', 'staff', 'viewer'] as const;
const LOCALES = ['zh-CN', 'en-US'];
const THEMES = ['light', 'dark'] as const;

function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: readonly T[];
  text?: (value: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {props.label}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value as T)}>
        {props.options.map((option) => (
          <option key={option} value={option}>
            {props.text ? props.text(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ContextSwitcher(props: { context: HostContext; onChange: (context: HostContext) => void }) {
  const { context, onChange } = props;
  const headers = platformHeaders('…', context);
  return (
    <section class="context-switcher">
      <Choice
        label="Shop"
        value={context.shop.id}
        options={SHOPS.map((shop) => shop.id)}
        text={(id) => `${SHOPS.find((shop) => shop.id === id)?.name ?? id} (${id})`}
        onChange={(id) =>
          onChange({ ...context, shop: SHOPS.find((shop) => shop.id === id) ?? context.shop })
        }
      />
      <Choice
        label="Role"
        value={context.user.role}
        options={ROLES}
        onChange={(role) => onChange({ ...context, user: { ...context.user, role } })}
      />
      <Choice
        label="Locale"
        value={context.locale}
        options={LOCALES}
        onChange={(locale) => onChange({ ...context, locale })}
      />
      <Choice
        label="Theme"
        value={context.theme}
        options={THEMES}
        onChange={(theme) => onChange({ ...context, theme })}
      />
      <p class="hint">Platform requests carry:</p>
      <pre>
        {Object.entries(headers)
          .map(([name, value]) => `${name}: ${value}`)
          .join('\n')}
      </pre>
      <p class="hint">Switching shop restarts the app: the platform streams events per shop.</p>
    </section>
  );
}
