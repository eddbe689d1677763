// Text controls: Input, TextArea and Select. Inside a FormField they take its id and description,
// so the label and messages belong to them without the caller wiring ids.
import type { InputHTMLAttributes, SelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { type FieldControl, useFieldControl } from './form-field.js';

/** Props of {@link Input}: a native input's. */
export type InputProps = InputHTMLAttributes<HTMLInputElement>;
/** Props of {@link TextArea}: a native textarea's. */
export type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement>;
/** Props of {@link Select}: a native select's. */
export type SelectProps = SelectHTMLAttributes<HTMLSelectElement>;

/** The kit's class (after the caller's) and, inside a FormField, its ids and state. */
function fieldAttributes(field: FieldControl | null, base: string, extra: unknown) {
  return {
    class: typeof extra === 'string' && extra ? `${base} ${extra}` : base,
    ...(field
      ? { id: field.id, 'aria-describedby': field.describedBy, 'aria-invalid': field.invalid || undefined }
      : {}),
  };
}

/** A one-line text input. */
export function Input(props: InputProps) {
  return <input {...props} {...fieldAttributes(useFieldControl(), 'jm-input', props.class)} />;
}

/** A multi-line text input. */
export function TextArea(props: TextAreaProps) {
  return (
    <textarea
      {...props}
      {...fieldAttributes(useFieldControl(), 'jm-input jm-input--multiline', props.class)}
    />
  );
}

/** A drop-down list; pass `<option>` children. */
export function Select(props: SelectProps) {
  return <select {...props} {...fieldAttributes(useFieldControl(), 'jm-input jm-select', props.class)} />;
}
