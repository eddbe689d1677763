// What the sandbox says in the terminal, and how it stops there. Shared by `npm start` and
// `jingmai dev`, so both print the same one URL and stop the same way.
import type { Sandbox } from './sandbox.js';

/** The startup banner: the URL first, then what runs where. */
export function describeSandbox(sandbox: Sandbox): string {
  const lines = [
    '',
    `  Jingmai sandbox: ${sandbox.url}`,
    '',
    `  ${sandbox.apps.length} app(s): ${sandbox.apps.map((app) => app.manifest.name).join(', ') || 'none'}`,
    `  app secrets (for your backend's verifySessionToken): ${sandbox.secretsFile}`,
    `  OSS (S3) endpoint ${sandbox.ossUrl}, Miaosong API ${sandbox.miaosongUrl}`,
  ];
  for (const { name, wanted, got } of sandbox.moved)
    lines.push(`  port ${wanted} was busy: ${name} is on ${got} instead`);
  lines.push('  Ctrl-C to stop.', '');
  return lines.join('\n');
}

/** Resolves on the first Ctrl-C or SIGTERM, with the signal's name. */
export function untilStopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
