import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWorkspace } from './workspace.js';

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'jingmai-workspace-'));
  await mkdir(join(root, 'repo/apps'), { recursive: true });
  await writeFile(
    join(root, 'repo/pnpm-workspace.yaml'),
    "packages:\n  - 'apps/*'\n  - '!apps/private'\n  - ./tools/**\n",
  );
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('findWorkspace', () => {
  it('says whether the nearest workspace includes the folder, as pnpm would', async () => {
    const repo = join(root, 'repo');
    expect(await findWorkspace(join(repo, 'apps/orders'))).toEqual({ root: repo, includes: true });
    expect(await findWorkspace(join(repo, 'tools/a/b'))).toEqual({ root: repo, includes: true });
    expect(await findWorkspace(join(repo, 'apps/private'))).toEqual({ root: repo, includes: false });
    expect(await findWorkspace(join(repo, 'apps/orders/nested'))).toEqual({ root: repo, includes: false });
  });

  it('finds none outside any workspace', async () => {
    expect(await findWorkspace(join(root, 'elsewhere/app'))).toBeUndefined();
  });
});
