// `npm run bench -- --cluster [--complaints=200 --concurrency=8]`: issue #17's scale-out figures. The same
// load, in the same run, on the two topologies: the dev server's (infra/lib/whole-system.mjs: one of each
// service on the Temporal dev server, SQLite) and the cluster's (infra/lib/cluster.mjs, ADR 0020: Temporal
// on Postgres with mutual TLS and the authoriser, two replicas of each behind one port). On each:
//   intake:          POST /complaints against raw client.workflow.start of an empty workflow on the same
//                    Temporal server (the issue #16 intake benchmark), at --concurrency;
//   acknowledgement: each complaint acknowledged in writing (a signed Update through history, then the
//                    letter), every answer's status counted;
//   storage:         the growth of Postgres's databases (and, on the dev server, Temporal's SQLite file)
//                    over that work, per complaint.
// Then the cluster's figures as ratios of the dev server's. bench/RESULTS.md records what it printed.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { DATA_DIR } from '../infra/lib/paths.mjs';
import { Supervisor } from '../infra/lib/supervisor.mjs';
import { ensureTemporalCli } from '../infra/lib/tools.mjs';
import { ensureClusterTools } from '../infra/lib/cluster-tools.mjs';
import { clusterPorts, startCluster, temporalClientTls } from '../infra/lib/cluster.mjs';
import { staffToken, startWholeSystem, wholeSystemMode } from '../infra/lib/whole-system.mjs';
import { closedLoop, fromApi, fromInfra, mib, ms, report } from './lib.mjs';

const NO_LIMITS = { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_INTAKE_PER_MINUTE: '100000' };
const SETTLE_MS = 15_000; // the letters' activities and stage changes after the last acknowledgement

/** Stops a topology's processes on Ctrl-C too, as storm.mjs does. */
function stoppedOnSignal(supervisor) {
  const stop = () => void supervisor.stopAll().finally(() => process.exit(1));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return () => {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  };
}

/** Runs both topologies in turn, then prints each one's figures and the cluster's ratios. */
export async function topologyBenchmark({ complaints, concurrency }) {
  const temporalCli = await ensureTemporalCli();
  await ensureClusterTools();
  const dev = await onDevServer(temporalCli, complaints, concurrency);
  const cluster = await onCluster(temporalCli, complaints, concurrency);
  for (const [name, figures] of [
    ['dev server (1 of each, SQLite, no TLS)', dev],
    ['cluster (2 of each, Postgres, mutual TLS)', cluster],
  ])
    report(`${name}: ${complaints} complaints, ${concurrency} at a time`, {
      'POST /complaints': rate(figures.intake),
      'baseline: raw workflow.start': rate(figures.raw),
      'ratio (intake / raw start)': (figures.intake.perSecond / figures.raw.perSecond).toFixed(2),
      'written acknowledgement': rate(figures.acknowledgement),
      'acknowledgement answers': statuses(figures.acknowledgement.statuses),
      'storage per complaint': Object.entries(figures.perComplaint)
        .map(([store, bytes]) => `${store} ${kib(bytes)}`)
        .join(', '),
    });
  const ratio = (pick) => (pick(cluster) / pick(dev)).toFixed(2);
  report('cluster ÷ dev server (same run)', {
    'intake rate': ratio((f) => f.intake.perSecond),
    'intake p99': ratio((f) => f.intake.p99),
    'raw workflow.start rate': ratio((f) => f.raw.perSecond),
    'acknowledgement rate': ratio((f) => f.acknowledgement.perSecond),
    'acknowledgement p99': ratio((f) => f.acknowledgement.p99),
  });
  return { dev, cluster };
}

async function onDevServer(temporalCli, complaints, concurrency) {
  const mode = wholeSystemMode('bench', 25_000);
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  const release = stoppedOnSignal(supervisor);
  try {
    const env = await startWholeSystem(supervisor, mode, temporalCli, NO_LIMITS);
    const { Connection } = fromApi('@temporalio/client');
    const sqlite = path.join(mode.dataDir, 'temporal.db');
    return await measure({
      api: `http://127.0.0.1:${mode.ports['complaints-api']}`,
      env,
      connect: () => Connection.connect({ address: env.TEMPORAL_ADDRESS }),
      databases: [mode.database],
      superuserUrl: `postgres://complaints:complaints@127.0.0.1:${mode.ports.postgres}/${mode.database}`,
      files: { 'Temporal SQLite': sqlite },
      complaints,
      concurrency,
    });
  } finally {
    await supervisor.stopAll();
    release();
  }
}

async function onCluster(temporalCli, complaints, concurrency) {
  const mode = {
    dataDir: path.join(DATA_DIR, 'bench-cluster'),
    // Its own block of 40 (the dev server's bench is at 25,000), moved like every test port.
    ports: clusterPorts(26_000 + Number(process.env.COMPLAINTS_TEST_PORT_OFFSET ?? 0)),
    database: 'complaints_bench_cluster',
    fresh: true,
    cluster: true,
  };
  fs.rmSync(mode.dataDir, { recursive: true, force: true });
  const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
  Object.assign(process.env, NO_LIMITS);
  const release = stoppedOnSignal(supervisor);
  try {
    // Quiet: the services' logs are in the mode's logs directory, and the figures are what is printed.
    const { env } = await startCluster(supervisor, mode, { temporalCli, seed: true, ui: false, echo: false });
    const { Connection } = fromApi('@temporalio/client');
    // The raw starts go in as the API does: its certificate, which the authoriser lets start workflows.
    const tls = temporalClientTls(mode, 'complaints-api');
    return await measure({
      api: `http://127.0.0.1:${mode.ports.complaintsApi}`,
      env,
      connect: () =>
        Connection.connect({
          address: tls.TEMPORAL_ADDRESS,
          tls: {
            serverNameOverride: tls.TEMPORAL_TLS_SERVER_NAME,
            serverRootCACertificate: fs.readFileSync(tls.TEMPORAL_TLS_CA),
            clientCertPair: {
              crt: fs.readFileSync(tls.TEMPORAL_TLS_CERT),
              key: fs.readFileSync(tls.TEMPORAL_TLS_KEY),
            },
          },
        }),
      databases: [mode.database, 'temporal', 'temporal_visibility'],
      superuserUrl: `postgres://complaints:complaints@127.0.0.1:${mode.ports.postgres}/${mode.database}`,
      files: {},
      complaints,
      concurrency,
    });
  } finally {
    await supervisor.stopAll();
    release();
  }
}

/** The load on one topology, and what it stored. */
async function measure({ api, env, connect, databases, superuserUrl, files, complaints, concurrency }) {
  const { Client } = fromApi('@temporalio/client');
  const connection = await connect();
  const client = new Client({ connection });
  const token = staffToken(env, 'hpft-handler');
  const headers = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const rawStart = () =>
    client.workflow.start('benchEmpty', { taskQueue: 'bench-empty', workflowId: `raw-${randomUUID()}` });
  const references = [];
  const takeIn = (index) =>
    post(`${api}/complaints`, headers, complaintBody(index), 201).then((body) =>
      references.push(body.reference),
    );

  // Warm both paths (JIT, connection pools, both replicas) before measuring.
  await closedLoop(16, concurrency, rawStart);
  await closedLoop(16, concurrency, (i) => takeIn(1_000_000 + i));
  const raw = await closedLoop(complaints, concurrency, rawStart);
  // Measured from here: the complaints taken in and acknowledged, not the raw starts' empty workflows.
  const sizesBefore = await storage(superuserUrl, databases, files);
  const takenBefore = references.length;
  const intake = await closedLoop(complaints, concurrency, (i) => takeIn(i));
  await connection.close();

  const measured = references.slice(takenBefore);
  const answers = {};
  const acknowledgement = await closedLoop(measured.length, concurrency, async (i) => {
    const response = await fetch(`${api}/complaints/${measured[i]}/acknowledgement`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ method: 'written' }),
    });
    await response.arrayBuffer();
    answers[response.status] = (answers[response.status] ?? 0) + 1;
    if (response.status !== 200) throw new Error(`acknowledgement answered ${response.status}`);
  });
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const sizesAfter = await storage(superuserUrl, databases, files);
  const perComplaint = Object.fromEntries(
    Object.keys(sizesAfter).map((store) => [
      store,
      (sizesAfter[store] - sizesBefore[store]) / Math.max(1, measured.length),
    ]),
  );
  return { raw, intake, acknowledgement: { ...acknowledgement, statuses: answers }, perComplaint };
}

/** Bytes in each database (pg_database_size) and each file. */
async function storage(superuserUrl, databases, files) {
  const pg = fromInfra('pg');
  const db = new pg.Client({ connectionString: superuserUrl });
  await db.connect();
  try {
    const sizes = {};
    for (const database of databases) {
      const { rows } = await db.query('SELECT pg_database_size($1)::bigint AS bytes', [database]);
      sizes[`Postgres ${database}`] = Number(rows[0].bytes);
    }
    for (const [name, file] of Object.entries(files))
      sizes[name] = [file, `${file}-wal`].reduce(
        (sum, part) => sum + (fs.existsSync(part) ? fs.statSync(part).size : 0),
        0,
      );
    return sizes;
  } finally {
    await db.end();
  }
}

async function post(url, headers, body, status) {
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== status) throw new Error(`POST ${url}: ${response.status} ${text}`);
  return JSON.parse(text);
}

function complaintBody(index) {
  return {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    complainant: {
      name: `Jo Topology ${index}`,
      email: `jo.topology.${index}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Station Road`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `The ward (${index}) lost my belongings.` }],
    outcomeSought: 'An explanation and an apology',
  };
}

const rate = (f) =>
  `${f.perSecond.toFixed(1)}/s  p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  errors ${f.errors} of ${f.count}`;
const statuses = (answers) =>
  Object.entries(answers)
    .map(([status, count]) => `${status} × ${count}`)
    .join(', ');
const kib = (bytes) => (Math.abs(bytes) >= 1024 * 1024 ? mib(bytes) : `${(bytes / 1024).toFixed(1)} KiB`);
