// `jingmai create` as a function: a new app folder from a template, with a manifest that passes
// the protocol's checks and dependencies that resolve where the app lives.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { MANIFEST_FILE, parseManifest, SUPPORTED_PROTOCOL_VERSIONS } from '@jingmai/protocol';
import { formatIssues } from '@jingmai/vite-plugin';
import { CliError } from '../cli/errors.js';
import { KIT_VERSION } from '../kit/package-info.js';
import { copyTemplate, templateFile, templateNames } from './template.js';
import { findWorkspace, type Workspace } from './workspace.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** The folder to create; it must not exist or be empty. */
  readonly dir: string;
  /** A template name (`vanilla` or `preact`). Default: `vanilla`. */
  readonly template?: string;
  /** The manifest id. Default: `com.example.<folder name>`. */
  readonly id?: string;
  /** The name merchants see. Default: the folder name. */
  readonly name?: string;
}

/** What {@link createApp} wrote. */
export interface CreateAppResult {
  readonly root: string;
  readonly template: string;
  /** The pnpm workspace that links the app, when it lands in one; it then uses `workspace:*`. */
  readonly workspace?: string;
  readonly files: readonly string[];
}

const KIT_SCOPE = '@jingmai/';

/** Creates an app from a template. */
export async function createApp(options: CreateAppOptions): Promise<CreateAppResult> {
  const root = resolve(options.dir);
  const template = options.template ?? 'vanilla';
  const templates = await templateNames();
  if (!templates.includes(template)) {
    throw new CliError(`there is no template "${template}"`, `Use --template ${templates.join(' or ')}.`);
  }
  const folder = basename(root);
  const name = options.name ?? folder;
  const id =
    options.id ??
    `com.example.${folder
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')}`;
  const manifest = JSON.parse(await readFile(templateFile(template, MANIFEST_FILE), 'utf8')) as Record<
    string,
    unknown
  >;
  Object.assign(manifest, { id, name, protocol: { versions: [...SUPPORTED_PROTOCOL_VERSIONS] } });
  // Checked before anything is written, so a bad --id or --name leaves no half-made folder.
  const checked = parseManifest(manifest);
  if (!checked.ok) {
    throw new CliError(
      formatIssues(MANIFEST_FILE, checked.errors),
      'Pass a valid --id (e.g. --id com.example.orders) or --name.',
    );
  }
  await ensureEmpty(root);

  const workspace = await findWorkspace(root);
  const files = await copyTemplate(template, root, name);
  await writeFile(join(root, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await rewriteJson(join(root, 'package.json'), (pkg) => {
    pkg.name = npmName(folder);
    for (const field of ['dependencies', 'devDependencies']) {
      const dependencies = pkg[field] as Record<string, string> | undefined;
      for (const dependency of Object.keys(dependencies ?? {})) {
        if (dependencies && dependency.startsWith(KIT_SCOPE)) {
          dependencies[dependency] = linkedVersion(workspace);
        }
      }
    }
  });
  return { root, template, files, ...(workspace?.includes ? { workspace: workspace.root } : {}) };
}

/** Inside a workspace that includes the app, the local packages; elsewhere, the published ones. */
function linkedVersion(workspace: Workspace | undefined): string {
  return workspace?.includes ? 'workspace:*' : `^${KIT_VERSION}`;
}

function npmName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name || 'jingmai-app';
}

async function ensureEmpty(root: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(root);
  } catch {
    await mkdir(root, { recursive: true });
    return;
  }
  if (entries.length > 0) {
    throw new CliError(
      `${root} already exists and is not empty`,
      'Choose a new folder name, or empty the folder first.',
    );
  }
}

async function rewriteJson(file: string, change: (data: Record<string, unknown>) => void): Promise<void> {
  const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(data);
  await writeFile(file, `${JSON.stringify(data, null, 2)}\n`);
}
