#!/usr/bin/env node
// jingmai-miaosong: runs the Miaosong delivery API simulator until interrupted.

import { parseArgs } from 'node:util';
import { parseClockSpec } from './clock/clock.js';
import { startMiaosongServer } from './simulator.js';

const HELP = `Usage: jingmai-miaosong [options]

A simulator of the Miaosong (Dada open platform) delivery API.

Options:
  --data-dir <dir>      SQLite data directory (default: ./.jingmai/miaosong)
  --port <n>            port to listen on (default: 7311; 0 picks a free one)
  --host <addr>         address to bind (default: 127.0.0.1)
  --clock <mode>        real | manual | <speed>, e.g. 10 or 10x (default: real)
  --environment <env>   test | production (production refuses the simulation endpoints)
  --admin-token <t>     bearer token for /admin (default: random, printed)
  --no-auto-dispatch    riders move only through the test endpoints (/api/order/accept, ...)
  -h, --help            show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: '.jingmai/miaosong' },
      port: { type: 'string', default: '7311' },
      host: { type: 'string', default: '127.0.0.1' },
      clock: { type: 'string', default: 'real' },
      environment: { type: 'string', default: 'test' },
      'admin-token': { type: 'string' },
      'no-auto-dispatch': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (values.environment !== 'test' && values.environment !== 'production') {
    throw new Error(`--environment must be test or production, got ${values.environment}`);
  }
  const server = await startMiaosongServer({
    dataDir: values['data-dir'],
    port,
    host: values.host,
    clock: parseClockSpec(values.clock),
    environment: values.environment,
    timings: { autoDispatch: !values['no-auto-dispatch'] },
    ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
  });
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  // Handlers first: whoever reads the ready lines below may signal at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const seed = server.seed;
  process.stdout.write(
    [
      `miaosong shim listening on ${server.url} (clock: ${server.clock.mode}, data: ${values['data-dir']})`,
      seed ? `  app_key:    ${seed.appKey}` : '',
      seed ? `  app_secret: ${seed.appSecret}` : '',
      seed ? `  source_id:  ${seed.sourceId}   shop_no: ${seed.shop.shop_no}` : '',
      `  admin:      Authorization: Bearer ${server.adminToken}`,
      '',
    ]
      .filter((line, index, lines) => line !== '' || index === lines.length - 1)
      .join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`jingmai-miaosong: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
