// Code a console app must not contain, found with a real parser (oxc, as Vite 8 ships it: it reads
// TypeScript and JSX as well as built JavaScript), so strings and comments never match:
// eval, the Function constructor, document.domain, navigating the top or parent window, and
// document.write. The CSP blocks the first two at run time anyway; finding them here says where.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSync, Visitor } from 'vite';
import { lineIndex } from '../files/line-index.js';
import type { Finding } from '../validate/finding.js';

/** The node fields this check reads; the parser's nodes have these and more. */
interface AstNode {
  readonly type: string;
  readonly start: number;
  readonly name?: string;
  readonly value?: unknown;
  readonly object?: AstNode;
  readonly property?: AstNode;
  readonly computed?: boolean;
  readonly expression?: AstNode;
  readonly expressions?: readonly AstNode[];
}

const RULES = {
  'code/eval': {
    message: 'eval() runs text as code',
    fix: 'Parse data with JSON.parse and call functions directly; the app CSP blocks eval.',
  },
  'code/new-function': {
    message: 'the Function constructor runs text as code',
    fix: 'Write the function in the source; the app CSP blocks new Function.',
  },
  'code/document-domain': {
    message: 'document.domain relaxes the same-origin policy',
    fix: 'Remove it; talk to the console through the SDK bridge instead.',
  },
  'code/top-navigation': {
    message: 'navigates the console window (top or parent)',
    fix: "Ask the console to move with the SDK's app.ui.navigate(path).",
  },
  'code/document-write': {
    message: 'document.write replaces or injects markup unchecked',
    fix: 'Build DOM nodes (createElement, textContent) or render with your framework.',
  },
} as const;

type Rule = keyof typeof RULES;

const GLOBALS = new Set(['window', 'self', 'globalThis']);
const FRAMES = new Set(['top', 'parent']);
const DOCUMENT = new Set(['document']);
const EVAL = new Set(['eval']);
const FUNCTION = new Set(['Function']);

/** Strips parentheses, TypeScript wrappers and `(0, x)` to the expression that is evaluated. */
function unwrap(node: AstNode | undefined): AstNode | undefined {
  let current = node;
  while (current) {
    if (current.type === 'SequenceExpression') current = current.expressions?.at(-1);
    else if (
      ['ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(
        current.type,
      )
    )
      current = current.expression;
    else return current;
  }
  return current;
}

/** The name a member expression reads: `a.b` and `a['b']` both give "b". */
function propertyName(node: AstNode): string | undefined {
  if (node.type !== 'MemberExpression' || !node.property) return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  if (node.property.type === 'Literal' && typeof node.property.value === 'string') return node.property.value;
  return undefined;
}

/** `name`, or `window.name` / `self.name` / `globalThis.name`. */
function isGlobal(node: AstNode | undefined, names: ReadonlySet<string>): boolean {
  const target = unwrap(node);
  if (!target) return false;
  if (target.type === 'Identifier') return names.has(target.name ?? '');
  const name = propertyName(target);
  return name !== undefined && names.has(name) && isGlobal(target.object, GLOBALS);
}

/** `top`, `parent`, `window.top`, `parent.parent` and the like. */
function isOtherFrame(node: AstNode | undefined): boolean {
  const target = unwrap(node);
  if (!target) return false;
  if (isGlobal(target, FRAMES)) return true;
  const name = propertyName(target);
  return name !== undefined && FRAMES.has(name) && isOtherFrame(target.object);
}

/** `top.location`, `window.parent.location`, … */
function isOtherFrameLocation(node: AstNode | undefined): boolean {
  const target = unwrap(node);
  return !!target && propertyName(target) === 'location' && isOtherFrame(target.object);
}

/** Language of a file for the parser, or undefined when it is not code. */
function languageOf(file: string): 'js' | 'jsx' | 'ts' | 'tsx' | undefined {
  const match = /\.([cm]?[jt]sx?)$/.exec(file);
  if (!match?.[1]) return undefined;
  const extension = match[1].replace(/^[cm]/, '');
  return extension as 'js' | 'jsx' | 'ts' | 'tsx';
}

/** True for files the forbidden-code check reads. */
export function isCodeFile(file: string): boolean {
  return languageOf(file) !== undefined && !file.endsWith('.d.ts');
}

/** The forbidden code in `text`, reported against `file`. */
export function findForbiddenCode(file: string, text: string): Finding[] {
  const lang = languageOf(file) ?? 'js';
  const parsed = parseSync(file, text, { lang, sourceType: 'module' });
  const position = lineIndex(text);
  const firstError = parsed.errors[0];
  if (firstError) {
    const offset = firstError.labels[0]?.start ?? 0;
    return [
      {
        severity: 'warning',
        rule: 'code/parse-error',
        message: `cannot be parsed, so it was not checked: ${firstError.message}`,
        fix: 'Fix the syntax error (the build will report it too).',
        file,
        ...position(offset),
      },
    ];
  }
  const findings: Finding[] = [];
  const report = (rule: Rule, node: AstNode) =>
    findings.push({ severity: 'error', rule, ...RULES[rule], file, ...position(node.start) });
  const onCallee = (callee: AstNode, constructs: boolean) => {
    const target = unwrap(callee);
    if (!target) return;
    if (isGlobal(target, FUNCTION)) report('code/new-function', target);
    else if (!constructs && isGlobal(target, EVAL)) report('code/eval', target);
    else if (
      !constructs &&
      /^write(ln)?$/.test(propertyName(target) ?? '') &&
      isGlobal(target.object, DOCUMENT)
    )
      report('code/document-write', target);
    else if (
      !constructs &&
      ['assign', 'replace'].includes(propertyName(target) ?? '') &&
      isOtherFrameLocation(target.object)
    )
      report('code/top-navigation', target);
  };
  new Visitor({
    CallExpression: (node) => onCallee(node.callee as unknown as AstNode, false),
    NewExpression: (node) => onCallee(node.callee as unknown as AstNode, true),
    MemberExpression: (node) => {
      const member = node as unknown as AstNode;
      if (propertyName(member) === 'domain' && isGlobal(member.object, DOCUMENT)) {
        report('code/document-domain', member);
      }
    },
    AssignmentExpression: (node) => {
      const left = unwrap(node.left as unknown as AstNode);
      // `top.location = …` and `top.location.href = …`
      if (isOtherFrameLocation(left) || (left && isOtherFrameLocation(left.object))) {
        report('code/top-navigation', left as AstNode);
      }
    },
  }).visit(parsed.program);
  return findings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Reads each of `files` under `root` and reports its forbidden code; `prefix` is prepended to paths. */
export async function checkForbiddenCode(
  root: string,
  files: readonly string[],
  prefix = '',
): Promise<Finding[]> {
  const results = await Promise.all(
    files.map(async (file) =>
      findForbiddenCode(`${prefix}${file}`, await readFile(join(root, file), 'utf8')),
    ),
  );
  return results.flat();
}
