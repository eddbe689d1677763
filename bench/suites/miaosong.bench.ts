// Miaosong shim vs a bare baseline, both driven by the same signed load.
//
// The baseline is the practical floor on this machine: node:http that parses the envelope, verifies the MD5
// signature and runs one SQLite statement (and, for an accept, POSTs one signed callback). The shim does the
// full protocol: validation, pricing, the order row, its timeline and a queued, persisted callback per change.
// Each server runs in its own child process (this file, started with MIAOSONG_BENCH_ROLE set), and so does the
// callback receiver (bench/miaosong/sink-process.ts), so the load generator in this process shares its event
// loop with neither. Every scenario runs MIAOSONG_BENCH_ROUNDS (default 3) interleaved rounds, alternating
// which target goes first, and each row reports the median round: single runs on this 2-core machine swing
// by a quarter.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { signCallback, signRequest } from '../../packages/miaosong-shim/source/client/index.js';
import { DEFAULT_SEED, startMiaosongServer } from '../../packages/miaosong-shim/source/index.js';
import { orderBody as addOrderBody } from '../../packages/miaosong-shim/source/testing/harness.js';
import { type Sink, startSink, wallNow } from '../miaosong/sink.js';

const SEED = DEFAULT_SEED;
const PHASE_MS = 3000;
const WARMUP_MS = 500;
const CONNECTIONS = [1, 16, 64];
const IN_FLIGHT_ORDERS = 1000;
const RESTART_ORDERS = 100_000;
const ROUNDS = Number(process.env.MIAOSONG_BENCH_ROUNDS ?? 3);

// ─── child roles ────────────────────────────────────────────────────────────────────────────────────────────

const role = process.env.MIAOSONG_BENCH_ROLE;
if (role === 'baseline') await serveBaseline(process.env.MIAOSONG_BENCH_DIR!);
if (role === 'shim') await serveShim(process.env.MIAOSONG_BENCH_DIR!);

async function serveShim(dataDir: string): Promise<void> {
  const server = await startMiaosongServer({
    dataDir,
    port: 0,
    clock: 'real',
    timings: { autoDispatch: false },
  });
  process.stdout.write(`READY ${server.port}\n`);
  process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
}

async function serveBaseline(dataDir: string): Promise<void> {
  const db = new Database(join(dataDir, 'baseline.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS orders (
    id INTEGER PRIMARY KEY, source_id TEXT NOT NULL, origin_id TEXT NOT NULL, status INTEGER NOT NULL,
    callback TEXT NOT NULL, body TEXT NOT NULL, UNIQUE (source_id, origin_id))`);
  const insert = db.prepare(
    'INSERT INTO orders (source_id, origin_id, status, callback, body) VALUES (?, ?, 1, ?, ?)',
  );
  const select = db.prepare<[string, string], { origin_id: string; status: number }>(
    'SELECT origin_id, status FROM orders WHERE source_id = ? AND origin_id = ?',
  );
  const accept = db.prepare<[string, string], { id: number; callback: string }>(
    'UPDATE orders SET status = 2 WHERE source_id = ? AND origin_id = ? RETURNING id, callback',
  );
  const secrets = new Map([[SEED.appKey, SEED.appSecret]]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const reply = (res: http.ServerResponse, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: http.ServerResponse, code: number) =>
    reply(res, { status: 'fail', code, errorCode: code, msg: '' });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      let envelope: Record<string, string>;
      let body: Record<string, unknown>;
      try {
        envelope = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
        body = JSON.parse(envelope.body ?? '') as Record<string, unknown>;
      } catch {
        fail(res, 2013);
        return;
      }
      const secret = secrets.get(envelope.app_key ?? '');
      if (!secret || signRequest(envelope, secret) !== envelope.signature) {
        fail(res, 2003);
        return;
      }
      const sourceId = envelope.source_id ?? '';
      const orderId = String(body.origin_id ?? body.order_id ?? '');
      if (req.url === '/api/order/addOrder') {
        insert.run(sourceId, orderId, String(body.callback), envelope.body ?? '');
        reply(res, { status: 'success', code: 0, msg: '成功', result: { distance: 0, fee: 5 } });
      } else if (req.url === '/api/order/status/query') {
        const row = select.get(sourceId, orderId);
        if (row) reply(res, { status: 'success', code: 0, msg: '成功', result: row });
        else fail(res, 2005);
      } else if (req.url === '/api/order/accept') {
        const row = accept.get(sourceId, orderId);
        if (!row) {
          fail(res, 2005);
          return;
        }
        reply(res, { status: 'success', code: 0, msg: '成功', result: '' });
        const fields = {
          client_id: String(row.id),
          order_id: orderId,
          update_time: Math.floor(Date.now() / 1000),
        };
        const payload = JSON.stringify({ ...fields, order_status: 2, signature: signCallback(fields) });
        const post = http.request(row.callback, {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json' },
        });
        post.on('response', (response) => response.resume());
        post.on('error', () => {});
        post.end(payload);
      } else {
        fail(res, 2013);
      }
    });
  });
  server.listen(0, '127.0.0.1', () =>
    process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`),
  );
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

// ─── load generation ────────────────────────────────────────────────────────────────────────────────────────

interface Target {
  readonly name: 'baseline' | 'shim';
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
}

async function startTarget(name: Target['name']): Promise<Target> {
  const dataDir = mkdtempSync(join(tmpdir(), `miaosong-bench-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    env: { ...process.env, MIAOSONG_BENCH_ROLE: name, MIAOSONG_BENCH_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening`)));
  });
  return { name, port, dataDir, child };
}

async function stopTarget(target: Target): Promise<void> {
  const exited = new Promise((resolve) => target.child.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

function signedEnvelope(body: unknown): string {
  const unsigned = {
    app_key: SEED.appKey,
    body: JSON.stringify(body),
    format: 'json',
    source_id: SEED.sourceId,
    timestamp: String(Math.floor(Date.now() / 1000)),
    v: '1.0',
  };
  return JSON.stringify({ ...unsigned, signature: signRequest(unsigned, SEED.appSecret) });
}

function post(agent: http.Agent, port: number, path: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

interface LoadResult {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! : Number.NaN;
}

interface Call {
  readonly path: string;
  readonly body: string;
  /** Told whether the call succeeded, once its answer is in. */
  readonly answered?: (ok: boolean) => void;
}

/** `connections` loops, each sending one request after another for `ms`, after a short warm-up. */
async function drive(port: number, connections: number, ms: number, next: () => Call): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const latencies: number[] = [];
  let errors = 0;
  const warmEnd = performance.now() + WARMUP_MS;
  const end = warmEnd + ms;
  const loop = async () => {
    while (performance.now() < end) {
      const { path, body, answered } = next();
      const started = performance.now();
      const text = await post(agent, port, path, body);
      const finished = performance.now();
      const ok = text.includes('"code":0');
      if (!ok) errors += 1;
      answered?.(ok);
      if (started >= warmEnd) latencies.push(finished - started);
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / (ms / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors,
  };
}

// The test harness's addOrder body, with the bench's seeded shop and cargo price.
const orderBody = (originId: string, callback: string) =>
  addOrderBody(originId, callback, { shop_no: SEED.shop.shop_no, cargo_price: 50 });

async function until(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error('timed out waiting for callbacks');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// ─── scenarios ──────────────────────────────────────────────────────────────────────────────────────────────

interface Row {
  readonly scenario: string;
  readonly connections: number | string;
  readonly baseline: LoadResult;
  readonly shim: LoadResult;
}

async function throughput(target: Target, sink: Sink, connections: number, round: number, created: string[]) {
  let n = 0;
  const prefix = `${target.name}-c${connections}-r${round}-`;
  // An order becomes queryable once its addOrder is answered, not when it is sent: a query racing the
  // creation on another connection would otherwise count a correct 2005 as an error.
  const addOrder = (): Call => {
    const id = `${prefix}${n++}`;
    return {
      path: '/api/order/addOrder',
      body: signedEnvelope(orderBody(id, sink.url)),
      answered: (ok) => {
        if (ok) created.push(id);
      },
    };
  };
  const statusQuery = () => ({
    path: '/api/order/status/query',
    body: signedEnvelope({ order_id: created[Math.floor(Math.random() * created.length)] }),
  });
  let flip = false;
  const mix = () => {
    flip = !flip;
    return flip ? addOrder() : statusQuery();
  };
  return {
    addOrder: await drive(target.port, connections, PHASE_MS, addOrder),
    statusQuery: await drive(target.port, connections, PHASE_MS, statusQuery),
    mix: await drive(target.port, connections, PHASE_MS, mix),
  };
}

/** Publishes 1000 orders, then accepts them all over 64 connections; latency = accept sent -> callback received. */
async function callbackLatency(target: Target, sink: Sink, round: number): Promise<LoadResult> {
  const ids = Array.from({ length: IN_FLIGHT_ORDERS }, (_, i) => `${target.name}-inflight-${round}-${i}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const created = await sink.count(1);
  for (let i = 0; i < ids.length; i += 64) {
    await Promise.all(
      ids
        .slice(i, i + 64)
        .map((id) =>
          post(agent, target.port, '/api/order/addOrder', signedEnvelope(orderBody(id, sink.url))),
        ),
    );
  }
  // The shim sends each order's status-1 callback first; let those drain so only accepts are measured.
  if (target.name === 'shim') {
    await until(async () => (await sink.count(1)) >= created + IN_FLIGHT_ORDERS, 60_000);
  }
  const sentAt = new Map<string, number>();
  let cursor = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (cursor < ids.length) {
        const id = ids[cursor++]!;
        sentAt.set(id, wallNow());
        await post(agent, target.port, '/api/order/accept', signedEnvelope({ order_id: id }));
      }
    }),
  );
  const accepted = ids.map((id) => `${id}:2`);
  await until(async () => (await sink.arrived(accepted)) === accepted.length, 60_000);
  const elapsed = performance.now() - started;
  agent.destroy();
  const arrivals = await sink.arrivals(accepted);
  const latencies = ids.map((id, i) => arrivals[i]! - sentAt.get(id)!).sort((a, b) => a - b);
  return {
    rps: IN_FLIGHT_ORDERS / (elapsed / 1000),
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    errors: 0,
  };
}

/** Pads a table to `total` rows by copying existing ones under new origin_ids (fast, schema-agnostic). */
function padOrders(file: string, total: number): void {
  const db = new Database(file);
  const columns = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[])
    .map((c) => c.name)
    .filter((name) => name !== 'id');
  const select = columns
    .map((c) => (c === 'origin_id' ? `origin_id || '-pad' || ? AS origin_id` : c))
    .join(', ');
  const copy = db.prepare(
    `INSERT INTO orders (${columns.join(', ')}) SELECT ${select} FROM orders WHERE origin_id NOT LIKE '%-pad%' LIMIT ?`,
  );
  const count = () => (db.prepare('SELECT COUNT(*) AS n FROM orders').get() as { n: number }).n;
  db.transaction(() => {
    for (let round = 0; count() < total; round += 1) copy.run(round, total - count());
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Wall time from "process has the code loaded" to "first status/query answered", on 100 000 stored orders. */
async function restartShim(dataDir: string, orderId: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const server = await startMiaosongServer({
      dataDir,
      port: 0,
      clock: 'real',
      timings: { autoDispatch: false },
    });
    const agent = new http.Agent({ keepAlive: false });
    const text = await post(
      agent,
      server.port,
      '/api/order/status/query',
      signedEnvelope({ order_id: orderId }),
    );
    if (!text.includes('"code":0')) throw new Error(`shim restart query failed: ${text}`);
    times.push(performance.now() - started);
    await server.close();
  }
  return median(times);
}

async function restartBaseline(dataDir: string, orderId: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const started = performance.now();
    const db = new Database(join(dataDir, 'baseline.sqlite'));
    db.pragma('journal_mode = WAL');
    const select = db.prepare('SELECT origin_id, status FROM orders WHERE source_id = ? AND origin_id = ?');
    const server = http.createServer((_req, res) =>
      res.end(JSON.stringify(select.get(SEED.sourceId, orderId))),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const agent = new http.Agent({ keepAlive: false });
    await post(agent, (server.address() as AddressInfo).port, '/', '');
    times.push(performance.now() - started);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db.close();
  }
  return median(times);
}

/** Per target, the median round's req/s, p50 and p99 (each taken on its own), and all rounds' errors. */
function medianResult(rounds: readonly LoadResult[]): LoadResult {
  return {
    rps: median(rounds.map((r) => r.rps)),
    p50: median(rounds.map((r) => r.p50)),
    p99: median(rounds.map((r) => r.p99)),
    errors: rounds.reduce((sum, r) => sum + r.errors, 0),
  };
}

/** Runs `measure` for both targets in `ROUNDS` rounds, alternating which goes first; returns each target's rounds. */
async function interleaved<T>(
  targets: Record<Target['name'], Target>,
  measure: (target: Target, round: number) => Promise<T>,
): Promise<Record<Target['name'], T[]>> {
  const results = { baseline: [] as T[], shim: [] as T[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    const order: Target['name'][] = round % 2 === 0 ? ['baseline', 'shim'] : ['shim', 'baseline'];
    for (const name of order) results[name].push(await measure(targets[name], round));
  }
  return results;
}

// ─── report ─────────────────────────────────────────────────────────────────────────────────────────────────

const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '-');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '-');

function printTable(rows: readonly Row[], restart: { baseline: number; shim: number }): void {
  const header = [
    'scenario',
    'conns',
    'base req/s',
    'base p50',
    'base p99',
    'shim req/s',
    'shim p50',
    'shim p99',
    'req/s ratio',
    'p99 ratio',
  ];
  const lines = rows.map((r) => [
    r.scenario,
    String(r.connections),
    f0(r.baseline.rps),
    f2(r.baseline.p50),
    f2(r.baseline.p99),
    f0(r.shim.rps),
    f2(r.shim.p50),
    f2(r.shim.p99),
    `${f2(r.shim.rps / r.baseline.rps)}x`,
    `${f2(r.shim.p99 / r.baseline.p99)}x`,
  ]);
  lines.push([
    'restart, 100k orders (ms)',
    '-',
    '-',
    '-',
    f2(restart.baseline),
    '-',
    '-',
    f2(restart.shim),
    '-',
    `${f2(restart.shim / restart.baseline)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(format(header));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const line of lines) console.log(format(line));
  console.log(
    `medians of ${ROUNDS} interleaved rounds; latencies in ms; ratios are shim / baseline; errors:`,
    rows.map((r) => r.baseline.errors + r.shim.errors).reduce((a, b) => a + b, 0),
  );
}

export async function run(): Promise<void> {
  const sink = await startSink();
  const targets = { baseline: await startTarget('baseline'), shim: await startTarget('shim') };
  const created = { baseline: [] as string[], shim: [] as string[] };
  const rows: Row[] = [];
  try {
    for (const connections of CONNECTIONS) {
      const rounds = await interleaved(targets, (target, round) =>
        throughput(target, sink, connections, round, created[target.name]),
      );
      for (const [scenario, key] of [
        ['addOrder', 'addOrder'],
        ['status/query', 'statusQuery'],
        ['mix 50/50', 'mix'],
      ] as const) {
        rows.push({
          scenario,
          connections,
          baseline: medianResult(rounds.baseline.map((r) => r[key])),
          shim: medianResult(rounds.shim.map((r) => r[key])),
        });
      }
      console.error(`  measured ${connections} connection(s)`);
    }
    const latency = await interleaved(targets, (target, round) => callbackLatency(target, sink, round));
    rows.push({
      scenario: `callback latency, ${IN_FLIGHT_ORDERS} in flight`,
      connections: 64,
      baseline: medianResult(latency.baseline),
      shim: medianResult(latency.shim),
    });
  } finally {
    await stopTarget(targets.baseline);
    await stopTarget(targets.shim);
  }
  padOrders(join(targets.baseline.dataDir, 'baseline.sqlite'), RESTART_ORDERS);
  padOrders(join(targets.shim.dataDir, 'miaosong.sqlite'), RESTART_ORDERS);
  const restart = {
    baseline: await restartBaseline(targets.baseline.dataDir, created.baseline[0]!),
    shim: await restartShim(targets.shim.dataDir, created.shim[0]!),
  };
  await sink.close();
  printTable(rows, restart);
  rmSync(targets.baseline.dataDir, { recursive: true, force: true });
  rmSync(targets.shim.dataDir, { recursive: true, force: true });
}
