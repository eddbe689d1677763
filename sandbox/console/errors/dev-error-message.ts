// Reads an error report posted by an app page's forwarder. The page is untrusted: the caller
// checks the sender is the app's own frame, and this checks and bounds every field.
import { DEV_ERROR_MESSAGE, type DevErrorKind, type DevErrorReport } from '../../shared/dev-events';
import type { ErrorLocation } from '../activity';

const KINDS: readonly DevErrorKind[] = ['error', 'unhandledrejection', 'console'];
const MAX_TEXT = 4000;
const MAX_STACK = 16_000;

const text = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
const count = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 1e9 ? value : 0;

/** The report in `data`, or null when it is not one. */
export function readDevError(data: unknown): DevErrorReport | null {
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  if (record.type !== DEV_ERROR_MESSAGE || !KINDS.includes(record.kind as DevErrorKind)) return null;
  return {
    kind: record.kind as DevErrorKind,
    message: text(record.message, MAX_TEXT) || '(no message)',
    filename: text(record.filename, 2048),
    line: count(record.line),
    column: count(record.column),
    stack: text(record.stack, MAX_STACK),
    at: typeof record.at === 'number' && Number.isFinite(record.at) ? record.at : Date.now(),
  };
}

const STACK_FRAME = /(https?:\/\/[^\s()]+):(\d+):(\d+)/;

/** Where the report says the error happened: its own location, else the first stack frame. */
export function reportedLocation(report: DevErrorReport): ErrorLocation | null {
  if (report.filename && report.line > 0)
    return { file: report.filename, line: report.line, column: report.column };
  const frame = STACK_FRAME.exec(report.stack);
  return frame ? { file: frame[1] as string, line: Number(frame[2]), column: Number(frame[3]) } : null;
}
