// The app manifest (`jingmai.app.json`): what an app is, where it loads from, what it may do.
// Every field carries a description and a fix hint; parseManifest reports each problem with both.
import { z } from 'zod';
import { SCOPES, type Scope } from './scopes.js';
import { SUPPORTED_PROTOCOL_VERSIONS } from './version.js';

/** The manifest's file name, at the root of an app. */
export const MANIFEST_FILE = 'jingmai.app.json';

/** The largest manifest accepted, in bytes of JSON. */
export const MAX_MANIFEST_BYTES = 64 * 1024;

/** Description and fix hint of each manifest field; used for error messages and the docs. */
export const manifestHints = z.registry<{ description: string; fix: string }>();

function hint<T extends z.ZodType>(schema: T, description: string, fix: string): T {
  manifestHints.add(schema, { description, fix });
  return schema;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// Bidi overrides, zero-width characters and C0/C1 controls make a name render as something else;
// matching control characters is the point here.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being rejected
const DECEPTIVE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;
const NON_ASCII = /[^\x20-\x7e]/;

/** Loopback hosts may use plain http (local development); everything else must be https. */
function checkUrl(value: string, ctx: z.RefinementCtx, allowed: readonly string[], what: string): URL | null {
  if (NON_ASCII.test(value)) {
    ctx.addIssue({ code: 'custom', message: `${what} contains non-ASCII characters (a look-alike risk)` });
    return null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: `${what} is not an absolute URL` });
    return null;
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  const secure = allowed.includes(url.protocol);
  const localPlain = loopback && allowed.includes(url.protocol.replace(/^(http|ws):$/, '$1s:'));
  if (!secure && !localPlain) {
    ctx.addIssue({
      code: 'custom',
      message: `${what} uses "${url.protocol}"; only ${allowed.join(' or ')} is allowed (plain http only on localhost)`,
    });
    return null;
  }
  if (url.username || url.password) {
    ctx.addIssue({ code: 'custom', message: `${what} must not carry a user name or password` });
    return null;
  }
  return url;
}

const IdSchema = hint(
  z
    .string()
    .min(3)
    .max(64)
    .regex(/^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$/, 'must be lowercase ASCII letters, digits, "." and "-"'),
  'Unique app id, stable across versions.',
  'Use 3-64 lowercase ASCII letters, digits, "." and "-", starting with a letter, e.g. "com.example.gallery".',
);

const NameSchema = hint(
  z
    .string()
    .min(1)
    .max(64)
    .refine((value) => !DECEPTIVE_CHARACTERS.test(value), 'contains control, zero-width or bidi characters')
    .refine((value) => value.trim() === value, 'has leading or trailing white space'),
  'The name merchants see in the console.',
  'Use 1-64 visible characters without control, zero-width or direction-changing characters.',
);

// Semantic Versioning 2.0.0, without leading zeros.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

const VersionSchema = hint(
  z.string().max(64).regex(SEMVER, 'is not a semantic version'),
  "The app's version.",
  'Use a semantic version such as "1.0.0" or "1.2.0-beta.1".',
);

const EntrySchema = hint(
  z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      checkUrl(value, ctx, ['https:'], 'entry');
    }),
  'The URL of the page the console loads in the app frame.',
  'Use an https:// URL on your own origin; http:// only for localhost during development.',
);

const ScopeNameSchema = z.enum(Object.keys(SCOPES) as [Scope, ...Scope[]], {
  error: () => `is not a scope; the scopes are ${Object.keys(SCOPES).join(', ')}`,
});

const ScopeRequestSchema = z.strictObject({
  scope: hint(ScopeNameSchema, 'A scope the app asks for.', `Use one of: ${Object.keys(SCOPES).join(', ')}.`),
  purpose: hint(
    z.string().trim().min(10).max(300),
    'Why the app needs the scope, shown to the merchant when granting it.',
    'Write 10-300 characters telling the merchant what the app does with this permission.',
  ),
});

const ScopesSchema = hint(
  z
    .array(ScopeRequestSchema)
    .max(Object.keys(SCOPES).length)
    .superRefine((requests, ctx) => {
      const seen = new Set<string>();
      requests.forEach((request, index) => {
        if (seen.has(request.scope)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'scope'],
            message: `requests "${request.scope}" twice`,
          });
        }
        seen.add(request.scope);
      });
    }),
  'The scopes the app requests, each with its purpose.',
  'List each scope once, as { "scope": "...", "purpose": "..." }.',
);

const OriginSchema = hint(
  z
    .string()
    .max(256)
    .superRefine((value, ctx) => {
      if (value.includes('*')) {
        ctx.addIssue({ code: 'custom', message: 'wildcards are not allowed in network origins' });
        return;
      }
      const url = checkUrl(value, ctx, ['https:', 'wss:'], 'origin');
      if (url && url.origin !== value) {
        ctx.addIssue({ code: 'custom', message: `is not a bare origin (expected "${url.origin}")` });
      }
    }),
  'An origin the app may connect to; becomes part of its CSP connect-src.',
  'Write scheme, host and optional port only, e.g. "https://api.example.com", with no path and no wildcard.',
);

const NetworkSchema = hint(
  z.strictObject({
    origins: z
      .array(OriginSchema)
      .max(32)
      .refine((origins) => new Set(origins).size === origins.length, 'lists an origin twice'),
  }),
  'Where the app may send network requests.',
  'Set "origins" to the list of origins your app calls, each listed once.',
);

const HeightSchema = z.int().min(0).max(10_000);
const UiSchema = hint(
  z.strictObject({
    height: z
      .strictObject({ default: HeightSchema, min: HeightSchema, max: HeightSchema })
      .refine((h) => h.min <= h.default && h.default <= h.max, 'needs min <= default <= max'),
  }),
  'How tall the console makes the app frame, in CSS pixels.',
  'Give whole pixel heights from 0 to 10000 with min <= default <= max.',
);

const ProtocolSchema = hint(
  z.strictObject({
    versions: z
      .array(z.int().positive())
      .min(1)
      .max(16)
      .refine((versions) => new Set(versions).size === versions.length, 'lists a version twice'),
  }),
  'The bridge protocol versions the app speaks; the host picks the highest it shares.',
  `List the versions your SDK speaks, e.g. [${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}].`,
);

const IconSchema = hint(
  z
    .string()
    .max(2048)
    .superRefine((value, ctx) => {
      if (/^[a-z][a-z0-9+.-]*:/i.test(value)) checkUrl(value, ctx, ['https:'], 'icon');
      else if (!/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9_./-]+\.(?:png|svg|webp)$/.test(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'is neither an https URL nor a relative .png/.svg/.webp path',
        });
      }
    }),
  'The app icon.',
  'Use a relative path inside the app such as "assets/icon.svg", or an https:// URL.',
);

const DescriptionSchema = hint(
  z
    .string()
    .max(500)
    .refine(
      (value) => !DECEPTIVE_CHARACTERS.test(value.replace(/[\n\t]/g, ' ')),
      'contains control characters',
    ),
  'What the app does, shown in the app switcher.',
  'Use at most 500 characters of plain text.',
);

const LocalesSchema = hint(
  z
    .array(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'is not a BCP 47 tag'))
    .min(1)
    .max(32)
    .refine((locales) => new Set(locales).size === locales.length, 'lists a locale twice'),
  'The locales the app is translated into, the default first.',
  'List BCP 47 tags such as "zh-CN" and "en-US", each once.',
);

/** iframe sandbox tokens an app may ask for. Same-origin and top navigation are never granted. */
export const FRAME_PERMISSIONS = ['allow-forms', 'allow-popups', 'allow-downloads', 'allow-modals'] as const;

const SandboxSchema = hint(
  z.strictObject({
    allow: z
      .array(
        z.enum(FRAME_PERMISSIONS, {
          error: (issue) =>
            typeof issue.input === 'string' &&
            /same-origin|top-navigation|pointer-lock|storage-access/.test(issue.input)
              ? `"${issue.input}" is never granted to apps`
              : `is not a frame permission; the permissions are ${FRAME_PERMISSIONS.join(', ')}`,
        }),
      )
      .max(FRAME_PERMISSIONS.length)
      .refine((tokens) => new Set(tokens).size === tokens.length, 'lists a permission twice'),
  }),
  'Extra iframe sandbox permissions, granted only when the console agrees.',
  `Ask only for ${FRAME_PERMISSIONS.join(', ')}; same-origin and top navigation are never available.`,
);

/** The schema of `jingmai.app.json`. */
export const ManifestSchema = z.strictObject({
  $schema: z.string().max(2048).optional(),
  id: IdSchema,
  name: NameSchema,
  version: VersionSchema,
  entry: EntrySchema,
  scopes: ScopesSchema,
  network: NetworkSchema.default({ origins: [] }),
  ui: UiSchema.default({ height: { default: 480, min: 120, max: 4000 } }),
  protocol: ProtocolSchema,
  icon: IconSchema.optional(),
  description: DescriptionSchema.optional(),
  locales: LocalesSchema.optional(),
  sandbox: SandboxSchema.default({ allow: [] }),
});

/** A valid manifest, with defaults filled in. */
export type Manifest = z.output<typeof ManifestSchema>;
/** A manifest as written in the file (defaulted fields optional). */
export type ManifestInput = z.input<typeof ManifestSchema>;

/** One problem in a manifest. */
export interface ManifestIssue {
  /** Where: `scopes[1].purpose`; empty for the manifest as a whole. */
  readonly path: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/** The outcome of {@link parseManifest}. */
export type ManifestResult =
  | { readonly ok: true; readonly manifest: Manifest }
  | { readonly ok: false; readonly errors: readonly ManifestIssue[] };

const TOP_LEVEL_FIELDS = Object.keys(ManifestSchema.shape).join(', ');

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`,
    )
    .join('');
}

function innerSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable)
      current = current.unwrap() as z.ZodType;
    else if (current instanceof z.ZodDefault) current = current.def.innerType as z.ZodType;
    else return current;
  }
}

/** The fix hint of the deepest field along `path` that has one. */
function fixFor(path: readonly PropertyKey[]): string {
  let schema: z.ZodType | undefined = ManifestSchema;
  let fix = `Check the manifest against the ${MANIFEST_FILE} reference.`;
  for (const segment of path) {
    if (!schema) break;
    schema = innerSchema(schema);
    if (schema instanceof z.ZodObject && typeof segment === 'string') {
      schema = Object.hasOwn(schema.shape, segment) ? (schema.shape[segment] as z.ZodType) : undefined;
    } else if (schema instanceof z.ZodArray) {
      schema = schema.element as z.ZodType;
    } else {
      schema = undefined;
    }
    const found = schema && (manifestHints.get(schema) ?? manifestHints.get(innerSchema(schema)));
    if (found) fix = found.fix;
  }
  return fix;
}

function toIssues(error: z.ZodError): ManifestIssue[] {
  const issues: ManifestIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // One issue per unknown key, so each points at the field to remove.
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        const known = issue.path.length === 0 ? ` The fields are: ${TOP_LEVEL_FIELDS}.` : '';
        issues.push({
          path: formatPath(path),
          problem: 'is not a known field',
          fix: `Remove "${key}".${known}`,
        });
      }
      continue;
    }
    issues.push({ path: formatPath(issue.path), problem: issue.message, fix: fixFor(issue.path) });
  }
  return issues;
}

/**
 * Checks a manifest, given as JSON text or as parsed data. Returns the manifest with defaults
 * filled in, or every problem found, each with its field path and a fix.
 */
export function parseManifest(input: unknown): ManifestResult {
  let data = input;
  let text: string | undefined;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = JSON.stringify(input);
    } catch {
      return fail(
        '',
        'is not plain JSON data (it has cycles or values JSON cannot hold)',
        'Pass the parsed JSON of the file.',
      );
    }
  }
  const bytes = text === undefined ? 0 : new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_MANIFEST_BYTES) {
    return fail(
      '',
      `is ${bytes} bytes; the limit is ${MAX_MANIFEST_BYTES}`,
      'Shorten the manifest; no field needs that much text.',
    );
  }
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (error) {
      return fail(
        '',
        `is not valid JSON (${(error as Error).message})`,
        `Fix the JSON syntax of ${MANIFEST_FILE}.`,
      );
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return fail(
      '',
      'must be a JSON object',
      `Write ${MANIFEST_FILE} as one object: { "id": ..., "name": ..., ... }.`,
    );
  }
  const result = ManifestSchema.safeParse(data);
  return result.success ? { ok: true, manifest: result.data } : { ok: false, errors: toIssues(result.error) };
}

function fail(path: string, problem: string, fix: string): ManifestResult {
  return { ok: false, errors: [{ path, problem, fix }] };
}
