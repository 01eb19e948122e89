#!/usr/bin/env node
// `node infra/bin/measure-cluster.mjs [--complaints=N] [--concurrency=C]`: the figures of the README's
// "Scaling out" section (ADR 0020). Starts, in turn and on the test ports, (1) the default topology (one
// API, one worker, one correspondence worker on the Temporal dev server, SQLite, no TLS) and (2) the
// cluster topology (Temporal on Postgres with TLS and the authoriser, two replicas of each), and in each
// takes N complaints in (POST /complaints: the Postgres write and the workflow start) and acknowledges
// each in writing (a signed Update through history, and the letter), C at a time. Prints intake and
// acknowledgement rates and latencies, the cluster's as a ratio of the dev server's measured in the same
// run. Not part of the test command (it measures; the cluster test proves).
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { DATA_DIR, ROOT } from '../lib/paths.mjs';
import { info, main, step } from '../lib/log.mjs';
import { Supervisor } from '../lib/supervisor.mjs';
import { serviceEnvironment, startInfrastructure } from '../lib/system.mjs';
import { ensureTemporalCli, installDependencies } from '../lib/tools.mjs';
import { ensureClusterTools } from '../lib/cluster-tools.mjs';
import { clusterPorts, startCluster } from '../lib/cluster.mjs';
import { build, migrate } from '../lib/build.mjs';

const option = (name, fallback) =>
  Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const COMPLAINTS = option('complaints', 200);
const CONCURRENCY = option('concurrency', 8);
const ports = clusterPorts(19000 + Number(process.env.COMPLAINTS_TEST_PORT_OFFSET ?? 0));
// The measurement is of the system, not of the per-user rate limits (which are per process).
process.env.RATE_LIMIT_INTAKE_PER_MINUTE = '100000';
process.env.RATE_LIMIT_PER_MINUTE = '100000';
for (const name of Object.keys(process.env))
  if (/^(DATABASE_URL|SMTP_URL|MAIL_INBOX_URL|TEMPORAL_ADDRESS|TEMPORAL_UI_URL|TEMPORAL_TLS_)/.test(name))
    delete process.env[name];

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function load(apiUrl, env) {
  const token = spawnSync(
    process.execPath,
    [path.join(ROOT, 'services', 'complaints-api', 'dist', 'cli', 'token.js'), 'handler@hpft.demo'],
    { encoding: 'utf8', env: { PATH: process.env.PATH, ...env } },
  ).stdout.trim();
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const receivedOn = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
  const phase = async (make) => {
    const latencies = [];
    const failures = [];
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < COMPLAINTS) {
          const index = next++;
          const t0 = performance.now();
          const status = await make(index);
          latencies.push(performance.now() - t0);
          if (!status.ok) failures.push(status.status);
        }
      }),
    );
    const seconds = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    return {
      perSecond: COMPLAINTS / seconds,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      failures,
    };
  };
  const references = [];
  const intake = await phase(async (index) => {
    const response = await fetch(`${apiUrl}/complaints`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        organisation: 'HPFT',
        kind: 'complaint',
        channel: 'email',
        receivedOn,
        complainant: {
          name: `Jo Bloggs ${index}`,
          email: `jo.${index}.${Date.now()}@example.org`,
          relationship: 'patient',
          address: { lines: [`${index} Church Street`], postcode: 'AL10 8YE' },
        },
        replyChannels: ['email'],
        issues: [{ description: `The ward (${index}) lost my belongings.` }],
        outcomeSought: 'An apology',
      }),
    });
    if (response.status === 201) references[index] = (await response.json()).reference;
    return { ok: response.status === 201, status: response.status };
  });
  const acknowledgement = await phase(async (index) => {
    if (!references[index]) return { ok: false, status: 'not taken in' };
    const response = await fetch(`${apiUrl}/complaints/${references[index]}/acknowledgement`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ method: 'written' }),
    });
    return { ok: response.status === 200, status: response.status };
  });
  return { intake, acknowledgement };
}

async function devServerTopology(temporalCli) {
  const mode = {
    dataDir: path.join(DATA_DIR, 'measure-dev'),
    ports,
    database: 'complaints_measure',
    fresh: true,
  };
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  try {
    const env = await startInfrastructure(supervisor, mode, temporalCli);
    await migrate(env, { seed: true });
    const one = {
      worker: ports.worker,
      correspondence: ports.correspondence,
      'complaints-api': ports.complaintsApi,
    };
    for (const [service, port] of Object.entries(one))
      await supervisor.start(service, {
        command: process.execPath,
        args: [path.join(ROOT, 'services', service, 'dist', 'main.js')],
        env: { ...serviceEnvironment(env, service), PORT: String(port), NODE_ENV: 'development' },
        port,
        timeoutMs: 90_000,
      });
    return await step('load on the dev server topology', () =>
      load(`http://127.0.0.1:${ports.complaintsApi}`, env),
    );
  } finally {
    await supervisor.stopAll();
  }
}

/** The sizes of Temporal's two databases and ours, in bytes. */
async function databaseSizes(mode) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: `postgres://complaints:complaints@127.0.0.1:${mode.ports.postgres}/${mode.database}`,
  });
  await client.connect();
  try {
    const sizes = {};
    for (const database of ['temporal', 'temporal_visibility', mode.database]) {
      const { rows } = await client.query('SELECT pg_database_size($1)::bigint AS bytes', [database]);
      sizes[database] = Number(rows[0].bytes);
    }
    return sizes;
  } finally {
    await client.end();
  }
}

async function clusterTopology(temporalCli) {
  const mode = {
    dataDir: path.join(DATA_DIR, 'measure-cluster'),
    ports,
    database: 'complaints_measure',
    fresh: true,
    cluster: true,
  };
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  try {
    const { env } = await startCluster(supervisor, mode, { temporalCli, seed: true, ui: false });
    const before = await databaseSizes(mode);
    const figures = await step('load on the cluster topology', () =>
      load(`http://127.0.0.1:${ports.complaintsApi}`, env),
    );
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // the letters' activities settle
    const after = await databaseSizes(mode);
    const perComplaint = Object.fromEntries(
      Object.keys(after).map((database) => [database, (after[database] - before[database]) / COMPLAINTS]),
    );
    return { ...figures, perComplaint };
  } finally {
    await supervisor.stopAll();
  }
}

await main(async () => {
  await installDependencies();
  const temporalCli = await ensureTemporalCli();
  await ensureClusterTools();
  await build();
  const dev = await devServerTopology(temporalCli);
  const cluster = await clusterTopology(temporalCli);
  const row = (name, d, c) =>
    `  ${name.padEnd(16)} ${d.perSecond.toFixed(1).padStart(8)}/s ${c.perSecond.toFixed(1).padStart(8)}/s   ratio ${(c.perSecond / d.perSecond).toFixed(2)}   p50 ${d.p50.toFixed(0)} → ${c.p50.toFixed(0)} ms   p99 ${d.p99.toFixed(0)} → ${c.p99.toFixed(0)} ms   failures [${d.failures}] / [${c.failures}]`;
  info(
    `${COMPLAINTS} complaints, ${CONCURRENCY} at a time; dev server (1 of each) → cluster (2 of each, TLS, Postgres)`,
  );
  process.stdout.write(
    `${row('intake', dev.intake, cluster.intake)}\n${row('acknowledgement', dev.acknowledgement, cluster.acknowledgement)}\n`,
  );
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  info(
    `Postgres per complaint (taken in and acknowledged): ${Object.entries(cluster.perComplaint)
      .map(([database, bytes]) => `${database} ${kb(bytes)}`)
      .join(', ')}`,
  );
});
