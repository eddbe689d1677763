// Writes docs/reference/protocol.md from @jingmai/protocol itself: the manifest schema and its hints,
// the scopes, rate classes, methods, events, error codes and the version rule. Nothing in the
// reference is typed by hand, so it changes exactly when the protocol does; a test
// (protocol-reference.test.ts) fails while the checked-in file is stale.
//
// Run: `pnpm docs:protocol` (tsx scripts/protocol-reference.ts). It imports the protocol's source,
// not its build, so it needs no `tsc -b` first.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  BRIDGE_EVENTS,
  BRIDGE_METHODS,
  ERROR_CODE_DESCRIPTIONS,
  ERROR_CODES,
  EVENT_NAMES,
  FRAME,
  FRAME_PERMISSIONS,
  HELLO,
  MANIFEST_FILE,
  MAX_KEY_BYTES,
  MAX_MANIFEST_BYTES,
  MAX_OBJECT_BYTES,
  ManifestSchema,
  METHOD_NAMES,
  MULTIPART_THRESHOLD,
  manifestHints,
  PROTOCOL_VERSION,
  RATE_CLASSES,
  type RateClassName,
  SCOPE_NAMES,
  SCOPES,
  SUPPORTED_PROTOCOL_VERSIONS,
  scopeOpens,
  WELCOME,
} from '../packages/protocol/source/index.js';

/** Where the reference lives, from the repository root. */
export const PROTOCOL_REFERENCE = 'docs/reference/protocol.md';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A JSON Schema node, as zod emits it (only the keywords this renderer reads). */
interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  fix?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

type ZodLike = {
  toJSONSchema(params: Record<string, unknown>): unknown;
};

// Blobs, ArrayBuffers and `void` have no JSON Schema; name them instead of emitting an empty `{}`
// that would read as "anything".
function toJsonSchema(schema: ZodLike, io: 'input' | 'output', metadata?: unknown): JsonSchema {
  return schema.toJSONSchema({
    io,
    unrepresentable: 'any',
    ...(metadata ? { metadata } : {}),
    override(ctx: {
      zodSchema: { _zod: { def: { type: string }; bag: { Class?: { name: string } } } };
      jsonSchema: JsonSchema;
    }) {
      const { def, bag } = ctx.zodSchema._zod;
      if (def.type === 'custom' && bag.Class) ctx.jsonSchema.title = bag.Class.name;
      if (def.type === 'void' || def.type === 'undefined') ctx.jsonSchema.title = 'void';
    },
  }) as JsonSchema;
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** Bounds and patterns of a scalar, array or string, e.g. `1..500 chars`. */
function constraints(schema: JsonSchema): string[] {
  const notes: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    if (min !== undefined && max !== undefined) notes.push(`${min}..${max}${unit}`);
    else if (min !== undefined) notes.push(`≥ ${min}${unit}`);
    else if (max !== undefined) notes.push(`≤ ${max}${unit}`);
  };
  range(schema.minLength, schema.maxLength, ' chars');
  range(schema.minItems, schema.maxItems, ' items');
  const min = schema.minimum === -SAFE ? undefined : schema.minimum;
  const max = schema.maximum === SAFE ? undefined : schema.maximum;
  if (schema.exclusiveMinimum !== undefined) {
    notes.push(max === undefined ? `> ${schema.exclusiveMinimum}` : `> ${schema.exclusiveMinimum}, ≤ ${max}`);
  } else range(min, max, '');
  if (schema.pattern) notes.push(`/${schema.pattern}/`);
  if (schema.format) notes.push(schema.format);
  return notes;
}

const pad = (depth: number) => '  '.repeat(depth);

/** A compact, TypeScript-like rendering of a JSON Schema, with constraints in parentheses. */
export function renderType(schema: JsonSchema, depth = 0): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const parts = alternatives.map((alternative) => renderType(alternative, depth));
    return parts.join(' | ');
  }
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const notes = constraints(schema);
  const annotated = (base: string) => (notes.length ? `${base} (${notes.join(', ')})` : base);
  const type = Array.isArray(schema.type) ? schema.type.join(' | ') : schema.type;
  switch (type) {
    case 'object': {
      const lines: string[] = [];
      const required = new Set(schema.required ?? []);
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        lines.push(
          `${pad(depth + 1)}${name}${required.has(name) ? '' : '?'}: ${renderType(property, depth + 1)}`,
        );
      }
      if (typeof schema.additionalProperties === 'object') {
        const key = schema.propertyNames ? renderType(schema.propertyNames, depth + 1) : 'string';
        lines.push(`${pad(depth + 1)}[name: ${key}]: ${renderType(schema.additionalProperties, depth + 1)}`);
      }
      return lines.length ? `{\n${lines.join('\n')}\n${pad(depth)}}` : '{}';
    }
    case 'array': {
      const item = schema.items ? renderType(schema.items, depth) : 'unknown';
      // `string[]` when the item is one word; `Array<...>` keeps an annotated item readable.
      return annotated(/^\w+$/.test(item) ? `${item}[]` : `Array<${item}>`);
    }
    case undefined:
      return schema.title ?? 'unknown';
    default:
      return annotated(type);
  }
}

/** The rows of the manifest table: every field, depth first, with its hint when it has one. */
function manifestRows(schema: JsonSchema, prefix: string, rows: string[][], required: boolean): void {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const isRequired = required && (schema.required ?? []).includes(name);
    const presence =
      property.default !== undefined
        ? `default \`${JSON.stringify(property.default)}\``
        : isRequired
          ? 'required'
          : 'optional';
    const object = property.type === 'object' && property.properties;
    const arrayOfObjects = property.type === 'array' && property.items?.type === 'object';
    const shown = object
      ? 'object'
      : arrayOfObjects
        ? 'object[]'
        : renderType(property).replace(/\n\s*/g, ' ');
    rows.push([
      `\`${path}\``,
      code(shown),
      presence,
      cell(property.description ?? ''),
      cell(property.fix ?? ''),
    ]);
    if (object) manifestRows(property, `${path}.`, rows, true);
    if (arrayOfObjects && property.items) manifestRows(property.items, `${path}[].`, rows, true);
    if (property.type === 'array' && property.items && !arrayOfObjects && property.items.description) {
      rows.push([
        `\`${path}[]\``,
        code(renderType(property.items)),
        '',
        cell(property.items.description),
        cell(property.items.fix ?? ''),
      ]);
    }
  }
}

/** Escapes a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A table cell in code font (GFM still needs `|` escaped inside it). */
function code(text: string): string {
  return `\`${cell(text)}\``;
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** `4 KiB`, `5 GiB + 8 KiB`: exact, in the units the protocol's constants are written in. */
function bytes(n: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
    [1, 'bytes'],
  ];
  const parts: string[] = [];
  let rest = n;
  for (const [size, unit] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) parts.push(`${count} ${unit}`);
    rest -= count * size;
  }
  return parts.join(' + ') || '0 bytes';
}

function duration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

// Explicit anchors: GitHub's own would collide (the `scopes` event and the Scopes section).
const anchor = (kind: 'method' | 'event', name: string) => `${kind}-${name.replace(/[^A-Za-z0-9]+/g, '-')}`;
const methodLink = (name: string) => `[\`${name}\`](#${anchor('method', name)})`;
const eventLink = (name: string) => `[\`${name}\`](#${anchor('event', name)})`;

function jsonBlock(schema: JsonSchema): string {
  const { $schema: _, ...rest } = schema as JsonSchema & { $schema?: string };
  return `<details><summary>JSON Schema</summary>\n\n\`\`\`json\n${JSON.stringify(rest, null, 2)}\n\`\`\`\n\n</details>`;
}

const codeBlock = (text: string) => `\`\`\`text\n${text}\n\`\`\``;

/** The whole reference, as Markdown. */
export function renderProtocolReference(): string {
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add(
    '# Protocol reference',
    '',
    '<!-- Generated by scripts/protocol-reference.ts from packages/protocol. Do not edit: run `pnpm docs:protocol`. -->',
    '',
    'Generated from `@jingmai/protocol`, the single source of truth of the contract between an app and',
    'the console. The concepts behind it are in [the concept guides](../concepts/README.md).',
    '',
    'Types are shown compactly (`?` marks an optional field; bounds, lengths and patterns in',
    'parentheses), with the exact JSON Schema under each. JSON Schema cannot express every check:',
    'refinements such as "https only", "listed once" or "no `..` segments" are applied by the zod',
    'schemas and are stated in the descriptions and fixes.',
    '',
    '## Contents',
    '',
    '- [Protocol version](#protocol-version)',
    '- [Limits](#limits)',
    `- [Manifest (\`${MANIFEST_FILE}\`)](#manifest)`,
    '- [Scopes](#scopes)',
    '- [Rate classes](#rate-classes)',
    '- [Methods](#methods)',
    '- [Events](#events)',
    '- [Error codes](#error-codes)',
    '- [Wire frames](#wire-frames)',
    '',
  );

  add(
    '## Protocol version',
    '',
    `This package describes protocol version **${PROTOCOL_VERSION}** and speaks versions`,
    `${SUPPORTED_PROTOCOL_VERSIONS.map((v) => `\`${v}\``).join(', ')}.`,
    '',
    'Negotiation (`negotiateVersion(host, app)`): the app lists the versions it speaks in its hello',
    '(and its manifest, `protocol.versions`); the host picks the **highest version present in both',
    "lists**, counting only whole numbers. When they share none, the host's welcome carries",
    '`UNSUPPORTED_VERSION` and no port.',
    '',
  );

  add(
    '## Limits',
    '',
    table(
      ['limit', 'value'],
      [
        ['Manifest size (`MAX_MANIFEST_BYTES`)', bytes(MAX_MANIFEST_BYTES)],
        ['Largest stored object (`MAX_OBJECT_BYTES`)', bytes(MAX_OBJECT_BYTES)],
        [
          'Single-PUT upload up to (`MULTIPART_THRESHOLD`); larger bodies go in parts',
          bytes(MULTIPART_THRESHOLD),
        ],
        ['Storage key length (`MAX_KEY_BYTES`, UTF-8)', `${MAX_KEY_BYTES} bytes`],
        [
          'Frame permissions an app may ask for (`FRAME_PERMISSIONS`)',
          FRAME_PERMISSIONS.map((p) => `\`${p}\``).join(', '),
        ],
      ],
    ),
    '',
  );

  const manifest = toJsonSchema(ManifestSchema, 'input', manifestHints);
  const rows: string[][] = [];
  manifestRows(manifest, '', rows, true);
  add(
    '<a id="manifest"></a>',
    '',
    `## Manifest (\`${MANIFEST_FILE}\`)`,
    '',
    `Every app has a \`${MANIFEST_FILE}\` at its root. Unknown fields are errors. \`parseManifest\``,
    'reports each problem with its path and the fix below.',
    '',
    table(['field', 'type', 'presence', 'description', 'fix'], rows),
    '',
    jsonBlock(manifest),
    '',
  );

  add(
    '## Scopes',
    '',
    'A scope opens methods and events; an app holds the scopes its manifest requests **and** the',
    'merchant granted. `scopes` events reach every app, whatever it holds.',
    '',
    table(
      ['scope', 'what the merchant grants', 'methods', 'events'],
      SCOPE_NAMES.map((scope) => {
        const opens = scopeOpens(scope);
        return [
          `\`${scope}\``,
          cell(SCOPES[scope]),
          opens.methods.map(methodLink).join(', ') || '—',
          opens.events.map(eventLink).join(', ') || '—',
        ];
      }),
    ),
    '',
  );

  const rateNames = Object.keys(RATE_CLASSES) as RateClassName[];
  add(
    '## Rate classes',
    '',
    'Each app has one token bucket per class: it holds up to `burst` calls and refills at',
    '`perSecond`. A call that finds the bucket empty fails with `RATE_LIMITED` and',
    '`details.retryAfterMs`.',
    '',
    table(
      ['class', 'per second', 'burst', 'methods'],
      rateNames.map((name) => [
        `\`${name}\``,
        String(RATE_CLASSES[name].perSecond),
        String(RATE_CLASSES[name].burst),
        METHOD_NAMES.filter((method) => BRIDGE_METHODS[method].rate === name)
          .map(methodLink)
          .join(', '),
      ]),
    ),
    '',
  );

  add(
    '## Methods',
    '',
    'Nothing outside this table is reachable. The host checks, in order: the method exists, the',
    'scope is held, the rate bucket has a token, the arguments fit `max bytes`, and they parse under',
    'the params schema. The default timeout applies when the caller passes none.',
    '',
    table(
      ['method', 'scope', 'max bytes', 'rate class', 'default timeout'],
      METHOD_NAMES.map((method) => {
        const m = BRIDGE_METHODS[method];
        return [
          methodLink(method),
          `\`${m.scope}\``,
          bytes(m.maxBytes),
          `\`${m.rate}\``,
          duration(m.timeoutMs),
        ];
      }),
    ),
    '',
  );
  for (const method of METHOD_NAMES) {
    const m = BRIDGE_METHODS[method];
    const rate = RATE_CLASSES[m.rate];
    const params = toJsonSchema(m.params, 'input');
    const result = toJsonSchema(m.result, 'output');
    add(
      `<a id="${anchor('method', method)}"></a>`,
      '',
      `### \`${method}\``,
      '',
      m.description,
      '',
      `- namespace \`${m.namespace}\`, name \`${m.name}\``,
      `- scope \`${m.scope}\``,
      `- max bytes of the arguments: ${bytes(m.maxBytes)}`,
      `- rate class \`${m.rate}\`: ${rate.perSecond} per second, burst ${rate.burst}`,
      `- default timeout: ${duration(m.timeoutMs)}`,
      '',
      'Params:',
      '',
      codeBlock(renderType(params)),
      '',
      jsonBlock(params),
      '',
      'Result:',
      '',
      codeBlock(renderType(result)),
      '',
      jsonBlock(result),
      '',
    );
  }

  add(
    '## Events',
    '',
    'The host sends an event only to apps holding its scope.',
    '',
    table(
      ['event', 'scope', 'description'],
      EVENT_NAMES.map((event) => [
        eventLink(event),
        BRIDGE_EVENTS[event].scope ? `\`${BRIDGE_EVENTS[event].scope}\`` : 'every app',
        cell(BRIDGE_EVENTS[event].description),
      ]),
    ),
    '',
  );
  for (const event of EVENT_NAMES) {
    const e = BRIDGE_EVENTS[event];
    const payload = toJsonSchema(e.payload, 'output');
    add(
      `<a id="${anchor('event', event)}"></a>`,
      '',
      `### \`${event}\``,
      '',
      e.description,
      '',
      `- scope: ${e.scope ? `\`${e.scope}\`` : 'none (every app receives it)'}`,
      '',
      'Payload:',
      '',
      codeBlock(renderType(payload)),
      '',
      jsonBlock(payload),
      '',
    );
  }

  add(
    '## Error codes',
    '',
    'Every refusal and failure reaches the app as a `JingmaiError` with one of these codes. Branch on',
    'the code; messages are for people and may change.',
    '',
    table(
      ['code', 'meaning'],
      ERROR_CODES.map((code) => [`\`${code}\``, cell(ERROR_CODE_DESCRIPTIONS[code])]),
    ),
    '',
  );

  add(
    '## Wire frames',
    '',
    `The handshake posts \`{ type: "${HELLO}", versions }\` to the parent window once; the host answers`,
    `\`{ type: "${WELCOME}", ... }\` with a private \`MessagePort\`. Everything after travels on that port`,
    'as arrays whose first element is one of these tags:',
    '',
    table(
      ['frame', 'tag'],
      Object.entries(FRAME).map(([name, tag]) => [`\`${name}\``, String(tag)]),
    ),
    '',
  );

  return `${out.join('\n').trimEnd()}\n`;
}

/** Writes the reference into the repository. */
export function writeProtocolReference(): string {
  const path = join(root, PROTOCOL_REFERENCE);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderProtocolReference());
  return path;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(`wrote ${relative(process.cwd(), writeProtocolReference())}`);
}
