// Manifest findings: every problem parseManifest reports, with its fix, placed on the line of the
// field in jingmai.app.json and given a rule by where it is (unknown scopes and missing purposes
// have their own).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type Manifest, type ManifestIssue, parseManifest } from '@jingmai/protocol';
import { findNodeAtLocation, type Node, parseTree } from 'jsonc-parser';
import { lineIndex } from '../files/line-index.js';
import type { Finding } from '../validate/finding.js';

/** The manifest findings of the app at `root`, and the manifest when it is valid. */
export async function checkManifest(root: string): Promise<{ findings: Finding[]; manifest?: Manifest }> {
  let text: string;
  try {
    text = await readFile(join(root, MANIFEST_FILE), 'utf8');
  } catch (error) {
    return {
      findings: [
        {
          severity: 'error',
          rule: 'manifest/missing',
          message: `${MANIFEST_FILE} cannot be read (${(error as Error).message})`,
          fix: `Create ${MANIFEST_FILE} at the root of the app; "jingmai create" writes one.`,
          file: MANIFEST_FILE,
        },
      ],
    };
  }
  const result = parseManifest(text);
  if (result.ok) return { findings: localManifestWarnings(result.manifest, text), manifest: result.manifest };
  const tree = parseTree(text);
  const position = lineIndex(text);
  return {
    findings: result.errors.map((issue) => {
      const offset = tree ? fieldOffset(tree, issue.path) : 0;
      return {
        severity: 'error',
        rule: ruleFor(issue),
        message: issue.path ? `${issue.path}: ${issue.problem}` : `${MANIFEST_FILE} ${issue.problem}`,
        fix: issue.fix,
        file: MANIFEST_FILE,
        ...position(offset),
      };
    }),
  };
}

function ruleFor(issue: ManifestIssue): string {
  if (/^scopes\[\d+\]\.scope$/.test(issue.path)) return 'manifest/unknown-scope';
  if (/^scopes\[\d+\]\.purpose$/.test(issue.path)) return 'manifest/purpose';
  // Network origins become the CSP's connect-src.
  if (issue.path.startsWith('network.')) return 'csp/network-origin';
  return 'manifest/invalid';
}

/** `scopes[1].purpose` → ['scopes', 1, 'purpose'], the way parseManifest formats paths. */
function pathSegments(path: string): (string | number)[] {
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((match) =>
    match[1] !== undefined ? Number(match[1]) : (match[2] ?? ''),
  );
}

/** Offset of the field at `path`, or of its nearest parent that exists (for missing fields). */
function fieldOffset(tree: Node, path: string): number {
  const segments = pathSegments(path);
  for (let length = segments.length; length > 0; length -= 1) {
    const node = findNodeAtLocation(tree, segments.slice(0, length));
    if (node) return node.parent?.type === 'property' ? node.parent.offset : node.offset;
  }
  return tree.offset;
}

/** Plain http and ws pass the protocol only on loopback hosts: fine for development, not for merchants. */
function localManifestWarnings(manifest: Manifest, text: string): Finding[] {
  const tree = parseTree(text);
  const position = lineIndex(text);
  const at = (path: string) => ({ file: MANIFEST_FILE, ...position(tree ? fieldOffset(tree, path) : 0) });
  const findings: Finding[] = [];
  if (isPlain(manifest.entry)) {
    findings.push({
      severity: 'warning',
      rule: 'manifest/local-entry',
      message: `entry ${manifest.entry} is on this machine; merchants' consoles cannot load it`,
      fix: 'Set "entry" to the https:// URL the app will be served from before submitting it.',
      ...at('entry'),
    });
  }
  manifest.network.origins.forEach((origin, index) => {
    if (!isPlain(origin)) return;
    findings.push({
      severity: 'warning',
      rule: 'csp/network-origin',
      message: `network.origins[${index}] ${origin} is on this machine; the published app cannot reach it`,
      fix: 'Replace it with the https:// or wss:// origin of your production backend.',
      ...at(`network.origins[${index}]`),
    });
  });
  return findings;
}

function isPlain(url: string): boolean {
  const { protocol } = new URL(url);
  return protocol === 'http:' || protocol === 'ws:';
}
