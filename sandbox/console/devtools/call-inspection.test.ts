import type { CallRecord } from '@jingmai/host';
import { JingmaiError } from '@jingmai/protocol';
import { describe, expect, it } from 'vitest';
import { filterCalls, NO_FILTER, outcomeOf } from './call-filter';
import { callToJson, exportCalls, toPlain } from './call-json';

const call = (method: string, patch: Partial<CallRecord> = {}): CallRecord => ({
  id: 1,
  method,
  params: {},
  decision: 'allowed',
  ok: true,
  startedAt: Date.UTC(2026, 0, 1),
  durationMs: 1.234,
  ...patch,
});

const records = [
  call('ui.toast', { params: { message: '你好' } }),
  call('storage.put', {
    decision: 'refused',
    ok: false,
    error: new JingmaiError('PERMISSION_DENIED', 'needs storage:write'),
  }),
  call('delivery.create', { ok: false, error: new JingmaiError('CONFLICT', 'duplicate order') }),
];

describe('the inspector filter', () => {
  it('tells ok, failed and refused calls apart', () => {
    expect(records.map(outcomeOf)).toEqual(['ok', 'refused', 'failed']);
  });

  it('filters by method, outcome and text in arguments or errors', () => {
    expect(filterCalls(records, NO_FILTER)).toHaveLength(3);
    expect(filterCalls(records, { ...NO_FILTER, method: 'ui.toast' }).map((r) => r.method)).toEqual([
      'ui.toast',
    ]);
    expect(filterCalls(records, { ...NO_FILTER, outcome: 'refused' }).map((r) => r.method)).toEqual([
      'storage.put',
    ]);
    expect(filterCalls(records, { ...NO_FILTER, text: '你好' }).map((r) => r.method)).toEqual(['ui.toast']);
    expect(filterCalls(records, { ...NO_FILTER, text: 'conflict' }).map((r) => r.method)).toEqual([
      'delivery.create',
    ]);
  });
});

describe('call JSON', () => {
  it('describes what JSON cannot carry', () => {
    const cycle: Record<string, unknown> = { name: 'loop' };
    cycle.self = cycle;
    expect(
      toPlain({ body: new Blob(['abc'], { type: 'text/plain' }), bytes: new Uint8Array(4), big: 2n, cycle }),
    ).toEqual({
      body: { blob: { size: 3, type: 'text/plain' } },
      bytes: { bytes: 4 },
      big: '2n',
      cycle: { name: 'loop', self: '[cycle]' },
    });
  });

  it('exports each call with its decision, result or typed error, and duration', () => {
    expect(callToJson(records[1] as CallRecord)).toEqual({
      id: 1,
      method: 'storage.put',
      params: {},
      decision: 'refused',
      ok: false,
      error: { code: 'PERMISSION_DENIED', message: 'needs storage:write', details: null },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1.2,
    });
    const file = JSON.parse(exportCalls('com.example', records));
    expect(file.appId).toBe('com.example');
    expect(file.calls).toHaveLength(3);
  });
});
