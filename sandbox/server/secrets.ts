// App secrets for the sandbox's platform server: generated once per app and kept under
// .jingmai/, so an app backend running beside the sandbox can verify session tokens.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Reads the secrets file, adds one for each new app id, and returns them all. */
export function appSecrets(path: string, appIds: readonly string[]): Record<string, string> {
  const secrets: Record<string, string> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  let changed = false;
  for (const id of appIds) {
    if (typeof secrets[id] === 'string') continue;
    secrets[id] = randomBytes(32).toString('base64url');
    changed = true;
  }
  if (changed) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
