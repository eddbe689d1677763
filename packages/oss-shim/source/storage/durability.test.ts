// Durability: concurrent writers to one key, restart keeps everything, and a server killed with SIGKILL in
// the middle of uploads shows nothing partial after it restarts.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CREDENTIALS, DEFAULT_REGION } from '../server/start.js';
import { signedHeaders, startTestServer } from '../testing/harness.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oss-shim-durability-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

describe('fs store', () => {
  it('ends concurrent writers to one key with one whole object, and keeps everything across a restart', async () => {
    const dir = dataDir();
    const first = await startTestServer({ dataDir: dir, buckets: ['durable'] });
    const s3 = first.client();
    const bodies = Array.from({ length: 12 }, (_, i) => Buffer.alloc(256 * 1024 + i, i + 1));
    await Promise.all(
      bodies.map((Body) => s3.send(new PutObjectCommand({ Bucket: 'durable', Key: 'contended', Body }))),
    );
    const got = await s3.send(new GetObjectCommand({ Bucket: 'durable', Key: 'contended' }));
    const data = Buffer.from(await got.Body!.transformToByteArray());
    const winner = bodies.find((body) => body.equals(data));
    expect(winner).toBeDefined();
    expect(got.ETag).toBe(`"${md5(data)}"`);
    await s3.send(
      new PutObjectCommand({ Bucket: 'durable', Key: 'other/key.txt', Body: 'kept', Metadata: { m: 'v' } }),
    );
    expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
    await first.stop();

    const second = await startTestServer({ dataDir: dir });
    const again = second.client();
    const listed = await again.send(new ListObjectsV2Command({ Bucket: 'durable' }));
    expect(listed.Contents?.map((entry) => entry.Key)).toEqual(['contended', 'other/key.txt']);
    const kept = await again.send(new GetObjectCommand({ Bucket: 'durable', Key: 'other/key.txt' }));
    expect(await kept.Body?.transformToString()).toBe('kept');
    expect(kept.Metadata).toEqual({ m: 'v' });
    const contended = await again.send(new GetObjectCommand({ Bucket: 'durable', Key: 'contended' }));
    expect(Buffer.from(await contended.Body!.transformToByteArray()).equals(winner as Buffer)).toBe(true);
    await second.stop();
  });
});

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function startChild(dir: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--data-dir', dir, '--port', '0', '--bucket', 'crash'],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once('exit', (code) => reject(new Error(`shim exited early with ${code}: ${output}`)));
  });
}

/** Starts an upload of `total` bytes but sends only `sent`, then leaves the request hanging. */
function partialUpload(port: number, path: string, total: number, sent: number): http.ClientRequest {
  const target = {
    url: `http://127.0.0.1:${port}`,
    credentials: [DEFAULT_CREDENTIALS],
    region: DEFAULT_REGION,
  };
  const headers = signedHeaders(target, { method: 'PUT', path, payloadHash: 'UNSIGNED-PAYLOAD' });
  const req = http.request({
    host: '127.0.0.1',
    port,
    method: 'PUT',
    path,
    headers: { ...headers, 'content-length': String(total) },
  });
  req.on('error', () => undefined);
  req.write(Buffer.alloc(sent, 'p'));
  return req;
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('kill -9 mid-upload', () => {
  it('leaves no partial object visible after a restart', { timeout: 30_000 }, async () => {
    const dir = dataDir();
    const first = await startChild(dir);
    const client = (port: number) =>
      new S3Client({
        endpoint: `http://127.0.0.1:${port}`,
        region: DEFAULT_REGION,
        forcePathStyle: true,
        credentials: DEFAULT_CREDENTIALS,
      });
    const before = client(first.port);
    const original = Buffer.alloc(100_000, 'o');
    await before.send(new PutObjectCommand({ Bucket: 'crash', Key: 'replaced', Body: original }));
    await before.send(new PutObjectCommand({ Bucket: 'crash', Key: 'kept', Body: 'kept' }));
    const { UploadId } = await before.send(new CreateMultipartUploadCommand({ Bucket: 'crash', Key: 'mp' }));
    before.destroy();

    const requests = [
      partialUpload(first.port, '/crash/replaced', 8 * 1024 * 1024, 3 * 1024 * 1024),
      partialUpload(first.port, '/crash/fresh', 8 * 1024 * 1024, 2 * 1024 * 1024),
      partialUpload(first.port, `/crash/mp?partNumber=1&uploadId=${UploadId}`, 6 * 1024 * 1024, 1024 * 1024),
    ];
    // Kill only once the server is demonstrably writing the uploads to disk.
    await waitFor(() => readdirSync(join(dir, 'tmp')).length === 3);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    for (const req of requests) req.destroy();

    const second = await startChild(dir);
    try {
      const after = client(second.port);
      const listed = await after.send(new ListObjectsV2Command({ Bucket: 'crash' }));
      expect(listed.Contents?.map((entry) => [entry.Key, entry.Size])).toEqual([
        ['kept', 4],
        ['replaced', original.length],
      ]);
      const replaced = await after.send(new GetObjectCommand({ Bucket: 'crash', Key: 'replaced' }));
      expect(Buffer.from(await replaced.Body!.transformToByteArray()).equals(original)).toBe(true);
      await expect(after.send(new GetObjectCommand({ Bucket: 'crash', Key: 'fresh' }))).rejects.toMatchObject(
        { name: 'NoSuchKey' },
      );
      expect(readdirSync(join(dir, 'tmp'))).toEqual([]);
      expect(readdirSync(join(dir, 'uploads', UploadId ?? ''))).toEqual(['upload.json']);
      after.destroy();
    } finally {
      second.child.kill('SIGKILL');
    }
  });
});
