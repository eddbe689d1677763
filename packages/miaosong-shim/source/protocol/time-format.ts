// The platform reports times as China Standard Time wall clock text (UTC+8, no daylight saving).

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** `yyyy-MM-dd HH:mm:ss` in China time, or '' when the moment has not happened. */
export function formatChinaTime(epochMs: number | null): string {
  if (epochMs === null) return '';
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}
