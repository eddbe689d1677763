// A determinate progress bar with the ARIA progressbar role, for uploads and other long steps.
import { useTheme } from './theme.js';

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  readonly value: number;
  /** The value at completion (default 1). */
  readonly max?: number;
  /** Names the bar for assistive technology. */
  readonly label: string;
  readonly tone?: 'brand' | 'success' | 'danger';
}

/** A bar filled to value/max, showing the percentage. */
export function ProgressBar({ value, max = 1, label, tone = 'brand' }: ProgressBarProps) {
  const { zh } = useTheme();
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const percent = Math.round(ratio * 100);
  return (
    <div class={`jm-progress jm-progress--${tone}`}>
      <div
        class="jm-progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={zh ? `已完成 ${percent}%` : `${percent}% done`}
      >
        {/* Set through the CSSOM (not a style attribute), which the app's CSP allows. */}
        <div class="jm-progress__fill" style={{ width: `${percent}%` }} />
      </div>
      <span class="jm-progress__text" aria-hidden="true">
        {percent}%
      </span>
    </div>
  );
}
