import { describe, expect, it } from 'vitest';
import { DEV_ERROR_MESSAGE } from '../../shared/dev-events';
import { readDevError, reportedLocation } from './dev-error-message';

describe('forwarded app errors', () => {
  const valid = {
    type: DEV_ERROR_MESSAGE,
    kind: 'error',
    message: 'boom',
    filename: 'http://localhost:4001/demo/main.js',
    line: 12,
    column: 5,
    stack: 'Error: boom',
    at: 1,
  };

  it('reads a report and bounds its fields', () => {
    const { type: _type, ...report } = valid;
    expect(readDevError(valid)).toEqual(report);
    const hostile = readDevError({ ...valid, message: 'x'.repeat(10_000), line: -1, column: 1.5, stack: {} });
    expect(hostile?.message).toHaveLength(4000);
    expect([hostile?.line, hostile?.column, hostile?.stack]).toEqual([0, 0, '']);
  });

  it('refuses anything else', () => {
    for (const data of [null, 'boom', { ...valid, type: 'other' }, { ...valid, kind: 'warning' }, []])
      expect(readDevError(data)).toBeNull();
  });

  it('locates a report by its own place, else by its first stack frame', () => {
    expect(reportedLocation(readDevError(valid) ?? valid)).toEqual({
      file: valid.filename,
      line: 12,
      column: 5,
    });
    const rejection = readDevError({
      ...valid,
      kind: 'unhandledrejection',
      filename: '',
      line: 0,
      column: 0,
      stack: 'Error: x\n    at run (http://localhost:4001/demo/main.js:40:7)',
    });
    expect(rejection && reportedLocation(rejection)).toEqual({
      file: 'http://localhost:4001/demo/main.js',
      line: 40,
      column: 7,
    });
  });
});
