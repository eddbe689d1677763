import { describe, expect, it } from 'vitest';
import { findForbiddenCode } from './forbidden-code.js';

const SOURCE = `// eval('in a comment') is not code
const note: string = "new Function('in a string') is not code either, 你好";
export function run(code: string): void {
  eval(code);
  (0, eval)(code);
  globalThis['eval'](code);
  const make = new Function('a', 'return a');
  Function('return 1');
  window.top!.location.href = 'https://evil.example';
  parent.location = 'https://evil.example' as unknown as Location;
  top.location.assign('https://evil.example');
  document.domain = 'example.com';
  window.document.write('<p>hi</p>');
  location.href = '/inside-the-frame';
  make(note);
}
`;

const at = (line: number, column: number, rule: string) => ({ line, column, rule });

describe('findForbiddenCode', () => {
  it('finds each forbidden construct at its line and column, and nothing in comments or strings', () => {
    const findings = findForbiddenCode('source/run.ts', SOURCE);
    expect(findings.map(({ line, column, rule }) => ({ line, column, rule }))).toEqual([
      at(4, 3, 'code/eval'),
      at(5, 7, 'code/eval'),
      at(6, 3, 'code/eval'),
      at(7, 20, 'code/new-function'),
      at(8, 3, 'code/new-function'),
      at(9, 3, 'code/top-navigation'),
      at(10, 3, 'code/top-navigation'),
      at(11, 3, 'code/top-navigation'),
      at(12, 3, 'code/document-domain'),
      at(13, 3, 'code/document-write'),
    ]);
    expect(
      findings.every((finding) => finding.file === 'source/run.ts' && finding.severity === 'error'),
    ).toBe(true);
    expect(findings[0]?.fix).toMatch(/JSON\.parse/);
  });

  it('reads JSX', () => {
    const findings = findForbiddenCode(
      'source/App.tsx',
      'export const App = () => <p onClick={() => eval("1")}>x</p>;\n',
    );
    expect(findings).toMatchObject([{ rule: 'code/eval', line: 1, column: 44 }]);
  });

  it('reports a file it cannot parse as a warning instead of skipping it silently', () => {
    expect(findForbiddenCode('source/broken.ts', 'const = ;')).toMatchObject([
      { severity: 'warning', rule: 'code/parse-error', line: 1 },
    ]);
  });
});
