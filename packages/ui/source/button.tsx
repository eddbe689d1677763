// Buttons in the console's look: primary (京麦 red), default (outlined), danger and text.
import type { ButtonHTMLAttributes } from 'preact';

/** How much a button stands out. */
export type ButtonVariant = 'primary' | 'default' | 'danger' | 'text';

/** Props of {@link Button}: a native button's, plus variant, size and busy state. */
export interface ButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'className'> {
  readonly variant?: ButtonVariant;
  readonly size?: 'small' | 'medium';
  /** Shows the button as working and keeps it from being pressed again. */
  readonly busy?: boolean;
  readonly class?: string;
}

/** A button; `type="button"` unless told otherwise, so it never submits a form by accident. */
export function Button({
  variant = 'default',
  size = 'medium',
  busy = false,
  type = 'button',
  disabled,
  class: extra,
  children,
  ...rest
}: ButtonProps) {
  const classes = ['jm-button', `jm-button--${variant}`, `jm-button--${size}`, extra].filter(Boolean);
  return (
    <button
      {...rest}
      type={type}
      class={classes.join(' ')}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
    >
      {children}
    </button>
  );
}
