// Scope toggles: the merchant's grants for the app, applied live with handle.setGrants, so the
// app's next call (and its `scopes` event) shows the change without a reload.
import { SCOPES, type Scope } from '@jingmai/protocol';
import type { AppEntry } from '../config';

export function Permissions(props: {
  app: AppEntry;
  granted: readonly Scope[];
  onChange: (granted: Scope[]) => void;
  onReload: () => void;
}) {
  const requested = props.app.manifest.scopes;
  return (
    <section class="permissions">
      <p class="hint">
        Scopes {props.app.manifest.name} asks for. Unticked scopes are refused with PERMISSION_DENIED.
      </p>
      <ul>
        {requested.map(({ scope, purpose }) => (
          <li key={scope}>
            <label title={SCOPES[scope]}>
              <input
                type="checkbox"
                checked={props.granted.includes(scope)}
                onChange={(event) =>
                  props.onChange(
                    event.currentTarget.checked
                      ? [...props.granted, scope]
                      : props.granted.filter((held) => held !== scope),
                  )
                }
              />
              {scope}
            </label>
            <span class="purpose">{purpose}</span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={props.onReload}>
        Reload app
      </button>
    </section>
  );
}
