// Maps error locations in an app's bundle back to its sources, so the console shows
// "source/main.ts:12:5" instead of a place in main.js.
import type { SourceMap } from 'node:module';

/** A place in a file; line and column count from 1. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Finds the source of a bundle location; undefined when the map has none. */
export function originalLocation(map: SourceMap, line: number, column: number): SourceLocation | undefined {
  // The nearest mapping at or before the place, as is: findOrigin would add the distance from that
  // mapping, which esbuild starts at the line's indentation.
  const entry = map.findEntry(line - 1, column - 1);
  if (!('originalSource' in entry) || !entry.originalSource) return undefined;
  return {
    file: cleanSourcePath(entry.originalSource),
    line: entry.originalLine + 1,
    column: entry.originalColumn + 1,
  };
}

// esbuild names sources relative to the map ("../../source/main.ts"); the console wants the
// path inside the app folder.
function cleanSourcePath(path: string): string {
  return path.replace(/^(?:\.\.\/)+/, '').replace(/^file:\/\//, '');
}

const FRAME = /(https?:\/\/[^\s()]+?\/main\.js):(\d+):(\d+)/g;

/** Rewrites every bundle location in a stack to its source location (others stay as they are). */
export function mapStack(stack: string, map: SourceMap): string {
  return stack.replace(FRAME, (whole, _url: string, line: string, column: string) => {
    const found = originalLocation(map, Number(line), Number(column));
    return found ? `${found.file}:${found.line}:${found.column}` : whole;
  });
}
