// Offsets (UTF-16 code units, as JavaScript strings and the parsers count) to 1-based lines and columns.

/** A 1-based position in a text file. */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** Maps offsets in `text` to positions; build once per file. */
export function lineIndex(text: string): (offset: number) => Position {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  };
}
