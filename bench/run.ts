/**
 * `npm run bench` — the benchmark anyone can run (see README "Performance").
 *
 * Builds if needed, starts the BUILT server exactly as `npm start` does (its node flags, then
 * `dist/src/main.js`) as a child process on a
 * fresh database (SQLite in a temp DATA_DIR, or a fresh PostgreSQL database with
 * `--db postgres`, dropped afterwards), seeds it through the CLI and the API, then loads it
 * with autocannon's programmatic API and prints ONE table plus PASS/FAIL budget lines.
 * A bare node:http server answering a fixed product JSON is measured with the same client,
 * before and after read-product: the higher of the two is the ceiling the `ratio` column
 * compares with.
 *
 *   npm run bench                          # SQLite, 3 s warm-up + 10 s per scenario
 *   npm run bench -- --quick               # 1 s + 3 s per scenario
 *   npm run bench -- --db postgres         # PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   npm run bench -- --products 1000000    # also list and search products (first and ~90% deep page) at 1M rows
 *   npm run bench -- --only read-product,order-flow --cpu-prof   # a subset, with a server CPU profile
 *   npm run bench -- --check               # exit status 1 when a budget fails
 *   npm run bench -- --webhook --only order-flow   # order-flow again with one subscribed webhook endpoint (a local receiver answering in 5 ms),
 *                                                  # then with and without it in alternating slices (the budget)
 *   BENCH_KEEP_DB=1 npm run bench -- --db postgres   # leave the bench database behind (its name is printed) to inspect it
 *   npm run bench -- --db postgres --baseline-tree ../before   # first the same scenarios against a built checkout of the
 *                                          # starting commit (git worktree add ../before 57995a3 && npm run build there):
 *                                          # the PostgreSQL budgets then compare with that, measured in the same run
 *
 * With `taskset` on a machine with ≥ 2 cores the server (and the bare server) run on core 0
 * and this client on core 1. Everything listens on 127.0.0.1 only; every loop is bounded.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type AutocannonRequest, type AutocannonResult } from 'autocannon';
import pg from 'pg';

// ---------------------------------------------------------------- options

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    db: { type: 'string', default: 'sqlite' },
    products: { type: 'string', default: '1000' },
    connections: { type: 'string', default: '32' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    'no-pin': { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
    'keep-server': { type: 'boolean', default: false },
    'cpu-prof': { type: 'boolean', default: false },
    /** Exit with status 1 when a budget fails (for CI); without it the run only reports. */
    check: { type: 'boolean', default: false },
    /** Extra server environment for experiments, e.g. `--env UV_THREADPOOL_SIZE=2` (repeatable). */
    env: { type: 'string', multiple: true, default: [] },
    /** After order-flow, run it again with a webhook endpoint subscribed to the order events (a receiver in this process, answering in 5 ms). */
    webhook: { type: 'boolean', default: false },
    /**
     * PostgreSQL: a built checkout of the commit the issue-14 budgets compare with. Its server is
     * measured first, in this run, with this script (read-product and order-flow), and the budgets
     * use those figures instead of the recorded POSTGRES_BASELINE.
     */
    'baseline-tree': { type: 'string' },
    /** Internal (--baseline-tree): serve the build of this checkout instead of this script's own. */
    tree: { type: 'string' },
  },
});

/** This script's checkout: its bench/ helpers. */
const benchRoot = new URL('..', import.meta.url).pathname;
/** The checkout whose build is served (`--tree`; this one by default). */
const root = args.tree ? resolve(args.tree) : benchRoot;
process.chdir(root);

const dbKind = args.db === 'postgres' ? 'postgres' : args.db === 'sqlite' ? 'sqlite' : fail(`--db must be sqlite or postgres, got ${args.db}`);
const WARMUP_S = Number(args.warmup ?? (args.quick ? 1 : 3));
const DURATION_S = Number(args.duration ?? (args.quick ? 3 : 10));
const CONNECTIONS = Number(args.connections);
const BIG_CATALOG = Number(args.products);
const BASE_PRODUCTS = 1_000;
const CUSTOMERS = 32;
/**
 * PostgreSQL before issue 14 (commit 57995a3), medians of same-run measurements on the shared
 * 2-core host with little else running (docs/performance.md, "PostgreSQL: before and after"):
 * what the PostgreSQL budgets compare with when no `--baseline-tree` measures it in the same
 * run — prefer that; this figure drifts with the host.
 */
const POSTGRES_BASELINE = { orderFlowsPerSec: 305, readProductAppUsPerReq: 191, readProductDbUsPerReq: 138 };
const REGISTER_CONNECTIONS = 8;
/** --webhook's budget: order-flow with and without the endpoint in this many pairs of alternating slices of this length. */
const WEBHOOK_SLICE_PAIRS = 3;
const WEBHOOK_SLICE_S = Math.max(1, Math.round(DURATION_S / 2));
/** --webhook: the "moderate rate" at which the commit-to-delivery lag is measured too. */
const WEBHOOK_MODERATE_FLOWS = 50;
const LOG_LEVEL = 'warn';
const PASSWORD = 'correct horse battery staple';
const only = args.only ? new Set(args.only.split(',')) : null;
const wanted = (name: string) => only === null || only.has(name);
const outFile = args.out ?? join('bench', 'results', dbKind === 'sqlite' ? 'latest.json' : 'latest-postgres.json');
for (const [name, n] of [['--warmup', WARMUP_S], ['--duration', DURATION_S], ['--connections', CONNECTIONS], ['--products', BIG_CATALOG]] as const) {
  if (!Number.isFinite(n) || n < 0) fail(`${name} must be a non-negative number`);
}

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// A hard ceiling on the whole run, whatever happens (each loop below is bounded too).
const WATCHDOG_MS = (BIG_CATALOG > BASE_PRODUCTS ? 20 : 10) * 60_000;
const cleanups: (() => Promise<void> | void)[] = [];
const cleanup = async () => {
  for (const c of cleanups.splice(0).reverse()) await Promise.resolve(c()).catch(() => undefined);
};
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${WATCHDOG_MS / 60_000} min; giving up`);
  void cleanup().finally(() => process.exit(3));
}, WATCHDOG_MS);
watchdog.unref();
process.once('SIGINT', () => void cleanup().finally(() => process.exit(130)));

// ---------------------------------------------------------------- processes and CPUs

const TASKSET = cpus().length >= 2 && !args['no-pin'] && spawnSync('taskset', ['-V']).status === 0;
if (TASKSET) {
  // This client (every thread, including autocannon's) on core 1; servers go to core 0.
  spawnSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
}
const onServerCore = (command: string[]): [string, string[]] =>
  TASKSET ? ['taskset', ['-c', '0', ...command]] : [command[0] ?? '', command.slice(1)];

const CLK_TCK = 100;
/** utime + stime of a process, in seconds. */
const cpuSeconds = (pid: number): number => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return NaN;
  }
};
/** CPU seconds every process on the machine spent (user, nice, system, irq, softirq, steal). */
const machineBusySeconds = (): number => {
  try {
    const f = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
    return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0) + (f[7] ?? 0)) / CLK_TCK;
  } catch {
    return NaN;
  }
};
/** VmHWM (peak resident set) or VmRSS (now) of a process, in MB. */
const memoryMb = (pid: number, field: 'VmHWM' | 'VmRSS' = 'VmHWM'): number => {
  try {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
};

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Child {
  pid: number;
  output(): string;
  stop(): Promise<void>;
}

const startChild = async (command: string[], env: NodeJS.ProcessEnv, readyUrl: string): Promise<Child> => {
  const [file, argv] = onServerCore(command);
  let out = '';
  const child: ChildProcess = spawn(file, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => (clearTimeout(kill), resolve()));
      child.kill('SIGTERM');
    });
  cleanups.push(stop);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command.join(' ')} exited early:\n${out}`);
    try {
      if ((await fetch(readyUrl)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${command.join(' ')} did not become ready:\n${out}`);
    await sleep(100);
  }
  return { pid: child.pid ?? -1, output: () => out, stop };
};

// ---------------------------------------------------------------- load generation

/** Every response's latency in ms (autocannon's own histogram has 1 ms resolution). */
class Latencies {
  private values = new Float64Array(1 << 16);
  private n = 0;
  add(ms: number) {
    if (this.n === this.values.length) {
      const bigger = new Float64Array(this.values.length * 2);
      bigger.set(this.values);
      this.values = bigger;
    }
    this.values[this.n++] = ms;
  }
  reset() {
    this.n = 0;
  }
  percentiles(): { p50: number; p99: number; count: number } {
    const sorted = this.values.slice(0, this.n).sort();
    const at = (q: number) => (this.n === 0 ? NaN : (sorted[Math.min(this.n - 1, Math.floor(q * this.n))] ?? NaN));
    return { p50: at(0.5), p99: at(0.99), count: this.n };
  }
}

interface Load {
  name: string;
  url: string;
  connections: number;
  requests: AutocannonRequest[];
  /** The server process under load (for its CPU use); the service by default. */
  pid?: number;
  /** Completed create+confirm flows (order-flow only), reset before the measured run. */
  flows?: { count: number };
  /** Requests per second across all connections (autocannon's overallRate); unpaced when absent. */
  rate?: number;
  note?: string;
}

interface Row {
  scenario: string;
  connections: number;
  requestsPerSec: number;
  flowsPerSec: number | null;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  socketErrors: number;
  ratioToBare: number | null;
  clientCpuPct: number;
  serverCpuPct: number;
  /** The server's resident set (VmRSS) at the end of the scenario, MB. */
  serverRssMb: number;
  /** Server CPU time per request (µs): robust to noise from other processes, unlike req/s. */
  serverCpuUsPerRequest: number;
  /** CPU used by every other process on the machine meanwhile (noise: another job, PostgreSQL). */
  otherCpuPct: number;
  /** PostgreSQL only: CPU time of the bench database's backends per request (µs); NaN on SQLite. */
  dbCpuUsPerRequest: number;
  /** PostgreSQL only: the bench database's backends' CPU, % of one core. */
  dbCpuPct: number;
  durationS: number;
  note?: string;
}

const fire = (load: Load, seconds: number, latencies: Latencies | null) =>
  new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      { url: load.url, connections: load.connections, duration: seconds, requests: load.requests, timeout: 10, ...(load.rate ? { overallRate: load.rate } : {}) },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
    if (latencies) instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => latencies.add(ms));
  });

let serverPid = -1;
/** The server's recent output, printed when the bench fails (the reason is usually there). */
let serverOutput: () => string = () => '';

/**
 * CPU time of the PostgreSQL backends serving the bench database (utime + stime from /proc),
 * found through pg_stat_activity: only this run's database counts, not other clusters' users
 * on a shared host. A backend that exits mid-scenario loses its share (the pool keeps them).
 */
interface DatabaseCpu {
  sample(): Promise<Map<number, number>>;
  /** Seconds between two samples; NaN when nothing is measured (SQLite). */
  since(before: Map<number, number>, after: Map<number, number>): number;
}
const noDatabaseCpu: DatabaseCpu = { sample: async () => new Map(), since: () => NaN };
let databaseCpu: DatabaseCpu = noDatabaseCpu;
const postgresBackendCpu = (admin: pg.Client, database: string): DatabaseCpu => ({
  async sample() {
    const { rows } = await admin.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [database]);
    return new Map(rows.map((r) => [r.pid, cpuSeconds(r.pid)] as const).filter(([, s]) => Number.isFinite(s)));
  },
  since(before, after) {
    let total = 0;
    for (const [pid, s] of after) total += s - (before.get(pid) ?? 0);
    return total;
  },
});

/** Warm-up, then the measured run, of one or more loads at once (a combined scenario). */
const measure = async (loads: Load[]): Promise<Row[]> => {
  if (WARMUP_S > 0) await Promise.all(loads.map((l) => fire(l, WARMUP_S, null)));
  for (const l of loads) if (l.flows) l.flows.count = 0;
  const recorders = loads.map(() => new Latencies());
  const cpu0 = process.cpuUsage();
  const pid = loads[0]?.pid ?? serverPid;
  const server0 = cpuSeconds(pid);
  const db0 = await databaseCpu.sample();
  const machine0 = machineBusySeconds();
  const t0 = performance.now();
  const results = await Promise.all(loads.map((l, i) => fire(l, DURATION_S, recorders[i] ?? null)));
  const wall = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const dbSeconds = databaseCpu.since(db0, await databaseCpu.sample());
  const clientCpuPct = ((cpu.user + cpu.system) / 1e6 / wall) * 100;
  const serverSeconds = cpuSeconds(pid) - server0;
  const serverCpuPct = (serverSeconds / wall) * 100;
  const otherCpuPct = Math.max(0, ((machineBusySeconds() - machine0 - serverSeconds - (Number.isFinite(dbSeconds) ? dbSeconds : 0) - (cpu.user + cpu.system) / 1e6) / wall) * 100);
  return results.map((r, i) => {
    const load = loads[i] as Load;
    const lat = (recorders[i] as Latencies).percentiles();
    const seconds = r.duration || wall;
    return {
      scenario: load.name,
      connections: load.connections,
      requestsPerSec: lat.count / seconds,
      flowsPerSec: load.flows ? load.flows.count / seconds : null,
      p50Ms: lat.p50,
      p99Ms: lat.p99,
      errors: r.non2xx + r.errors,
      non2xx: r.non2xx,
      socketErrors: r.errors,
      ratioToBare: null,
      clientCpuPct,
      serverCpuPct,
      otherCpuPct,
      serverRssMb: memoryMb(pid, 'VmRSS'),
      serverCpuUsPerRequest: loads.length === 1 && lat.count > 0 ? (serverSeconds / lat.count) * 1e6 : NaN,
      dbCpuUsPerRequest: loads.length === 1 && lat.count > 0 ? (dbSeconds / lat.count) * 1e6 : NaN,
      dbCpuPct: (dbSeconds / wall) * 100,
      durationS: seconds,
      ...(load.note ? { note: load.note } : {}),
    };
  });
};

/** One connection, one request at a time: precise per-request latency (µs) for the deep-page comparison. */
const probeLatency = async (url: string, count = 1_000, maxMs = 5_000): Promise<{ p50Ms: number; p99Ms: number; n: number }> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<number>((resolve, reject) => {
      const t = process.hrtime.bigint();
      http
        .get(url, { agent }, (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve(Number(process.hrtime.bigint() - t) / 1e6) : reject(new Error(`${url} → ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  const lat = new Latencies();
  for (let i = 0; i < 100; i++) await get(); // warm
  const deadline = Date.now() + maxMs;
  for (let i = 0; i < count && Date.now() < deadline; i++) lat.add(await get());
  agent.destroy();
  const p = lat.percentiles();
  return { p50Ms: p.p50, p99Ms: p.p99, n: p.count };
};

// ---------------------------------------------------------------- the service, set up

const api = async <T>(base: string, path: string, init: RequestInit & { expect: number }): Promise<T> => {
  const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (res.status !== init.expect) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
};

interface ProductPage {
  items: { id: string }[];
  nextCursor: string | null;
}

/** A search matching 1 % of the seeded catalog (its names carry "lot NN", n mod 100), sorted by price. */
const SEARCH = 'q=lot%2042&sort=price';

/** Follows nextCursor until `skip` rows are behind us; returns that cursor (bounded by pages and time). */
const cursorAfter = async (base: string, skip: number, query = ''): Promise<string> => {
  let cursor: string | null = null;
  let seen = 0;
  const deadline = Date.now() + 180_000;
  for (let page = 0; page < Math.ceil(skip / 100) + 2 && seen < skip; page++) {
    if (Date.now() > deadline) throw new Error('walking the catalog took too long');
    const limit = Math.min(100, skip - seen);
    const qs: string = `${query ? `${query}&` : ''}${cursor === null ? `limit=${limit}` : `limit=${limit}&cursor=${cursor}`}`;
    const body: ProductPage = await api<ProductPage>(base, `/products?${qs}`, { expect: 200 });
    seen += body.items.length;
    if (body.nextCursor === null) break;
    cursor = body.nextCursor;
  }
  if (cursor === null) throw new Error('the catalog has no second page');
  return cursor;
};

/** Outbox rows not yet delivered (emails the dispatcher still has to send), from /metrics. */
/** A webhook receiver answering every POST after 5 ms, noting how long after the event each delivery arrived. */
const startWebhookReceiver = async () => {
  const lags = new Latencies();
  const ids = new Set<string>();
  let deliveries = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const arrived = Date.now();
      deliveries += 1;
      ids.add(String(req.headers['webhook-id']));
      try {
        lags.add(arrived - Date.parse((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { createdAt: string }).createdAt));
      } catch {
        /* not ours */
      }
      setTimeout(() => res.writeHead(200).end(), 5);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    stats: () => ({ deliveries, distinct: ids.size, lag: lags.percentiles() }),
    reset: () => {
      deliveries = 0;
      ids.clear();
      lags.reset();
    },
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
};

const webhooksPending = async (base: string): Promise<number> => {
  try {
    const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    return Number(/^webhook_deliveries\{status="pending"\} (\d+)/m.exec(text)?.[1] ?? 0);
  } catch {
    return 0;
  }
};

const pendingEmails = async (base: string): Promise<number | null> => {
  try {
    const text = await (await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
    const m = /^outbox_rows\{status="pending"\} (\d+)/m.exec(text);
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
};

/** The node flags of package.json's `start` script (e.g. the young-generation cap), so the benchmark runs what `npm start` runs. */
const startFlags = (): string[] => {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  // A leading `exec` only makes the shell hand the signals npm forwards to node (ADR 0050).
  const words = start.trim().replace(/^exec\s+/, '').split(/\s+/);
  if (words[0] !== 'node' || words.at(-1) !== 'dist/src/main.js') fail(`package.json "start" must be "[exec] node [flags] dist/src/main.js", got: ${start}`);
  return words.slice(1, -1);
};

const cli = (env: NodeJS.ProcessEnv, ...argv: string[]): string =>
  execFileSync(process.execPath, ['dist/src/cli.js', ...argv], { env, encoding: 'utf8', timeout: 600_000 }).trim();

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)] as T;

/** Statements (x-sql-statements, the auth lookup included) of a create and a confirm. */
interface StatementFigures {
  /** Mean over flows like order-flow's (1–3 items): create + confirm. */
  perFlow: number;
  /** Confirm of an order of n items → its statements. */
  confirmByItems: Record<number, number>;
  /** Create of an order of n items → its statements. */
  createByItems: Record<number, number>;
}

const countStatements = async (base: string, tokens: readonly string[], productIds: readonly string[]): Promise<StatementFigures> => {
  const statementsOf = async (path: string, token: string, body?: unknown): Promise<{ n: number; json: { id: string } }> => {
    // On SQLite this second process shares the file with the measured server, whose outbox is
    // still writing the emails of the last scenario: a 503 (database busy) is retried as a client would.
    for (let attempt = 1; ; attempt++) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      });
      const text = await res.text();
      if (res.status === 503 && attempt < 20) {
        await sleep(Number(res.headers.get('retry-after') ?? 1) * 1000);
        continue;
      }
      if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${text.slice(0, 200)}`);
      return { n: Number(res.headers.get('x-sql-statements')), json: JSON.parse(text) as { id: string } };
    }
  };
  const flow = async (items: number) => {
    const token = pick(tokens);
    const ids = productIds.slice(0, productIds.length).sort(() => Math.random() - 0.5).slice(0, items);
    const created = await statementsOf('/orders', token, { items: ids.map((productId) => ({ productId, quantity: 1 })) });
    const confirmed = await statementsOf(`/orders/${created.json.id}/confirm`, token);
    return { create: created.n, confirm: confirmed.n };
  };
  let total = 0;
  const FLOWS = 30;
  for (let i = 0; i < FLOWS; i++) {
    const f = await flow(1 + (i % 3));
    total += f.create + f.confirm;
  }
  const confirmByItems: Record<number, number> = {};
  const createByItems: Record<number, number> = {};
  for (const n of [1, 3, 10]) {
    const f = await flow(n);
    confirmByItems[n] = f.confirm;
    createByItems[n] = f.create;
  }
  return { perFlow: total / FLOWS, confirmByItems, createByItems };
};

// ---------------------------------------------------------------- the baseline, measured in the same run

/** What the PostgreSQL budgets compare with, and where it comes from. */
interface PostgresBaseline {
  orderFlowsPerSec: number;
  readProductAppUsPerReq: number;
  readProductDbUsPerReq: number;
  /** `recorded` (POSTGRES_BASELINE) or the checkout measured in this run. */
  source: string;
  cpuPerFlowMs?: { appMs: number; dbMs: number } | null;
  statementsPerFlow?: number | null;
  orderFlowP99Ms?: number;
}

/**
 * `--baseline-tree`: this script against that checkout's build (its own database, its own
 * server), read-product and order-flow with this run's settings; its figures become the baseline.
 */
const measureBaseline = (tree: string): PostgresBaseline => {
  const dir = resolve(tree);
  const out = join(mkdtempSync(join(tmpdir(), 'orders-bench-baseline-')), 'baseline.json');
  cleanups.push(() => rmSync(join(out, '..'), { recursive: true, force: true }));
  let commit = '';
  try {
    commit = execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    /* not a git checkout */
  }
  const scenarios = ['read-product', 'order-flow'].filter(wanted);
  const argv = [
    ...process.execArgv,
    process.argv[1] ?? fail('cannot tell which script runs'),
    '--tree', dir, '--db', 'postgres', '--only', scenarios.join(','), '--out', out,
    '--warmup', String(WARMUP_S), '--duration', String(DURATION_S), '--connections', String(CONNECTIONS),
    ...(args['no-pin'] ? ['--no-pin'] : []),
    ...(args.env ?? []).flatMap((kv) => ['--env', kv]),
  ];
  console.log(`\n── baseline: ${dir}${commit ? ` (${commit})` : ''}, measured first ──`);
  const child = spawnSync(process.execPath, argv, { stdio: 'inherit', env: process.env, timeout: WATCHDOG_MS });
  if (child.status !== 0) fail(`the baseline run against ${dir} failed (status ${child.status})`);
  console.log(`── end of the baseline; now this checkout ──\n`);
  const result = JSON.parse(readFileSync(out, 'utf8')) as { scenarios: Row[]; cpuPerFlowMs: { appMs: number; dbMs: number } | null; statements: StatementFigures | null };
  const of = result.scenarios.find((r) => r.scenario === 'order-flow');
  const rp = result.scenarios.find((r) => r.scenario === 'read-product');
  return {
    orderFlowsPerSec: of?.flowsPerSec ?? NaN,
    readProductAppUsPerReq: rp?.serverCpuUsPerRequest ?? NaN,
    readProductDbUsPerReq: rp?.dbCpuUsPerRequest ?? NaN,
    source: `${commit || dir}, measured in this run`,
    cpuPerFlowMs: result.cpuPerFlowMs,
    statementsPerFlow: result.statements?.perFlow ?? null,
    ...(of ? { orderFlowP99Ms: of.p99Ms } : {}),
  };
};

// ---------------------------------------------------------------- main

const main = async () => {
  const started = Date.now();
  execFileSync(process.execPath, ['scripts/ensure-build.mjs'], { stdio: 'inherit' });
  if (args['baseline-tree'] && dbKind !== 'postgres') fail('--baseline-tree is for --db postgres');
  const baseline: PostgresBaseline = args['baseline-tree'] ? measureBaseline(args['baseline-tree']) : { ...POSTGRES_BASELINE, source: 'recorded in docs/performance.md' };

  const dataDir = mkdtempSync(join(tmpdir(), 'orders-bench-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  let databaseUrl = `sqlite:${join(dataDir, 'orders.sqlite')}`;
  if (dbKind === 'postgres') {
    const adminUrl = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const name = `orders_bench_${randomBytes(5).toString('hex')}`;
    const admin = async (statement: string) => {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
      await c.connect();
      try {
        await c.query(statement);
      } finally {
        await c.end();
      }
    };
    await admin(`create database ${name}`);
    if (!process.env.BENCH_KEEP_DB) cleanups.push(() => admin(`drop database if exists ${name} with (force)`));
    else console.log(`keeping database ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    // One connection to the admin database for the whole run (it is not a backend of the bench database).
    const observer = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
    observer.on('error', () => undefined);
    await observer.connect();
    cleanups.push(() => observer.end());
    databaseCpu = postgresBackendCpu(observer, name);
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    JWT_SECRET: randomBytes(48).toString('base64url'),
    DATABASE_URL: databaseUrl,
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL,
    RUN_WORKER: 'true',
    // The register scenarios are a storm from one address: the per-address registration throttle would stop it.
    REGISTRATIONS_PER_ADDRESS: '0',
    // --webhook: the receiver is on 127.0.0.1, which the SSRF guard refuses otherwise.
    ...(args.webhook ? { WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } : {}),
  };
  for (const kv of args.env ?? []) {
    const eq = kv.indexOf('=');
    if (eq < 1) fail(`--env wants KEY=VALUE, got ${kv}`);
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }

  // Seed: admin and catalog through the CLI (batched inserts), customers through the API.
  cli(env, 'migrate');
  cli(env, 'create-admin', '--email', 'admin@bench.example.com', '--password', PASSWORD);
  console.log(cli(env, 'seed', '--products', String(BASE_PRODUCTS)));

  const profileDir = join(root, 'bench', 'results', 'profiles');
  const profiling = args['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
  const server = await startChild([process.execPath, ...startFlags(), ...profiling, 'dist/src/main.js'], env, `${base}/health/ready`);
  serverPid = server.pid;
  serverOutput = server.output;
  const barePort = await freePort();
  const bare = await startChild([process.execPath, join(benchRoot, 'bench', 'bare-server.mjs'), String(barePort)], { PATH: process.env.PATH }, `http://127.0.0.1:${barePort}/`);

  const runId = randomBytes(4).toString('hex');
  const tokens = await Promise.all(
    Array.from({ length: CUSTOMERS }, async (_, i) => {
      const email = `customer-${runId}-${i}@bench.example.com`;
      await api(base, '/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }), expect: 201 });
      const t = await api<{ access_token: string }>(base, '/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
        expect: 200,
      });
      return t.access_token;
    }),
  );
  const productIds: string[] = [];
  {
    let cursor: string | null = null;
    for (let page = 0; page < 20 && productIds.length < BASE_PRODUCTS; page++) {
      const qs: string = cursor === null ? 'limit=100' : `limit=100&cursor=${cursor}`;
      const body: ProductPage = await api<ProductPage>(base, `/products?${qs}`, { expect: 200 });
      productIds.push(...body.items.map((p) => p.id));
      if (!body.nextCursor) break;
      cursor = body.nextCursor;
    }
  }
  // Only for the scenarios that use them: a tree older than the catalog search (a baseline) has no `q`.
  const deepCursor1k = wanted('list-deep') ? await cursorAfter(base, Math.floor(BASE_PRODUCTS * 0.9)) : '';
  const searchDeep1k = wanted('search-products') ? await cursorAfter(base, Math.floor(BASE_PRODUCTS * 0.01 * 0.9), SEARCH) : '';
  console.log(`server RSS after set-up: ${memoryMb(server.pid, 'VmRSS').toFixed(0)} MB (peak so far ${memoryMb(server.pid).toFixed(0)} MB)`);

  // ---- the loads
  const readProduct = (url: string, name: string): Load => ({
    name,
    url,
    connections: CONNECTIONS,
    requests: [{ method: 'GET', path: '/products/x', setupRequest: (r) => ({ ...r, path: `/products/${pick(productIds)}` }) }],
  });
  const bearer = (r: AutocannonRequest, token: string): AutocannonRequest => ({ ...r, headers: { ...r.headers, authorization: `Bearer ${token}` } });
  let registered = 0;
  const register: Load = {
    name: 'register',
    url: base,
    connections: REGISTER_CONNECTIONS,
    note: 'argon2id m=19MiB t=2 on the thread pool',
    requests: [
      {
        method: 'POST',
        path: '/users',
        headers: { 'content-type': 'application/json' },
        setupRequest: (r) => ({ ...r, body: JSON.stringify({ email: `storm-${runId}-${++registered}@bench.example.com`, password: PASSWORD }) }),
      },
    ],
  };
  const flows = { count: 0 };
  const orderFlow: Load = {
    name: 'order-flow',
    url: base,
    connections: CONNECTIONS,
    flows,
    note: 'create (1–3 items) then confirm; 2 requests per flow',
    requests: [
      {
        method: 'POST',
        path: '/orders',
        headers: { 'content-type': 'application/json' },
        setupRequest: (r, ctx) => {
          const token = pick(tokens);
          ctx.token = token;
          const lines = 1 + Math.floor(Math.random() * 3);
          const ids = new Set<string>();
          for (let i = 0; i < 10 && ids.size < lines; i++) ids.add(pick(productIds));
          const items = [...ids].map((productId) => ({ productId, quantity: 1 + Math.floor(Math.random() * 3) }));
          return bearer({ ...r, body: JSON.stringify({ items }) }, token);
        },
        onResponse: (status, body, ctx) => {
          ctx.orderId = status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
        },
      },
      {
        method: 'POST',
        path: '/orders/x/confirm',
        // No order to confirm (the create failed): start the next flow.
        setupRequest: (r, ctx) => (typeof ctx.orderId === 'string' ? bearer({ ...r, path: `/orders/${ctx.orderId}/confirm` }, ctx.token as string) : null),
        onResponse: (status) => {
          if (status === 200) flows.count += 1;
        },
      },
    ],
  };

  const rows: Row[] = [];
  let outboxAfterFlows: number | null = null;
  const run = async (name: string, loads: Load[]) => {
    if (!wanted(name)) return;
    process.stdout.write(`  ${name.padEnd(24)}`);
    const measured = await measure(loads);
    rows.push(...measured);
    process.stdout.write(`${measured.map((m) => `${m.scenario} ${Math.round(m.requestsPerSec)} req/s p99 ${m.p99Ms.toFixed(1)} ms`).join('; ')}\n`);
  };

  console.log(
    `\nscenarios: ${WARMUP_S} s warm-up + ${DURATION_S} s measured each, ${CONNECTIONS} connections (register: ${REGISTER_CONNECTIONS})`,
  );
  // The ceiling is measured on both sides of read-product, and the higher one counts: on a
  // shared host the machine's speed drifts, and a slow moment must not flatter the ratio.
  await run('bare', [{ ...readProduct(`http://127.0.0.1:${barePort}`, 'bare node:http (ceiling)'), pid: bare.pid }]);
  await run('read-product', [readProduct(base, 'read-product')]);
  await run('bare', [{ ...readProduct(`http://127.0.0.1:${barePort}`, 'bare node:http (again, after read-product)'), pid: bare.pid }]);
  await bare.stop();
  await run('list-products', [{ name: 'list-products', url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: '/products?limit=20' }] }]);
  await run('list-deep', [
    { name: 'list-products deep (90%)', url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: `/products?limit=20&cursor=${deepCursor1k}` }] },
  ]);
  await run('search-products', [
    { name: 'search-products', url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: `/products?${SEARCH}&limit=20` }] },
  ]);
  await run('search-products', [
    { name: 'search-products deep (90%)', url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: `/products?${SEARCH}&limit=20&cursor=${searchDeep1k}` }] },
  ]);
  await run('me', [
    {
      name: 'me',
      url: base,
      connections: CONNECTIONS,
      requests: [{ method: 'GET', path: '/users/me', setupRequest: (r) => bearer(r, pick(tokens)) }],
    },
  ]);
  await run('order-flow', [orderFlow]);
  if (wanted('order-flow')) outboxAfterFlows = await pendingEmails(base);
  let webhookModerate: { flowsPerSec: number; deliveries: number; lagP50Ms: number; lagP99Ms: number } | null = null;
  let webhookSlices: Record<'with' | 'without', { flows: number; requests: number; seconds: number; cpu: number }> | null = null;
  let webhookFigures: { deliveries: number; distinct: number; duringRunPerSec: number; lagP50Ms: number; lagP99Ms: number; drainS: number; flows: number } | null = null;
  if (args.webhook && wanted('order-flow')) {
    const receiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    // The first run's emails first: their events would be fanned out to the new endpoint too.
    for (let i = 0; i < 600 && ((await pendingEmails(base)) ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const adminToken = (
      await api<{ access_token: string }>(base, '/auth/token', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@bench.example.com', password: PASSWORD }),
        expect: 200,
      })
    ).access_token;
    const endpoint = await api<{ id: string }>(base, '/webhooks', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ url: receiver.url, events: ['order.created', 'order.confirmed'] }),
      expect: 201,
    });
    const webhookFlow: Load = { ...orderFlow, name: 'order-flow + webhook', note: 'order-flow with one endpoint subscribed to order.created and order.confirmed (receiver answers in 5 ms)' };
    const before = receiver.stats().deliveries;
    const t0 = Date.now();
    await run('order-flow', [webhookFlow]);
    const runEnd = Date.now();
    const duringRun = receiver.stats().deliveries - before;
    const wRow = rows.find((r) => r.scenario === webhookFlow.name);
    // Wait until nothing is left to send (at most a minute): the time it takes is how far deliveries lagged.
    let last = -1;
    for (let i = 0; i < 600; i++) {
      const now = receiver.stats().distinct;
      if (now === last && ((await pendingEmails(base)) ?? 0) === 0 && (await webhooksPending(base)) === 0) break;
      last = now;
      await new Promise((r) => setTimeout(r, 100));
    }
    const s = receiver.stats();
    webhookFigures = {
      deliveries: s.deliveries,
      distinct: s.distinct,
      duringRunPerSec: duringRun / ((runEnd - t0) / 1000),
      lagP50Ms: s.lag.p50,
      lagP99Ms: s.lag.p99,
      drainS: (Date.now() - runEnd) / 1000,
      flows: Math.round((wRow?.flowsPerSec ?? 0) * (wRow?.durationS ?? 0)),
    };
    // The budget's comparison: order-flow with and without the endpoint in alternating slices
    // (its isActive flag toggled between them, in the order without-with, with-without, …), so a
    // change in the machine's other load or the database's growth falls on both alike. Runs
    // measured one after the other differed by more than the effect (docs/adr/0141-webhook-delivery-cost.md).
    const toggle = (isActive: boolean) =>
      api(base, `/webhooks/${endpoint.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({ isActive }),
        expect: 200,
      });
    const slices = { with: { flows: 0, requests: 0, seconds: 0, cpu: 0 }, without: { flows: 0, requests: 0, seconds: 0, cpu: 0 } };
    await toggle(false);
    if (WARMUP_S > 0) await fire(orderFlow, WARMUP_S, null);
    for (let pair = 0; pair < WEBHOOK_SLICE_PAIRS; pair++) {
      for (const active of pair % 2 === 0 ? [false, true] : [true, false]) {
        await toggle(active);
        const latencies = new Latencies();
        flows.count = 0;
        const cpu0 = cpuSeconds(serverPid);
        const started = performance.now();
        await fire(orderFlow, WEBHOOK_SLICE_S, latencies);
        const slice = slices[active ? 'with' : 'without'];
        slice.seconds += (performance.now() - started) / 1000;
        slice.cpu += cpuSeconds(serverPid) - cpu0;
        slice.flows += flows.count;
        slice.requests += latencies.percentiles().count;
      }
    }
    webhookSlices = slices;
    // Lag at a moderate rate (the server far from saturated): WEBHOOK_MODERATE_FLOWS flows/s for a slice,
    // once the slices' outbox backlog has drained (the endpoint off: its events would be fanned out
    // to it otherwise) and the deliveries the off slices held are sent.
    await toggle(false);
    for (let i = 0; i < 900 && ((await pendingEmails(base)) ?? 0) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await toggle(true);
    for (let i = 0; i < 600 && (await webhooksPending(base)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    receiver.reset();
    flows.count = 0;
    await fire({ ...orderFlow, connections: 4, rate: 2 * WEBHOOK_MODERATE_FLOWS }, WEBHOOK_SLICE_S, null);
    const moderateFlows = flows.count;
    for (let i = 0; i < 100 && (await webhooksPending(base)) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    const moderate = receiver.stats();
    webhookModerate = { flowsPerSec: moderateFlows / WEBHOOK_SLICE_S, deliveries: moderate.deliveries, lagP50Ms: moderate.lag.p50, lagP99Ms: moderate.lag.p99 };
  }
  await run('register', [register]);
  await run('register+read', [
    { ...readProduct(base, 'read-product during register storm') },
    { ...register, name: 'register (storm, concurrent)' },
  ]);

  // ---- deep paging: latency of one request at a time, at 1k rows and (optionally) at the big catalog
  const deep: Record<string, { first: { p50Ms: number; p99Ms: number }; deep: { p50Ms: number; p99Ms: number }; rows: number }> = {};
  /** The same for the search (q matching 1 %, sorted by price): its deep page is compared with its own first page. */
  const searchDeep: Record<string, { first: { p50Ms: number; p99Ms: number }; deep: { p50Ms: number; p99Ms: number }; rows: number }> = {};
  if (wanted('search-products')) {
    searchDeep['1k'] = {
      rows: BASE_PRODUCTS,
      first: await probeLatency(`${base}/products?${SEARCH}&limit=20`),
      deep: await probeLatency(`${base}/products?${SEARCH}&limit=20&cursor=${searchDeep1k}`),
    };
  }
  if (wanted('list-deep')) {
    deep['1k'] = {
      rows: BASE_PRODUCTS,
      first: await probeLatency(`${base}/products?limit=20`),
      deep: await probeLatency(`${base}/products?limit=20&cursor=${deepCursor1k}`),
    };
  }
  if (BIG_CATALOG > BASE_PRODUCTS) {
    const t = Date.now();
    console.log(`\nseeding up to ${BIG_CATALOG.toLocaleString('en')} products…`);
    console.log(`  ${cli(env, 'seed', '--products', String(BIG_CATALOG))}`);
    console.log(`  walking the catalog to ~90%…`);
    const deepCursorBig = wanted('list-deep') ? await cursorAfter(base, Math.floor(BIG_CATALOG * 0.9)) : '';
    const searchDeepBig = wanted('search-products') ? await cursorAfter(base, Math.floor(BIG_CATALOG * 0.01 * 0.9), SEARCH) : '';
    console.log(`  (${((Date.now() - t) / 1000).toFixed(0)} s)`);
    const label = BIG_CATALOG >= 1_000_000 ? `${BIG_CATALOG / 1_000_000}M` : BIG_CATALOG.toLocaleString('en');
    await run('list-products', [
      { name: `list-products @${label}`, url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: '/products?limit=20' }] },
    ]);
    await run('list-deep', [
      { name: `list-products deep (90%) @${label}`, url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: `/products?limit=20&cursor=${deepCursorBig}` }] },
    ]);
    if (wanted('list-deep')) {
      deep[label] = {
        rows: BIG_CATALOG,
        first: await probeLatency(`${base}/products?limit=20`),
        deep: await probeLatency(`${base}/products?limit=20&cursor=${deepCursorBig}`),
      };
    }
    await run('search-products', [
      { name: `search-products @${label}`, url: base, connections: CONNECTIONS, requests: [{ method: 'GET', path: `/products?${SEARCH}&limit=20` }] },
    ]);
    await run('search-products', [
      {
        name: `search-products deep (90%) @${label}`,
        url: base,
        connections: CONNECTIONS,
        requests: [{ method: 'GET', path: `/products?${SEARCH}&limit=20&cursor=${searchDeepBig}` }],
      },
    ]);
    if (wanted('search-products')) {
      searchDeep[label] = {
        rows: BIG_CATALOG,
        first: await probeLatency(`${base}/products?${SEARCH}&limit=20`),
        deep: await probeLatency(`${base}/products?${SEARCH}&limit=20&cursor=${searchDeepBig}`),
      };
    }
  }

  // ---- statements per flow: a second server with SQL_STATEMENT_COUNTER=1 on the same database
  // (the counter's AsyncLocalStorage costs throughput, so the measured server runs without it).
  let statements: StatementFigures | null = null;
  if (wanted('order-flow') || wanted('statements')) {
    const countingPort = await freePort();
    const counting = await startChild(
      [process.execPath, ...startFlags(), 'dist/src/main.js'],
      { ...env, PORT: String(countingPort), RUN_WORKER: 'false', SQL_STATEMENT_COUNTER: '1' },
      `http://127.0.0.1:${countingPort}/health/ready`,
    );
    try {
      statements = await countStatements(`http://127.0.0.1:${countingPort}`, tokens, productIds);
    } finally {
      await counting.stop();
    }
  }

  const outboxAtEnd = await pendingEmails(base);
  const peakRss = memoryMb(server.pid, 'VmHWM');
  const rssParts = (['RssAnon', 'RssFile', 'RssShmem'] as const).map((f) => {
    try {
      const kb = new RegExp(`${f}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
      return `${f} ${kb ? (Number(kb) / 1024).toFixed(0) : '?'} MB`;
    } catch {
      return `${f} ?`;
    }
  });
  const bareRates = rows.filter((r) => r.scenario.startsWith('bare')).map((r) => r.requestsPerSec);
  const ceiling = bareRates.length > 0 ? Math.max(...bareRates) : NaN;
  for (const r of rows) r.ratioToBare = Number.isFinite(ceiling) ? r.requestsPerSec / ceiling : null;
  if (!args['keep-server']) await server.stop();
  const serverLog = server.output().trim();

  // ---- report
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nNode ${process.version}, ${cpus().length} × ${cpu}; ${dbKind === 'sqlite' ? 'SQLite (WAL)' : 'PostgreSQL'}; node ${startFlags().join(' ')} (npm start); LOG_LEVEL=${LOG_LEVEL}, RUN_WORKER=true, NODE_ENV=production; ` +
      (TASKSET ? 'server pinned to core 0, client to core 1 (taskset)' : 'no CPU pinning') +
      `; autocannon ${CONNECTIONS} connections, no pipelining, one client thread (its workers add nothing on one pinned core)\n`,
  );
  const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : '–');
  const onPostgres = dbKind === 'postgres';
  const header = ['scenario', 'conns', 'req/s', 'flows/s', 'p50 ms', 'p99 ms', 'errors', 'ratio', 'client CPU', 'server CPU', 'other CPU', 'server µs/req', 'server RSS', ...(onPostgres ? ['db CPU', 'db µs/req'] : [])];
  const table = rows.map((r) => [
    r.scenario,
    String(r.connections),
    fmt(r.requestsPerSec),
    r.flowsPerSec === null ? '' : fmt(r.flowsPerSec),
    fmt(r.p50Ms, 2),
    fmt(r.p99Ms, 2),
    String(r.errors),
    r.ratioToBare === null ? '' : `${(r.ratioToBare * 100).toFixed(0)}%`,
    `${r.clientCpuPct.toFixed(0)}%`,
    `${r.serverCpuPct.toFixed(0)}%`,
    `${r.otherCpuPct.toFixed(0)}%`,
    fmt(r.serverCpuUsPerRequest),
    `${fmt(r.serverRssMb)} MB`,
    ...(onPostgres ? [`${r.dbCpuPct.toFixed(0)}%`, fmt(r.dbCpuUsPerRequest)] : []),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => (t[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const t of table) console.log(line(t));
  console.log(`\nserver peak RSS (VmHWM): ${fmt(peakRss, 1)} MB; at the end ${rssParts.join(', ')}`);
  if (outboxAfterFlows !== null) {
    console.log(`emails waiting in the outbox right after order-flow: ${fmt(outboxAfterFlows)}; at the end of the run: ${fmt(outboxAtEnd ?? NaN)}`);
  }
  if (webhookFigures) {
    const w = webhookFigures;
    console.log(
      `webhooks (order-flow + webhook): ${fmt(w.deliveries)} deliveries (${fmt(w.distinct)} distinct webhook-ids), ${fmt(w.duringRunPerSec)}/s while the load ran (warm-up included); ` +
        `lag from the change to its arrival p50 ${fmt(w.lagP50Ms)} ms / p99 ${fmt(w.lagP99Ms)} ms; backlog drained ${fmt(w.drainS, 1)} s after the load stopped`,
    );
    if (webhookModerate) {
      const m = webhookModerate;
      console.log(`webhooks at a moderate rate (${fmt(m.flowsPerSec)} flows/s): ${fmt(m.deliveries)} deliveries, lag p50 ${fmt(m.lagP50Ms)} ms / p99 ${fmt(m.lagP99Ms)} ms`);
    }
  }
  for (const [label, d] of Object.entries(deep)) {
    console.log(
      `list-products at ${label} rows, one request at a time: first page p50 ${fmt(d.first.p50Ms, 2)} ms / p99 ${fmt(d.first.p99Ms, 2)} ms; ` +
        `~90% deep page p50 ${fmt(d.deep.p50Ms, 2)} ms / p99 ${fmt(d.deep.p99Ms, 2)} ms`,
    );
  }
  for (const [label, d] of Object.entries(searchDeep)) {
    console.log(
      `search-products (${SEARCH}) at ${label} rows, one request at a time: first page p50 ${fmt(d.first.p50Ms, 2)} ms / p99 ${fmt(d.first.p99Ms, 2)} ms; ` +
        `~90% deep page p50 ${fmt(d.deep.p50Ms, 2)} ms / p99 ${fmt(d.deep.p99Ms, 2)} ms`,
    );
  }

  // ---- budgets (SQLite is what they are set for; PostgreSQL prints them for information)
  const budgets: { name: string; pass: boolean; detail: string }[] = [];
  const row = (name: string) => rows.find((r) => r.scenario === name);
  const budget = (name: string, pass: boolean | undefined, detail: string) => {
    if (pass !== undefined) budgets.push({ name, pass, detail });
  };
  const rp = row('read-product');
  if (rp && rp.ratioToBare !== null) {
    budget('read-product ≥ 50% of the bare ceiling', rp.ratioToBare >= 0.5, `${(rp.ratioToBare * 100).toFixed(0)}% (${fmt(rp.requestsPerSec)} vs ${fmt(ceiling)} req/s)`);
  }
  const of = row('order-flow');
  if (of?.flowsPerSec != null) budget('order-flow ≥ 2,000 flows/s', of.flowsPerSec >= 2_000, `${fmt(of.flowsPerSec)} flows/s (${fmt(of.requestsPerSec)} req/s, ${of.errors} errors)`);
  if (webhookSlices) {
    const { with: w, without: wo } = webhookSlices;
    const ratio = w.flows / w.seconds / (wo.flows / wo.seconds);
    budget(
      'order-flow with a webhook within 10% of order-flow without',
      ratio >= 0.9,
      `${fmt(w.flows / w.seconds)} vs ${fmt(wo.flows / wo.seconds)} flows/s in alternating ${WEBHOOK_SLICE_S} s slices (${(ratio * 100).toFixed(0)}%; ` +
        `server µs/request ${fmt((wo.cpu / wo.requests) * 1e6)} → ${fmt((w.cpu / w.requests) * 1e6)})`,
    );
  }
  // The read scenarios of the budget; the deep page is shown in the table and compared at 1M below.
  for (const name of ['read-product', 'list-products', 'me']) {
    const r = row(name);
    if (r) budget(`${name} p99 ≤ 20 ms at ${r.connections} connections`, r.p99Ms <= 20, `p99 ${fmt(r.p99Ms, 2)} ms`);
  }
  budget('server peak RSS ≤ 200 MB', Number.isFinite(peakRss) ? peakRss <= 200 : undefined, `VmHWM ${fmt(peakRss, 1)} MB`);
  const storm = row('read-product during register storm');
  const stormReg = row('register (storm, concurrent)');
  if (storm) {
    budget(
      'register storm never blocks the event loop: read-product p99 ≤ 50 ms',
      storm.p99Ms <= 50,
      `p99 ${fmt(storm.p99Ms, 2)} ms at ${fmt(storm.requestsPerSec)} req/s while ${fmt(stormReg?.requestsPerSec ?? NaN)} registrations/s`,
    );
  }
  const small = deep['1k'];
  const bigEntry = Object.entries(deep).find(([k]) => k !== '1k');
  if (small && bigEntry) {
    const [label, big] = bigEntry;
    const ratio = big.deep.p50Ms / small.deep.p50Ms;
    budget(`deep page at ${label} within 2× of 1k`, ratio <= 2, `p50 ${fmt(big.deep.p50Ms, 2)} ms vs ${fmt(small.deep.p50Ms, 2)} ms (${ratio.toFixed(2)}×)`);
  }
  for (const [label, s] of Object.entries(searchDeep)) {
    const searchRow = row(label === '1k' ? 'search-products' : `search-products @${label}`);
    if (searchRow) budget(`search-products p99 ≤ 50 ms at ${searchRow.connections} connections at ${label}`, searchRow.p99Ms <= 50, `p99 ${fmt(searchRow.p99Ms, 2)} ms`);
    const ratio = s.deep.p50Ms / s.first.p50Ms;
    budget(`search-products deep page at ${label} within 2× of its first page`, ratio <= 2, `p50 ${fmt(s.deep.p50Ms, 2)} ms vs ${fmt(s.first.p50Ms, 2)} ms (${ratio.toFixed(2)}×)`);
  }
  const of2 = row('order-flow');
  const perFlow = of2?.flowsPerSec ? { appMs: (of2.serverCpuUsPerRequest * of2.requestsPerSec) / of2.flowsPerSec / 1000, dbMs: (of2.dbCpuUsPerRequest * of2.requestsPerSec) / of2.flowsPerSec / 1000 } : null;
  if (perFlow) {
    console.log(`order-flow CPU per completed flow: app ${fmt(perFlow.appMs, 2)} ms` + (onPostgres ? `, PostgreSQL backends ${fmt(perFlow.dbMs, 2)} ms` : ''));
  }
  if (statements) {
    const byN = (m: Record<number, number>) => Object.entries(m).map(([n, c]) => `${n} item(s) ${c}`).join(', ');
    console.log(`statements per flow (create + confirm, 1–3 items, auth lookups included): ${fmt(statements.perFlow, 1)}; confirm: ${byN(statements.confirmByItems)}; create: ${byN(statements.createByItems)}`);
  }
  if (onPostgres) {
    // The issue-14 budgets: the baseline is the starting commit, measured in this run
    // (--baseline-tree) or else as recorded on this host (docs/performance.md).
    if (baseline.cpuPerFlowMs || baseline.statementsPerFlow != null) {
      console.log(
        `baseline (${baseline.source}): order-flow ${fmt(baseline.orderFlowsPerSec)} flows/s, p99 ${fmt(baseline.orderFlowP99Ms ?? NaN, 2)} ms; ` +
          `CPU per flow app ${fmt(baseline.cpuPerFlowMs?.appMs ?? NaN, 2)} ms, PostgreSQL ${fmt(baseline.cpuPerFlowMs?.dbMs ?? NaN, 2)} ms; ` +
          `statements per flow ${fmt(baseline.statementsPerFlow ?? NaN, 1)}; read-product ${fmt(baseline.readProductAppUsPerReq)} + ${fmt(baseline.readProductDbUsPerReq)} µs app + db per request`,
      );
    }
    if (of2?.flowsPerSec != null && Number.isFinite(baseline.orderFlowsPerSec)) {
      budget(
        `PostgreSQL order-flow ≥ 2× the baseline (${fmt(baseline.orderFlowsPerSec)} flows/s, ${baseline.source})`,
        of2.flowsPerSec >= 2 * baseline.orderFlowsPerSec,
        `${fmt(of2.flowsPerSec)} flows/s (${(of2.flowsPerSec / baseline.orderFlowsPerSec).toFixed(2)}×)`,
      );
    }
    if (perFlow) budget('PostgreSQL CPU per flow ≤ 0.8 ms', perFlow.dbMs <= 0.8, `${fmt(perFlow.dbMs, 2)} ms`);
    if (statements) {
      const counts = Object.values(statements.confirmByItems);
      budget('confirm statements constant (1, 3, 10 items)', counts.every((c) => c === counts[0]), Object.entries(statements.confirmByItems).map(([n, c]) => `${n}: ${c}`).join(', '));
    }
    const rp2 = row('read-product');
    if (rp2 && Number.isFinite(baseline.readProductAppUsPerReq + baseline.readProductDbUsPerReq)) {
      budget(
        `PostgreSQL read-product no slower than the baseline (${fmt(baseline.readProductAppUsPerReq)} + ${fmt(baseline.readProductDbUsPerReq)} µs app + db per request, ${baseline.source})`,
        rp2.serverCpuUsPerRequest + rp2.dbCpuUsPerRequest <= 1.1 * (baseline.readProductAppUsPerReq + baseline.readProductDbUsPerReq),
        `${fmt(rp2.serverCpuUsPerRequest)} + ${fmt(rp2.dbCpuUsPerRequest)} µs (${fmt(rp2.requestsPerSec)} req/s, p99 ${fmt(rp2.p99Ms, 2)} ms)`,
      );
    }
  }
  console.log(`\nbudgets${dbKind === 'sqlite' ? '' : ' (the first ones set for SQLite, shown for information; the PostgreSQL ones last)'}:`);
  for (const b of budgets) console.log(`${b.pass ? 'PASS' : 'FAIL'}  ${b.name}: ${b.detail}`);
  if (serverLog) console.log(`\nserver output (LOG_LEVEL=${LOG_LEVEL}):\n${serverLog.split('\n').slice(-10).join('\n')}`);

  mkdirSync(join('bench', 'results'), { recursive: true });
  writeFileSync(
    outFile,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        cpu: { model: cpu, count: cpus().length },
        pinning: TASKSET ? { server: 0, client: 1 } : null,
        database: dbKind,
        logLevel: LOG_LEVEL,
        runWorker: true,
        warmupSeconds: WARMUP_S,
        durationSeconds: DURATION_S,
        connections: CONNECTIONS,
        catalog: { base: BASE_PRODUCTS, big: BIG_CATALOG > BASE_PRODUCTS ? BIG_CATALOG : null },
        ceilingRequestsPerSec: ceiling,
        scenarios: rows,
        serverPeakRssMb: peakRss,
        outboxPending: { afterOrderFlow: outboxAfterFlows, atEnd: outboxAtEnd },
        webhooks: webhookFigures ? { ...webhookFigures, slices: webhookSlices, moderate: webhookModerate } : null,
        deepPaging: deep,
        searchPaging: searchDeep,
        cpuPerFlowMs: perFlow,
        statements,
        budgets,
        ...(dbKind === 'postgres' ? { postgresBaseline: baseline } : {}),
        totalSeconds: (Date.now() - started) / 1000,
      },
      null,
      2,
    )}\n`,
  );
  if (args['cpu-prof']) console.log(`server CPU profile in ${profileDir} (summarise: node bench/cpuprofile-summary.mjs <file>)`);
  console.log(`\nresults: ${outFile} (whole run ${((Date.now() - started) / 1000).toFixed(0)} s)`);
  return budgets.every((b) => b.pass);
};

main()
  .then(async (ok) => {
    await cleanup();
    clearTimeout(watchdog);
    process.exitCode = ok || !args.check ? 0 : 1;
  })
  .catch(async (err: unknown) => {
    console.error(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    // After the server stopped: its logger flushes what it buffered on the way out.
    await cleanup();
    const log = serverOutput().trim();
    if (log) console.error(`\nserver output (LOG_LEVEL=${LOG_LEVEL}), last lines:\n${log.split('\n').slice(-10).join('\n')}`);
    process.exit(1);
  });
