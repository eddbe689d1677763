// HTML findings against the app's CSP: inline scripts, inline event handlers, inline styles and
// javascript: URLs are all blocked by it; and a built page must carry the policy the manifest gives.
import { type DefaultTreeAdapterMap, parse } from 'parse5';
import type { Finding } from '../validate/finding.js';

type ParentNode = DefaultTreeAdapterMap['parentNode'];
type Element = DefaultTreeAdapterMap['element'];

const SCRIPT_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);

function* elements(node: ParentNode): Generator<Element> {
  for (const child of node.childNodes) {
    if (!('tagName' in child)) continue;
    yield child;
    yield* elements(
      child.tagName === 'template' ? (child as DefaultTreeAdapterMap['template']).content : child,
    );
  }
}

function attribute(element: Element, name: string): string | undefined {
  return element.attrs.find((attr) => attr.name === name)?.value;
}

/**
 * The findings of the page `file`. Before a build, Vite will still move inline module scripts into
 * files, so only classic inline scripts are reported. A built page must carry `policy`, the CSP the
 * manifest gives (unknown while the manifest is invalid).
 */
export function checkHtml(file: string, html: string, built: boolean, policy?: string): Finding[] {
  const findings: Finding[] = [];
  const at = (element: Element, attr?: string) => {
    const location = element.sourceCodeLocation;
    const spot = (attr && location?.attrs?.[attr]) || location;
    return { file, line: spot?.startLine, column: spot?.startCol };
  };
  const report = (rule: string, message: string, fix: string, element: Element, attr?: string) =>
    findings.push({ severity: 'error', rule, message, fix, ...at(element, attr) });
  const policies: Element[] = [];
  for (const element of elements(parse(html, { sourceCodeLocationInfo: true }))) {
    const type = (attribute(element, 'type') ?? '').trim().toLowerCase();
    if (element.tagName === 'script' && attribute(element, 'src') === undefined && SCRIPT_TYPES.has(type)) {
      const inline = element.childNodes.some((child) => 'value' in child && child.value.trim() !== '');
      if (inline && (built || type !== 'module')) {
        report(
          'csp/inline-script',
          "inline <script> is blocked by the CSP (script-src 'self')",
          'Move the code into a module file and load it with <script type="module" src="…">.',
          element,
        );
      }
    }
    if (element.tagName === 'style') {
      report(
        'csp/inline-style',
        "inline <style> is blocked by the CSP (default-src 'self')",
        'Move the rules into a .css file imported from your entry module.',
        element,
      );
    }
    if (
      element.tagName === 'meta' &&
      attribute(element, 'http-equiv')?.toLowerCase() === 'content-security-policy'
    ) {
      policies.push(element);
    }
    for (const { name, value } of element.attrs) {
      if (/^on/i.test(name)) {
        report(
          'csp/inline-handler',
          `inline event handler ${name}="…" is blocked by the CSP`,
          'Attach the handler in your module with addEventListener.',
          element,
          name,
        );
      } else if (name === 'style') {
        report(
          'csp/inline-style',
          'style="…" attributes are blocked by the CSP',
          'Use a class and a rule in a .css file, or set element.style from code.',
          element,
          name,
        );
      } else if (/^\s*javascript:/i.test(value)) {
        report(
          'csp/javascript-url',
          `${name}="javascript:…" is blocked by the CSP`,
          'Use a button with a click listener attached from your module.',
          element,
          name,
        );
      }
    }
  }
  if (built && policy !== undefined) findings.push(...checkPolicy(file, policies, policy));
  return findings;
}

function checkPolicy(file: string, metas: readonly Element[], policy: string): Finding[] {
  const found = metas.map((meta) => attribute(meta, 'content'));
  if (found.includes(policy)) return [];
  const first = metas[0]?.sourceCodeLocation;
  return [
    {
      severity: 'error',
      rule: found.length ? 'csp/stale-policy' : 'csp/missing-policy',
      message: found.length
        ? "the page's Content-Security-Policy differs from the one jingmai.app.json gives"
        : 'the page has no Content-Security-Policy',
      fix: 'Build with "jingmai build" (or jingmai() in vite.config.ts) after changing the manifest.',
      file,
      ...(first ? { line: first.startLine, column: first.startCol } : { line: 1, column: 1 }),
    },
  ];
}
