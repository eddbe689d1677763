import { describe, expect, it } from 'vitest';
import { checkHtml } from './html.js';

const PAGE = `<!doctype html>
<html>
  <head>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'">
    <style>body { color: red }</style>
  </head>
  <body onload="start()">
    <a href="javascript:go()" style="color: blue">go</a>
    <script>start()</script>
    <script type="module">import './main.js';</script>
    <script type="application/ld+json">{"a": 1}</script>
  </body>
</html>
`;

describe('checkHtml', () => {
  it('finds what the CSP would block, with lines and columns', () => {
    const findings = checkHtml('index.html', PAGE, false);
    expect(findings.map(({ rule, line, column }) => `${line}:${column} ${rule}`)).toEqual([
      '5:5 csp/inline-style',
      '7:9 csp/inline-handler',
      '8:8 csp/javascript-url',
      '8:31 csp/inline-style',
      '9:5 csp/inline-script',
    ]);
  });

  it('after a build, also reports inline module scripts and a policy that differs from the manifest', () => {
    const rules = checkHtml('dist/index.html', PAGE, true, "default-src 'self'; script-src 'self'").map(
      (finding) => finding.rule,
    );
    expect(rules.filter((rule) => rule === 'csp/inline-script')).toHaveLength(2);
    expect(rules).toContain('csp/stale-policy');
    expect(checkHtml('dist/index.html', '<p>x</p>', true, "default-src 'self'")).toMatchObject([
      { rule: 'csp/missing-policy' },
    ]);
    expect(checkHtml('dist/index.html', PAGE, true, "default-src 'self'").map((f) => f.rule)).not.toContain(
      'csp/stale-policy',
    );
  });
});
