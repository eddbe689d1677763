#!/usr/bin/env node
// jingmai-oss: runs the S3-compatible storage shim until interrupted.
import { parseArgs } from 'node:util';
import { DEFAULT_CREDENTIALS, DEFAULT_REGION, startOssServer } from './server/start.js';

const HELP = `Usage: jingmai-oss [options]

An S3-compatible object storage server for local development (stands in for JD Cloud OSS).
Point @aws-sdk/client-s3 at the printed endpoint with forcePathStyle: true.

Options:
  --data-dir <dir>         where objects are stored (default: .jingmai/oss)
  --port <n>               port to listen on (default: 9000; 0 picks a free one)
  --host <addr>            address to bind (default: 127.0.0.1)
  --region <name>          signing region clients must use (default: ${DEFAULT_REGION})
  --access-key <id>        access key id (default: ${DEFAULT_CREDENTIALS.accessKeyId})
  --secret-key <secret>    secret access key (default: the built-in development secret)
  --bucket <name>          create this bucket at start if missing (repeatable)
  --cors-origin <origin>   allow browser requests from this origin (repeatable; "*" or "null" allowed)
  --virtual-host <domain>  also accept virtual-host style requests to <bucket>.<domain>
  -h, --help               show this help
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: '.jingmai/oss' },
      port: { type: 'string', default: '9000' },
      host: { type: 'string', default: '127.0.0.1' },
      region: { type: 'string', default: DEFAULT_REGION },
      'access-key': { type: 'string', default: DEFAULT_CREDENTIALS.accessKeyId },
      'secret-key': { type: 'string', default: DEFAULT_CREDENTIALS.secretAccessKey },
      bucket: { type: 'string', multiple: true, default: [] },
      'cors-origin': { type: 'string', multiple: true, default: [] },
      'virtual-host': { type: 'string' },
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
  const credentials = { accessKeyId: values['access-key'], secretAccessKey: values['secret-key'] };
  const server = await startOssServer({
    dataDir: values['data-dir'],
    port,
    host: values.host,
    region: values.region,
    credentials: [credentials],
    buckets: values.bucket,
    ...(values['cors-origin'].length ? { cors: { allowedOrigins: values['cors-origin'] } } : {}),
    ...(values['virtual-host'] ? { virtualHostDomain: values['virtual-host'] } : {}),
  });
  const stop = () => void server.close().then(() => process.exit(0));
  // Handlers first: whoever reads the ready lines below may signal at once.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(
    [
      `jingmai-oss listening on ${server.url} (data: ${server.dataDir})`,
      `  endpoint:          ${server.url}   (forcePathStyle: true)`,
      `  region:            ${server.region}`,
      `  access key id:     ${credentials.accessKeyId}`,
      `  secret access key: ${credentials.secretAccessKey}`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`jingmai-oss: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
