// OSS shim vs an HTTP floor, raw disk, and s3rver, interleaved case by case in one run.
//
// - shim: @jingmai/oss-shim driven by @aws-sdk/client-s3 with its default settings (CRC32 on every upload,
//   aws-chunked + trailer for streamed bodies, checksum validation on GET); every signature and checksum is
//   verified and every object fsynced.
// - shim-plain: the shim driven by the SDK on the client settings the floor-sdk and s3rver rows need (no
//   checksums sent or asked for), so those comparisons differ only in the server.
// - shim-raw: the same server driven by the floor's plain HTTP client, sending what the SDK sends (SigV4
//   headers, x-amz-content-sha256 of the body and a CRC32 header, or aws-chunked with a CRC32 trailer for
//   streamed bodies), with the body digests computed once outside the timed loops. The shim verifies all of
//   it exactly as for the SDK; this row shows the server's own cost without the SDK's client CPU, which
//   shares the machine's two cores with the server.
// - floor: a minimal node:http server that streams a PUT to a temp file, fsyncs, renames, and streams a GET
//   back (its "list" is readdir + sort per page): the practical HTTP ceiling on this machine.
// - floor-sdk: the floor server driven by the SDK, so both sides of the ratio pay the same client. It is given
//   the SDK's cheapest path (request and response checksums WHEN_REQUIRED), because the floor stores bodies
//   verbatim and cannot decode aws-chunked framing.
// - disk: the same bytes written (with fsync + rename) and read back in-process, no HTTP at all.
// - s3rver: the npm S3 emulator, as a peer. It stores the SDK's default aws-chunked framing verbatim, so it
//   is driven on floor-sdk's settings (checksums WHEN_REQUIRED both ways) to keep its objects correct.
// - sdk-null: the SDK, default settings, against a server that stores nothing (it drops PUT bodies and
//   answers GETs from memory, with the CRC32 the SDK then validates): the most any server can get out of
//   the SDK client on this machine.
// Each server runs in its own child process (this file, started with OSS_BENCH_ROLE set), so the load
// generator does not share its event loop, and the shim's RSS can be read from /proc.
// The 1 MiB, 64 MiB and 4 KiB cases run OSS_BENCH_ROUNDS (default 3) interleaved rounds and report medians.
// BENCH_QUICK=1 skips the 1 GiB case and lists 10 000 keys instead of 100 000. While iterating,
// OSS_BENCH_CASES (any of 1mib,64mib,1gib,small,list) and OSS_BENCH_TARGETS (names as above) narrow a run;
// OSS_BENCH_PROFILE=<dir> writes a CPU profile of each server process there.

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open, rename } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DEFAULT_CREDENTIALS, DEFAULT_REGION, startOssServer } from '../../packages/oss-shim/source/index.js';
import { signedHeaders } from '../../packages/oss-shim/source/testing/harness.js';

const QUICK = process.env.BENCH_QUICK === '1';
const MiB = 1024 * 1024;
const BUCKET = 'bench';
const LIST_KEYS = QUICK ? 10_000 : 100_000;
const SMALL_COUNT = 2048;
const SMALL_SIZE = 4096;
const IN_FLIGHT = 64;
const CASES = new Set(
  (process.env.OSS_BENCH_CASES ?? `1mib,64mib,small,list${QUICK ? '' : ',1gib'}`).toLowerCase().split(','),
);
const TARGETS = process.env.OSS_BENCH_TARGETS?.split(',');
/** Interleaved rounds of the 1 MiB, 64 MiB and 4 KiB cases; each row reports the median round. */
const ROUNDS = Number(process.env.OSS_BENCH_ROUNDS ?? 3);

// ─── child roles ────────────────────────────────────────────────────────────────────────────────────────────

const role = process.env.OSS_BENCH_ROLE;
const roleDir = process.env.OSS_BENCH_DIR ?? '';
// A profiled server must exit normally for node to write its profile.
if (role) process.on('SIGTERM', () => process.exit(0));
if (role === 'shim') await serveShim(roleDir);
if (role === 'floor') await serveFloor(roleDir);
if (role === 's3rver') await serveS3rver(roleDir);
if (role === 'null') serveNull();

async function serveShim(dataDir: string): Promise<void> {
  const server = await startOssServer({ dataDir, port: 0, buckets: [BUCKET] });
  process.stdout.write(`READY ${server.port}\n`);
}

async function serveS3rver(directory: string): Promise<void> {
  const { default: S3rver } = (await import('s3rver')) as {
    default: new (options: Record<string, unknown>) => { run(): Promise<AddressInfo> };
  };
  const address = await new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }],
  }).run();
  process.stdout.write(`READY ${address.port}\n`);
}

/**
 * Stores nothing: a PUT's body is read and dropped, a GET streams that many bytes from memory with their
 * CRC32 when asked (as the shim does), so the SDK validates the same checksum it validates for the shim.
 */
function serveNull(): void {
  const sizes = new Map<string, number>();
  const crcs = new Map<number, string>();
  const crcOf = (size: number): string => {
    let crc = crcs.get(size);
    if (crc === undefined) {
      let value = 0;
      for (let left = size; left > 0; left -= MiB)
        value = crc32(PATTERN.subarray(0, Math.min(left, MiB)), value);
      crc = crc32Base64(value);
      crcs.set(size, crc);
    }
    return crc;
  };
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (req.method === 'PUT') {
      // A streamed upload arrives aws-chunked; the object's size is the decoded one it declares.
      const declared = Number(req.headers['x-amz-decoded-content-length'] ?? req.headers['content-length']);
      req.resume();
      req.on('end', () => {
        sizes.set(path, declared);
        res.writeHead(200, { etag: '"0"', 'content-length': 0 });
        res.end();
      });
      return;
    }
    const size = sizes.get(path) ?? 0;
    const checksum =
      req.headers['x-amz-checksum-mode'] === 'ENABLED'
        ? { 'x-amz-checksum-crc32': crcOf(size), 'x-amz-checksum-type': 'FULL_OBJECT' }
        : {};
    res.writeHead(200, { 'content-length': size, etag: '"0"', ...checksum });
    streamOf(size).pipe(res);
  });
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`),
  );
}

async function serveFloor(dir: string): Promise<void> {
  const objects = join(dir, 'objects');
  const temp = join(dir, 'tmp');
  mkdirSync(objects, { recursive: true });
  mkdirSync(temp, { recursive: true });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://floor');
    if (req.method === 'GET' && url.pathname === '/') {
      // The naive listing a server without an index does: readdir and sort on every page.
      const after = url.searchParams.get('start-after') ?? '';
      const names = readdirSync(objects).map(decodeURIComponent).sort();
      const page = names.filter((name) => name > after).slice(0, 1000);
      const body = JSON.stringify({ keys: page, truncated: page.length === 1000 });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const file = join(objects, encodeURIComponent(url.pathname.slice(1)));
    if (req.method === 'PUT') {
      void (async () => {
        const tempFile = join(temp, randomBytes(8).toString('hex'));
        const handle = await open(tempFile, 'w');
        await pipeline(req, createWriteStream('', { fd: handle.fd, autoClose: false }));
        await handle.sync();
        await handle.close();
        await rename(tempFile, file);
        res.writeHead(200, { 'content-length': 0 });
        res.end();
      })().catch(() => res.destroy());
      return;
    }
    const stream = createReadStream(file, { highWaterMark: MiB });
    stream.once('open', () => res.writeHead(200));
    stream.once('error', () => {
      res.writeHead(404);
      res.end();
    });
    stream.pipe(res);
  });
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`),
  );
}

// ─── load generation ────────────────────────────────────────────────────────────────────────────────────────

const PATTERN = randomBytes(MiB);

/** `size` bytes streamed in 1 MiB chunks, never whole in memory. */
function streamOf(size: number): Readable {
  let left = size;
  return new Readable({
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const chunk = left >= MiB ? PATTERN : PATTERN.subarray(0, left);
      left -= chunk.length;
      this.push(chunk);
    },
  });
}

async function drain(body: Readable): Promise<number> {
  let bytes = 0;
  await pipeline(
    body,
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.length;
        callback();
      },
    }),
  );
  return bytes;
}

interface Target {
  name: string;
  pid: number | undefined;
  put(key: string, size: number, streamed: boolean): Promise<void>;
  get(key: string): Promise<number>;
  /** Times each page of a full listing; returns page durations in ms. Absent where the row does not list. */
  listPages?(): Promise<number[]>;
  /** The same over signed raw HTTP, without the SDK's XML parsing (the server's own cost). */
  rawListPages?(): Promise<number[]>;
  stop(): void;
}

async function spawnRole(name: string): Promise<{ child: ChildProcess; port: number; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), `oss-bench-${name}-`));
  const profile = process.env.OSS_BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.OSS_BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, OSS_BENCH_ROLE: name, OSS_BENCH_DIR: dir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code}`)));
  });
  return { child, port, dir };
}

function stopRole(child: ChildProcess): void {
  child.kill(process.env.OSS_BENCH_PROFILE ? 'SIGTERM' : 'SIGKILL');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });

/** The plain HTTP client of the floor and shim-raw rows: node:http on the shared keep-alive agent. */
function plainRequest(
  port: number,
  method: string,
  path: string,
  body?: Readable | Buffer,
  headers: Record<string, string> = {},
): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const sized = body instanceof Buffer ? { 'content-length': String(body.length), ...headers } : headers;
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: sized }, resolve);
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

/** Reads the whole response; a status other than 2xx fails the case instead of timing an error. */
async function okBody(response: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) throw new Error(`HTTP ${status}: ${body.toString().slice(0, 200)}`);
  return body;
}

async function okDrain(response: http.IncomingMessage): Promise<number> {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) return (await okBody(response)).length;
  return drain(response);
}

function crc32Base64(value: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value >>> 0);
  return bytes.toString('base64');
}

/** SHA-256 and CRC32 of an unstreamed body (a prefix of PATTERN), computed once per size. */
const bodyDigests = new Map<number, { sha256: string; crc32: string }>();
function digestsOf(size: number): { sha256: string; crc32: string } {
  let digests = bodyDigests.get(size);
  if (!digests) {
    const body = PATTERN.subarray(0, size);
    digests = { sha256: createHash('sha256').update(body).digest('hex'), crc32: crc32Base64(crc32(body)) };
    bodyDigests.set(size, digests);
  }
  return digests;
}

/** `size` bytes framed the way the SDK streams an upload: aws-chunked, one chunk per read, a CRC32 trailer. */
function awsChunkedOf(size: number): Readable {
  let crc = 0;
  const framing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      crc = crc32(chunk, crc);
      this.push(`${chunk.length.toString(16)}\r\n`);
      this.push(chunk);
      callback(null, '\r\n');
    },
    flush(callback) {
      callback(null, `0\r\nx-amz-checksum-crc32:${crc32Base64(crc)}\r\n\r\n`);
    },
  });
  return streamOf(size).pipe(framing);
}

async function shimRawTarget(): Promise<Target> {
  const { child, port, dir } = await spawnRole('shim');
  const endpoint = {
    url: `http://127.0.0.1:${port}`,
    region: DEFAULT_REGION,
    credentials: [DEFAULT_CREDENTIALS],
  };
  const signed = (method: string, path: string, headers: Record<string, string>, payloadHash?: string) =>
    signedHeaders(endpoint, { method, path, headers, ...(payloadHash ? { payloadHash } : {}) });
  return {
    name: 'shim-raw',
    pid: child.pid,
    async put(key, size, streamed) {
      const path = `/${BUCKET}/${key}`;
      if (streamed) {
        const headers = signed(
          'PUT',
          path,
          {
            'content-encoding': 'aws-chunked',
            'x-amz-decoded-content-length': String(size),
            'x-amz-sdk-checksum-algorithm': 'CRC32',
            'x-amz-trailer': 'x-amz-checksum-crc32',
          },
          'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
        );
        await okBody(await plainRequest(port, 'PUT', path, awsChunkedOf(size), headers));
        return;
      }
      const digests = digestsOf(size);
      const headers = signed(
        'PUT',
        path,
        {
          'content-length': String(size),
          'x-amz-checksum-crc32': digests.crc32,
          'x-amz-sdk-checksum-algorithm': 'CRC32',
        },
        digests.sha256,
      );
      await okBody(await plainRequest(port, 'PUT', path, PATTERN.subarray(0, size), headers));
    },
    async get(key) {
      const path = `/${BUCKET}/${key}`;
      const headers = signed('GET', path, { 'x-amz-checksum-mode': 'ENABLED' });
      return okDrain(await plainRequest(port, 'GET', path, undefined, headers));
    },
    stop() {
      stopRole(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function sdkTarget(name: 'shim' | 'shim-plain' | 's3rver' | 'sdk-null' | 'floor-sdk'): Promise<Target> {
  const roles = {
    shim: 'shim',
    'shim-plain': 'shim',
    s3rver: 's3rver',
    'sdk-null': 'null',
    'floor-sdk': 'floor',
  } as const;
  const { child, port, dir } = await spawnRole(roles[name]);
  // The floor and s3rver would store the SDK's aws-chunked framing as the object, so they get plain bodies
  // and no checksums either way; shim-plain is the shim on exactly those client settings.
  const plainBodies = name === 's3rver' || name === 'floor-sdk' || name === 'shim-plain';
  const client = new S3Client({
    endpoint: `http://127.0.0.1:${port}`,
    region: DEFAULT_REGION,
    forcePathStyle: true,
    credentials:
      name === 's3rver' ? { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } : DEFAULT_CREDENTIALS,
    requestHandler: { httpAgent: agent },
    ...(plainBodies
      ? {
          requestChecksumCalculation: 'WHEN_REQUIRED' as const,
          responseChecksumValidation: 'WHEN_REQUIRED' as const,
        }
      : {}),
  });
  if (name === 's3rver')
    await client.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
  const rawListPages = async (): Promise<number[]> => {
    const endpoint = {
      url: `http://127.0.0.1:${port}`,
      region: DEFAULT_REGION,
      credentials: [DEFAULT_CREDENTIALS],
    };
    const pages: number[] = [];
    let token: string | undefined;
    let total = 0;
    do {
      const path = `/${BUCKET}?list-type=2&prefix=list%2F${token ? `&continuation-token=${encodeURIComponent(token)}` : ''}`;
      const started = performance.now();
      const headers = signedHeaders(endpoint, { method: 'GET', path });
      const body = (await okBody(await plainRequest(port, 'GET', path, undefined, headers))).toString();
      pages.push(performance.now() - started);
      total += body.split('<Key>').length - 1;
      token = /<NextContinuationToken>([^<]+)</.exec(body)?.[1];
    } while (token);
    if (total !== LIST_KEYS) throw new Error(`${name} raw list gave ${total} keys, expected ${LIST_KEYS}`);
    return pages;
  };
  const listPages = async (): Promise<number[]> => {
    const pages: number[] = [];
    let ContinuationToken: string | undefined;
    let total = 0;
    do {
      const started = performance.now();
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'list/', ContinuationToken }),
      );
      pages.push(performance.now() - started);
      total += page.KeyCount ?? 0;
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    if (total !== LIST_KEYS) throw new Error(`${name} listed ${total} keys, expected ${LIST_KEYS}`);
    return pages;
  };
  return {
    name,
    pid: child.pid,
    ...(name === 'shim' ? { rawListPages } : {}),
    ...(name === 'shim' || name === 's3rver' ? { listPages } : {}),
    async put(Key, size, streamed) {
      const Body = streamed ? streamOf(size) : size === MiB ? PATTERN : PATTERN.subarray(0, size);
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body, ContentLength: size }));
    },
    async get(Key) {
      const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key }));
      return drain(Body as Readable);
    },
    stop() {
      client.destroy();
      stopRole(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function floorTarget(): Promise<Target> {
  const { child, port, dir } = await spawnRole('floor');
  return {
    name: 'floor',
    pid: child.pid,
    async put(key, size, streamed) {
      const body = streamed ? streamOf(size) : PATTERN.subarray(0, size);
      await okBody(await plainRequest(port, 'PUT', `/${key}`, body));
    },
    async get(key) {
      return okDrain(await plainRequest(port, 'GET', `/${key}`));
    },
    async listPages() {
      const pages: number[] = [];
      let after = '';
      let total = 0;
      for (;;) {
        const started = performance.now();
        const response = await plainRequest(port, 'GET', `/?start-after=${encodeURIComponent(after)}`);
        const page = JSON.parse((await okBody(response)).toString()) as {
          keys: string[];
          truncated: boolean;
        };
        pages.push(performance.now() - started);
        total += page.keys.filter((key) => key.startsWith('list/')).length;
        if (!page.truncated) break;
        after = page.keys.at(-1) ?? '';
      }
      if (total !== LIST_KEYS) throw new Error(`floor listed ${total} keys, expected ${LIST_KEYS}`);
      return pages;
    },
    stop() {
      stopRole(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function diskTarget(): Target {
  const dir = mkdtempSync(join(tmpdir(), 'oss-bench-disk-'));
  return {
    name: 'disk',
    pid: undefined,
    async put(key, size) {
      const temp = join(dir, `${randomBytes(8).toString('hex')}.tmp`);
      const handle = await open(temp, 'w');
      await pipeline(streamOf(size), createWriteStream('', { fd: handle.fd, autoClose: false }));
      await handle.sync();
      await handle.close();
      await rename(temp, join(dir, encodeURIComponent(key)));
    },
    get(key) {
      return drain(createReadStream(join(dir, encodeURIComponent(key)), { highWaterMark: MiB }));
    },
    stop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ─── measurements ───────────────────────────────────────────────────────────────────────────────────────────

interface Row {
  case: string;
  unit: string;
  values: Map<string, number>;
}

async function timed(action: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

/** Runs `action` for 0..count-1 with IN_FLIGHT at a time; the first failure stops every worker. */
async function inFlight(count: number, action: (index: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < count && !failed) {
        try {
          await action(next++);
        } catch (error) {
          failed = true;
          throw error;
        }
      }
    }),
  );
}

/** Peak RSS of `pid` in MiB, sampled while `action` runs, after resetting the kernel's high-water mark. */
async function peakRss(pid: number, action: () => Promise<void>): Promise<number> {
  const status = () => readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())?.[1] ?? 0);
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, kib('VmRSS'));
  }, 20);
  try {
    await action();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, kib('VmHWM')) / 1024;
}

/** The median of one value per round. */
function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

/** Appends a round's value to the target's samples in `samples`. */
function sample(samples: Map<string, number[]>, name: string, value: number): void {
  samples.set(name, [...(samples.get(name) ?? []), value]);
}

function medianRow(caseName: string, unit: string, samples: Map<string, number[]>): Row {
  return {
    case: caseName,
    unit,
    values: new Map([...samples].map(([name, values]) => [name, median(values)])),
  };
}

async function throughputCases(targets: Target[], rows: Row[], rss: Map<string, number>): Promise<void> {
  const sizes = [
    { name: '1mib', label: '1 MiB x50', size: MiB, count: 50, streamed: false, rounds: ROUNDS },
    { name: '64mib', label: '64 MiB', size: 64 * MiB, count: 1, streamed: true, rounds: ROUNDS },
    { name: '1gib', label: '1 GiB', size: 1024 * MiB, count: 1, streamed: true, rounds: 1 },
  ].filter(({ name }) => CASES.has(name));
  for (const { label, size, count, streamed, rounds } of sizes) {
    const puts = new Map<string, number[]>();
    const gets = new Map<string, number[]>();
    for (let round = 0; round < rounds; round++) {
      for (const target of targets) {
        const upload = async () => {
          for (let i = 0; i < count; i++) await target.put(`obj/${size}/${i}`, size, streamed);
        };
        let seconds = 0;
        if (target.name.startsWith('shim') && size >= 1024 * MiB && target.pid) {
          const measure = async () => {
            seconds = await timed(upload);
          };
          rss.set(`${target.name} ${label}`, await peakRss(target.pid, measure));
        } else {
          seconds = await timed(upload);
        }
        const readSeconds = await timed(async () => {
          for (let i = 0; i < count; i++) {
            const bytes = await target.get(`obj/${size}/${i}`);
            if (bytes !== size) throw new Error(`${target.name} returned ${bytes} of ${size} bytes`);
          }
        });
        const putRate = (size * count) / seconds / 1e6;
        const getRate = (size * count) / readSeconds / 1e6;
        sample(puts, target.name, putRate);
        sample(gets, target.name, getRate);
        console.log(
          `  ${target.name.padEnd(9)} ${label} (round ${round + 1}): PUT ${putRate.toFixed(0)} MB/s, GET ${getRate.toFixed(0)} MB/s`,
        );
      }
    }
    rows.push(medianRow(`PUT ${label}`, 'MB/s', puts), medianRow(`GET ${label}`, 'MB/s', gets));
  }
}

async function smallObjectCase(targets: Target[], rows: Row[]): Promise<void> {
  const puts = new Map<string, number[]>();
  const gets = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of targets) {
      const putSeconds = await timed(() =>
        inFlight(SMALL_COUNT, (i) => target.put(`small/${i}`, SMALL_SIZE, false)),
      );
      const getSeconds = await timed(() => inFlight(SMALL_COUNT, (i) => target.get(`small/${i}`)));
      sample(puts, target.name, SMALL_COUNT / putSeconds);
      sample(gets, target.name, SMALL_COUNT / getSeconds);
      console.log(
        `  ${target.name.padEnd(9)} 4 KiB (round ${round + 1}): PUT ${(SMALL_COUNT / putSeconds).toFixed(0)}/s, GET ${(SMALL_COUNT / getSeconds).toFixed(0)}/s`,
      );
    }
  }
  const label = `${SMALL_COUNT} x 4 KiB (${IN_FLIGHT} in flight)`;
  rows.push(medianRow(`PUT ${label}`, 'ops/s', puts), medianRow(`GET ${label}`, 'ops/s', gets));
}

async function listCase(targets: Target[], rows: Row[]): Promise<void> {
  const row: Row = {
    case: `ListObjectsV2 page via SDK, ${LIST_KEYS} keys (median)`,
    unit: 'ms',
    values: new Map(),
  };
  const plain: Row = {
    case: `List page over plain HTTP, ${LIST_KEYS} keys (median)`,
    unit: 'ms',
    values: new Map(),
  };
  for (const target of targets) {
    if (!target.listPages) continue;
    try {
      const seed = await timed(() =>
        inFlight(LIST_KEYS, (i) => target.put(`list/${String(i).padStart(7, '0')}`, 1, false)),
      );
      const pages = await target.listPages();
      // The floor's listing is plain HTTP already (JSON, no SDK), so it belongs with the shim's raw pages.
      (target.name === 'floor' ? plain : row).values.set(target.name, median(pages));
      const rawPages = target.rawListPages ? await target.rawListPages() : undefined;
      if (rawPages) plain.values.set(target.name, median(rawPages));
      console.log(
        `  ${target.name.padEnd(9)} list: ${median(pages).toFixed(2)} ms/page over ${pages.length} pages` +
          `${rawPages ? ` (raw HTTP ${median(rawPages).toFixed(2)} ms)` : ''}, seeded ${LIST_KEYS} keys in ${seed.toFixed(1)} s`,
      );
    } catch (error) {
      console.log(`  ${target.name.padEnd(9)} list failed: ${String(error)}`);
    }
  }
  rows.push(row, plain);
}

/** Each ratio column: its name and the two rows it divides (throughput a/b; for times b/a). */
const RATIOS: [string, string, string][] = [
  ['shim / floor', 'shim', 'floor'],
  ['shim-raw / floor', 'shim-raw', 'floor'],
  ['shim / floor-sdk', 'shim', 'floor-sdk'],
  ['shim-plain / floor-sdk', 'shim-plain', 'floor-sdk'],
  ['shim-plain / s3rver', 'shim-plain', 's3rver'],
  ['shim / sdk-null', 'shim', 'sdk-null'],
];

function printTable(rows: Row[], names: string[], rss: Map<string, number>): void {
  const ratios = RATIOS.filter(([, a, b]) => names.includes(a) && names.includes(b));
  const header = ['case', 'unit', ...names, ...ratios.map(([label]) => label)];
  const lines = rows.map((row) => [
    row.case,
    row.unit,
    ...names.map((name) => {
      const value = row.values.get(name);
      return value === undefined ? '—' : value.toFixed(row.unit === 'ms' ? 2 : 0);
    }),
    ...ratios.map(([, a, b]) => {
      const mine = row.values.get(a);
      const theirs = row.values.get(b);
      if (!mine || !theirs) return '—';
      return `${(row.unit === 'ms' ? theirs / mine : mine / theirs).toFixed(2)}x`;
    }),
  ]);
  const widths = header.map((cell, i) => Math.max(cell.length, ...lines.map((line) => line[i]?.length ?? 0)));
  const format = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(format(header));
  console.log(`| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`);
  for (const line of lines) console.log(format(line));
  for (const [label, mib] of rss) console.log(`peak RSS of ${label} upload: ${mib.toFixed(0)} MiB`);
  console.log('ratios: throughput a/b (higher is better); for list pages b time / a time.');
}

const TARGET_FACTORIES: [string, () => Promise<Target> | Target][] = [
  ['shim', () => sdkTarget('shim')],
  ['shim-plain', () => sdkTarget('shim-plain')],
  ['shim-raw', shimRawTarget],
  ['floor', floorTarget],
  ['floor-sdk', () => sdkTarget('floor-sdk')],
  ['disk', diskTarget],
  ['s3rver', () => sdkTarget('s3rver')],
  ['sdk-null', () => sdkTarget('sdk-null')],
];

export async function run(): Promise<void> {
  const targets: Target[] = [];
  for (const [name, start] of TARGET_FACTORIES) {
    if (TARGETS && !TARGETS.includes(name)) continue;
    try {
      targets.push(await start());
    } catch (error) {
      // s3rver is a peer from npm; its absence should not cost the rest of the run.
      if (name !== 's3rver') throw error;
      console.log(`  s3rver unavailable: ${String(error)}`);
    }
  }
  const rows: Row[] = [];
  const rss = new Map<string, number>();
  try {
    await throughputCases(targets, rows, rss);
    if (CASES.has('small')) await smallObjectCase(targets, rows);
    if (CASES.has('list')) await listCase(targets, rows);
  } finally {
    for (const target of targets) target.stop();
    agent.destroy();
  }
  printTable(
    rows,
    targets.map((target) => target.name),
    rss,
  );
}
