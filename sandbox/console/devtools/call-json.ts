// Bridge call records as plain JSON: for the inspector's details and for its export. Blobs and
// binary show as their size and type, errors as code, message and details, cycles as a marker.
import type { CallRecord } from '@jingmai/host';
import { JingmaiError } from '@jingmai/protocol';

/** `value` with everything JSON cannot carry replaced by a description. */
export function toPlain(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === undefined) return null;
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Blob) return { blob: { size: value.size, type: value.type } };
  if (value instanceof ArrayBuffer) return { bytes: value.byteLength };
  if (ArrayBuffer.isView(value)) return { bytes: value.byteLength };
  if (value instanceof Date) return value.toISOString();
  if (value instanceof JingmaiError) {
    return { code: value.code, message: value.message, details: toPlain(value.details, seen) };
  }
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (seen.has(value)) return '[cycle]';
  seen.add(value);
  const plain = Array.isArray(value)
    ? value.map((item) => toPlain(item, seen))
    : Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlain(item, seen)]));
  seen.delete(value);
  return plain;
}

/** One record as the export writes it. */
export function callToJson(record: CallRecord) {
  return {
    id: record.id,
    method: record.method,
    params: toPlain(record.params),
    decision: record.decision,
    ok: record.ok,
    ...(record.ok ? { result: toPlain(record.result) } : { error: toPlain(record.error) }),
    startedAt: new Date(record.startedAt).toISOString(),
    durationMs: Math.round(record.durationMs * 10) / 10,
  };
}

/** The export file's text for `records` of app `appId`. */
export function exportCalls(appId: string, records: readonly CallRecord[]): string {
  return `${JSON.stringify({ appId, exportedAt: new Date().toISOString(), calls: records.map(callToJson) }, null, 2)}\n`;
}
