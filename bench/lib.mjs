// What every benchmark shares: a closed-loop load at a fixed concurrency, its figures, the packages the
// bench borrows from the workspace (it is not a package of its own, nor part of the test command), and
// the whole system on the time-skipping server (the deadline storm, the trust-year).
import { createRequire } from 'node:module';
import path from 'node:path';
import { ROOT } from '../infra/lib/paths.mjs';
import { Supervisor } from '../infra/lib/supervisor.mjs';
import { ensureTemporalCli, ensureTestServer } from '../infra/lib/tools.mjs';
import { startWholeSystem } from '../infra/lib/whole-system.mjs';

export const fromInfra = createRequire(path.join(ROOT, 'infra', 'package.json'));
export const fromApi = createRequire(path.join(ROOT, 'services', 'complaints-api', 'package.json'));
export const fromWorker = createRequire(path.join(ROOT, 'services', 'worker', 'package.json'));
/** The domain package as built (working-day calendar, London time). */
export const fromDomain = () => fromApi('@complaints/domain');

/**
 * Runs `task(i)` for i in 0..count-1 with `concurrency` in flight; returns throughput and latency
 * percentiles in milliseconds. A task that throws counts as an error, never as a fast answer.
 */
export async function closedLoop(count, concurrency, task) {
  const latencies = [];
  let errors = 0;
  let firstError;
  let next = 0;
  const started = performance.now();
  const runner = async () => {
    while (next < count) {
      const index = next++;
      const begun = performance.now();
      try {
        await task(index);
        latencies.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        firstError ??= String(error?.message ?? error).slice(0, 300);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, runner));
  const seconds = (performance.now() - started) / 1000;
  if (firstError) process.stdout.write(`   (${errors} of ${count} failed; the first: ${firstError})\n`);
  return { count, concurrency, errors, perSecond: latencies.length / seconds, ...percentiles(latencies) };
}

export function percentiles(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : NaN;
  return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN };
}

/** A fetch that fails unless the answer has the expected status. */
export async function expectStatus(url, init, status) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== status)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${body}`);
  return body ? JSON.parse(body) : undefined;
}

/** How many staff commands were answered 503 and repeated (staffCommand), since the process started. */
export const repeated = { count: 0 };

/**
 * A staff command as a careful client sends it: a 503 (the complaint's process did not take it in time)
 * is repeated after its Retry-After, up to five times; once a 503 has been seen, a 409 means an earlier
 * attempt was taken ("refused as done, never done twice") and answers `undefined`. What the command did
 * is then judged on the stored record, not on its answer.
 */
export async function staffCommand(url, init, status) {
  let seen503 = false;
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(url, init);
    const body = await response.text();
    if (response.status === status) return body ? JSON.parse(body) : undefined;
    if (seen503 && response.status === 409) return undefined;
    if (response.status !== 503 || attempt === 5)
      throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${body}`);
    seen503 = true;
    repeated.count += 1;
    const after = Number(response.headers.get('retry-after') ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, after) * 1000));
  }
}

export const ms = (value) => `${value.toFixed(0)} ms`;
export const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/** One figure line: what, the measured values, the baseline's, their ratio and the target. */
export function report(name, figures) {
  process.stdout.write(`\n== ${name}\n`);
  for (const [label, value] of Object.entries(figures))
    process.stdout.write(`   ${label.padEnd(34)} ${value}\n`);
}

export const POLL_MS = 250;

/** Reads `read()` every POLL_MS until `satisfied(value)` or `timeoutMs` has passed; returns the last value. */
export async function waitFor(read, satisfied, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (satisfied(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** How many timeline events of `type` are recorded. */
export async function eventCount(db, type) {
  return Number((await db.query(`SELECT count(*) FROM case_event WHERE type = $1`, [type])).rows[0].count);
}

/** The calendar date in London (YYYY-MM-DD) at `instant`. */
export function londonDate(instant) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(instant);
}

/**
 * The time-skipping test server with the worker, the correspondence worker and the API pointed at it, on
 * `mode`'s real Postgres and mail catcher, for as long as `body` runs. `body` gets the services'
 * environment, the API's address, a Postgres client, a Temporal connection and the server's clock: the
 * services' own clients are plain, so the clock moves only when the benchmark moves it.
 */
export async function onTimeSkippingServer(mode, body) {
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  const stop = () => void supervisor.stopAll().finally(() => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await supervisor.start('test-server', {
      command: await ensureTestServer(),
      args: [String(mode.ports.temporal)],
      port: mode.ports.temporal,
      timeoutMs: 120_000,
      fix: `see ${path.join(mode.dataDir, 'logs', 'test-server.log')}`,
    });
    const env = await startWholeSystem(
      supervisor,
      mode,
      await ensureTemporalCli(),
      {
        RATE_LIMIT_PER_MINUTE: '100000',
        RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
        DAILY_SCHEDULES: 'off', // the test server has no Schedules
      },
      {
        temporalAddress: `127.0.0.1:${mode.ports.temporal}`,
        services: ['worker', 'correspondence', 'complaints-api'],
      },
    );
    const { Connection } = fromApi('@temporalio/client');
    // The SDK's own switch for the test service (TestWorkflowEnvironment sets it).
    const { InternalConnectionOptionsSymbol } = fromApi('@temporalio/client/lib/connection');
    const connection = await Connection.connect({
      address: env.TEMPORAL_ADDRESS,
      [InternalConnectionOptionsSymbol]: { supportsTestService: true },
    });
    const pg = fromInfra('pg');
    const db = new pg.Client({ connectionString: env.DATABASE_URL });
    await db.connect();
    try {
      return await body({
        env,
        supervisor,
        api: `http://127.0.0.1:${mode.ports['complaints-api']}`,
        db,
        connection,
        clock: testServerClock(connection),
      });
    } finally {
      await db.end();
      await connection.close();
    }
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await supervisor.stopAll();
  }
}

/** The test server's clock: `now()` in epoch milliseconds, and `jumpTo(instant)`, which fires every timer on the way. */
function testServerClock(connection) {
  const now = async () => {
    const { time } = await connection.testService.getCurrentTime({});
    return Number(time.seconds) * 1000 + Math.floor((time.nanos ?? 0) / 1e6);
  };
  const jumpTo = async (instant) => {
    const by = Math.max(1, instant - (await now()));
    await connection.testService.unlockTimeSkippingWithSleep({
      duration: { seconds: Math.floor(by / 1000), nanos: (by % 1000) * 1e6 },
    });
  };
  return { now, jumpTo };
}
