// What a list shows when it has nothing yet: a title, a line of explanation and the next step.
import type { ComponentChildren } from 'preact';

/** Props of {@link EmptyState}. */
export interface EmptyStateProps {
  readonly title: ComponentChildren;
  readonly description?: ComponentChildren;
  /** The next step, usually a Button. */
  readonly action?: ComponentChildren;
}

/** A placeholder for an empty list or view. */
export function EmptyState({ title, description, action }: EmptyStateProps) {
  return (
    <div class="jm-empty" role="status">
      <p class="jm-empty__title">{title}</p>
      {description && <p class="jm-empty__description">{description}</p>}
      {action && <div class="jm-empty__action">{action}</div>}
    </div>
  );
}
