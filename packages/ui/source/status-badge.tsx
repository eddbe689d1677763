// Status badges: a tone (colour) and a label. Miaosong delivery statuses map to their tone and to
// words in the locale of the nearest ThemeProvider.
import type { ComponentChildren } from 'preact';
import { useTheme } from './theme.js';

/** The colour family of a badge. */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

/** Miaosong's delivery statuses: tone, Chinese and English label. */
export const DELIVERY_STATUSES: Readonly<Record<number, { tone: Tone; zh: string; en: string }>> = {
  1: { tone: 'warning', zh: '待接单', en: 'Awaiting rider' },
  2: { tone: 'info', zh: '待取货', en: 'Rider assigned' },
  100: { tone: 'info', zh: '骑士到店', en: 'Rider at shop' },
  3: { tone: 'info', zh: '配送中', en: 'Delivering' },
  4: { tone: 'success', zh: '已完成', en: 'Delivered' },
  5: { tone: 'neutral', zh: '已取消', en: 'Cancelled' },
  7: { tone: 'danger', zh: '已过期', en: 'Expired' },
  9: { tone: 'warning', zh: '妥投异常之物品返回中', en: 'Returning' },
  10: { tone: 'neutral', zh: '妥投异常之物品返回完成', en: 'Returned' },
  1000: { tone: 'danger', zh: '创建运单失败', en: 'Creation failed' },
};

/** Props of {@link StatusBadge}: a delivery status, or a tone with its own label. */
export type StatusBadgeProps =
  | { readonly status: number; readonly tone?: undefined; readonly children?: undefined }
  | { readonly status?: undefined; readonly tone: Tone; readonly children: ComponentChildren };

/** A small coloured label. */
export function StatusBadge(props: StatusBadgeProps) {
  const { zh } = useTheme();
  let tone: Tone;
  let label: ComponentChildren;
  if (props.status !== undefined) {
    const known = DELIVERY_STATUSES[props.status];
    tone = known?.tone ?? 'neutral';
    label = known ? (zh ? known.zh : known.en) : String(props.status);
  } else {
    tone = props.tone;
    label = props.children;
  }
  return (
    <span class={`jm-badge jm-badge--${tone}`} data-status={props.status}>
      {label}
    </span>
  );
}
