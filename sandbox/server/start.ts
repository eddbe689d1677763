// `npm start`: the sandbox for the example apps, with its data under .jingmai/ at the repo root
// (or JINGMAI_SANDBOX_DATA_DIR, which the browser tests set to start from empty data).
// Prints one URL; Ctrl-C stops everything (the shims write their data as they go).
import { join } from 'node:path';
import { appFoldersUnder } from './apps.js';
import { startSandbox } from './sandbox.js';
import { describeSandbox, untilStopped } from './terminal.js';

const root = new URL('../../', import.meta.url).pathname;
const sandbox = await startSandbox({
  apps: appFoldersUnder(join(root, 'examples')),
  dataDir: process.env.JINGMAI_SANDBOX_DATA_DIR || join(root, '.jingmai'),
});
console.log(describeSandbox(sandbox));
await untilStopped();
await sandbox.close();
// Sockets of browsers still open on the console must not keep the process alive.
process.exit(0);
