// `@jingmai/ui`: Preact components in the Jingmai console's look. Import the styles once with
// `import '@jingmai/ui/style.css'` and wrap the app in a ThemeProvider fed from the console context.
export { Button, type ButtonProps, type ButtonVariant } from './button.js';
export { EmptyState, type EmptyStateProps } from './empty-state.js';
export { type FieldControl, FormField, type FormFieldProps, useFieldControl } from './form-field.js';
export {
  Input,
  type InputProps,
  Select,
  type SelectProps,
  TextArea,
  type TextAreaProps,
} from './input.js';
export { ProgressBar, type ProgressBarProps } from './progress-bar.js';
export { DELIVERY_STATUSES, StatusBadge, type StatusBadgeProps, type Tone } from './status-badge.js';
export { Table, type TableColumn, type TableProps } from './table.js';
export {
  type ContextSource,
  type Theme,
  type ThemedContext,
  type ThemeName,
  ThemeProvider,
  type ThemeProviderProps,
  useConsoleContext,
  useTheme,
} from './theme.js';
