// A labelled form field: the label, a hint and an error, wired to the control inside it by ids
// (label for, aria-describedby, aria-invalid) so screen readers announce all three.
import { type ComponentChildren, createContext } from 'preact';
import { useContext, useId } from 'preact/hooks';

/** What a control inside a {@link FormField} takes from it. */
export interface FieldControl {
  readonly id: string;
  readonly describedBy: string | undefined;
  readonly invalid: boolean;
}

const FieldContext = createContext<FieldControl | null>(null);

/** The enclosing field's ids and state, for a control; null outside a {@link FormField}. */
export function useFieldControl(): FieldControl | null {
  return useContext(FieldContext);
}

/** Props of {@link FormField}. */
export interface FormFieldProps {
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  /** Shown in place of the hint, and marks the control invalid. */
  readonly error?: ComponentChildren;
  readonly required?: boolean;
  readonly children: ComponentChildren;
}

/** A label, its control (an Input, Select or TextArea of this kit), a hint and an error. */
export function FormField({ label, hint, error, required = false, children }: FormFieldProps) {
  const id = useId();
  const note = error ?? hint;
  const control: FieldControl = {
    id: `${id}-control`,
    describedBy: note ? `${id}-note` : undefined,
    invalid: Boolean(error),
  };
  return (
    <div class="jm-field">
      <label class="jm-field__label" for={control.id}>
        {label}
        {required && (
          <span class="jm-field__required" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <FieldContext.Provider value={control}>{children}</FieldContext.Provider>
      {note && (
        <p
          id={control.describedBy}
          class={error ? 'jm-field__error' : 'jm-field__hint'}
          role={error ? 'alert' : undefined}
        >
          {note}
        </p>
      )}
    </div>
  );
}
