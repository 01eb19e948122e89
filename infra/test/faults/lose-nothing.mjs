// Faults that lose nothing (issue #16): complaints taken in and acknowledged by written letter while the
// API, the worker and the correspondence worker are SIGKILLed at random moments and restarted, and
// Postgres and the Temporal dev server are each restarted once. Then it waits for the system to settle
// and writes what it found (JSON, to the file named by its first argument) for faults.test.js to judge:
// every 201 in the record, one workflow each, each acknowledgement letter in the inbox once (or
// `unconfirmed`, ADR 0007), no timeline event twice. Prints each fault and when.
//
// Usage: node lose-nothing.mjs <result.json> [complaints=60] [seed=16]
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { Supervisor } from '../../lib/supervisor.mjs';
import { ensureTemporalCli } from '../../lib/tools.mjs';
import { staffToken, startWholeSystem, wholeSystemMode } from '../../lib/whole-system.mjs';

const [resultFile, complaintsArg, seedArg] = process.argv.slice(2);
const COMPLAINTS = Number(complaintsArg ?? 60);
const SEED = Number(seedArg ?? 16);
const CONCURRENCY = 4;
const mode = wholeSystemMode('faults', 22_000);
const supervisor = new Supervisor(path.join(mode.dataDir, 'logs'));
const api = `http://127.0.0.1:${mode.ports['complaints-api']}`;
const started = Date.now();
const at = () => `${((Date.now() - started) / 1000).toFixed(1)}s`.padStart(7);
const say = (message) => process.stdout.write(`[faults ${at()}] ${message}\n`);

// A small seeded generator (mulberry32), so a failing run's schedule can be repeated.
let state = SEED >>> 0;
function random() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const faults = [];
const answers = {}; // status code (or network error) → count, over every attempt
const accepted = new Map(); // Idempotency-Key → reference answered 201
const acknowledged = new Set();
const gaveUp = [];

try {
  const temporalCli = await ensureTemporalCli();
  say('starting the whole system on fresh data');
  const env = await startWholeSystem(supervisor, mode, temporalCli, {
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_INTAKE_PER_MINUTE: '100000',
    OUTBOX_RELAY_INTERVAL_MS: '500',
  });
  const token = staffToken(env, 'hpft-handler');
  say(`system up; ${COMPLAINTS} complaints, concurrency ${CONCURRENCY}, seed ${SEED}`);

  let done = false;
  const load = runLoad(token).finally(() => (done = true));
  await runFaults(() => done);
  await load;
  say(`load finished: ${accepted.size} answered 201, ${acknowledged.size} acknowledged`);

  const result = await settleAndInspect(env, temporalCli);
  fs.writeFileSync(resultFile, JSON.stringify(result, null, 2));
  say('result written');
} catch (error) {
  say(`failed: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await supervisor.stopAll();
}

async function runLoad(token) {
  let next = 0;
  const client = async () => {
    while (next < COMPLAINTS) {
      const index = next++;
      const key = `faults-${SEED}-${index}`;
      const reference = await intake(token, key, index);
      if (!reference) continue;
      if (await acknowledge(token, reference)) acknowledged.add(reference);
      await sleep(100 + random() * 300);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, client));
}

function complaintBody(index) {
  const who = `faults${SEED}x${index}`;
  return {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date()),
    complainant: {
      name: `Sam Patel ${index}`,
      email: `${who}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Mill Lane`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `My appointment was cancelled twice without notice (${who}).` }],
    outcomeSought: 'An explanation',
  };
}

/** One request, retried as a careful client does (same Idempotency-Key) until it gets an answer it can act on. */
async function send(method, url, token, body, headers = {}, accept) {
  const deadline = Date.now() + 120_000;
  for (;;) {
    let status;
    let payload;
    try {
      const response = await fetch(url, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      status = response.status;
      payload = await response.json().catch(() => ({}));
    } catch (error) {
      status = `network (${error.cause?.code ?? error.name})`;
    }
    answers[status] = (answers[status] ?? 0) + 1;
    const verdict = typeof status === 'number' ? accept(status, payload) : undefined;
    if (verdict !== undefined) return verdict;
    if (Date.now() > deadline) {
      gaveUp.push({ method, url, lastStatus: status, detail: payload?.detail });
      return undefined;
    }
    await sleep(300 + random() * 700);
  }
}

async function intake(token, key, index) {
  return send(
    'POST',
    `${api}/complaints`,
    token,
    complaintBody(index),
    { 'Idempotency-Key': key },
    (status, body) => {
      if (status !== 201) return undefined;
      accepted.set(key, body.reference);
      return body.reference;
    },
  );
}

async function acknowledge(token, reference) {
  return send(
    'POST',
    `${api}/complaints/${reference}/acknowledgement`,
    token,
    { method: 'written' },
    {},
    (status, body) => {
      if (status === 200) return true;
      // An earlier attempt was recorded, and its answer lost with the process that gave it.
      if (status === 409 && /already acknowledged/.test(body.detail ?? '')) return true;
      return undefined;
    },
  );
}

/**
 * The faults, in a seeded random order, each at a random point of the load's progress (5–85 % of the
 * requests answered), so every one of them lands while complaints are being taken in and acknowledged.
 */
async function runFaults(loadDone) {
  const kills = ['complaints-api', 'worker', 'correspondence'];
  const names = [...kills, ...kills, 'postgres', 'temporal']
    .map((name) => ({ name, order: random() }))
    .sort((a, b) => a.order - b.order)
    .map(({ name }) => name);
  const points = names.map(() => 0.05 + random() * 0.8).sort((a, b) => a - b);
  const progress = () => (accepted.size + acknowledged.size) / (2 * COMPLAINTS);
  for (const [index, name] of names.entries()) {
    while (progress() < points[index] && !loadDone()) await sleep(100);
    if (loadDone()) say(`(load already finished before ${name})`);
    await watchForExits();
    const clean = name === 'postgres' || name === 'temporal';
    const signal = clean ? 'SIGTERM' : 'SIGKILL';
    say(`${clean ? 'restarting' : 'SIGKILL'} ${name} at ${(progress() * 100).toFixed(0)} % of the load`);
    const begun = Date.now();
    await supervisor.restart(name, signal);
    faults.push({ name, signal, at: at().trim(), downMs: Date.now() - begun });
    say(`${name} back after ${((Date.now() - begun) / 1000).toFixed(1)}s`);
  }
}

/** A process that died on its own (not one of ours) is a finding: recorded, and restarted to go on. */
async function watchForExits() {
  for (const entry of supervisor.children.filter((child) => !child.alive)) {
    say(`${entry.name} exited on its own (${entry.exitCode}); restarting it`);
    faults.push({ name: entry.name, signal: 'exited on its own', at: at().trim(), unplanned: true });
    supervisor.children = supervisor.children.filter((child) => child !== entry);
    await supervisor.start(entry.name, entry.spec);
  }
}

async function settleAndInspect(env, temporalCli) {
  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  const references = [...new Set(accepted.values())];
  say('waiting for every acknowledgement letter to settle');
  // A letter whose correspondence worker was killed mid-send waits out its activity's 2-minute
  // start-to-close timeout before its retry finds it `sending` and records it `unconfirmed`.
  const settleDeadline = Date.now() + 240_000;
  let letters;
  for (;;) {
    await watchForExits();
    letters = (
      await db.query(
        `SELECT complaint_reference AS reference, channel, status, message_id AS "messageId"
           FROM correspondence WHERE template = 'acknowledgement' AND channel = 'email' AND complaint_reference = ANY($1)`,
        [references],
      )
    ).rows;
    const settled = letters.filter((letter) =>
      ['delivered', 'unconfirmed', 'failed'].includes(letter.status),
    );
    if (settled.length >= acknowledged.size || Date.now() > settleDeadline) break;
    await sleep(1_000);
  }
  await sleep(2_000); // the letters' timeline events follow their delivery

  const recorded = (
    await db.query(`SELECT reference, workflow_started_at IS NOT NULL AS started FROM complaint`)
  ).rows;
  const duplicateEvents = (
    await db.query(
      `SELECT c.reference, e.type, count(*)::int AS count
         FROM case_event e JOIN complaint c ON c.id = e.complaint_id
        GROUP BY c.reference, e.type HAVING count(*) > 1`,
    )
  ).rows;
  const acknowledgedEvents = (
    await db.query(
      `SELECT c.reference FROM case_event e JOIN complaint c ON c.id = e.complaint_id WHERE e.type = 'acknowledged'`,
    )
  ).rows.map((row) => row.reference);
  await db.end();

  const inbox = await fetch(`${env.MAIL_INBOX_URL}/email`).then((response) => response.json());
  const inboxCount = {};
  for (const message of inbox)
    inboxCount[message.messageId.replace(/^<|>$/g, '')] =
      (inboxCount[message.messageId.replace(/^<|>$/g, '')] ?? 0) + 1;

  return {
    complaints: COMPLAINTS,
    seed: SEED,
    faults,
    answers,
    gaveUp,
    accepted: references,
    acknowledged: [...acknowledged],
    recorded,
    workflowRuns: workflowRuns(env, temporalCli),
    letters: letters.map((letter) => ({
      ...letter,
      inInbox: inboxCount[letter.messageId.replace(/^<|>$/g, '')] ?? 0,
    })),
    duplicateEvents,
    acknowledgedEvents,
  };
}

/** Every complaintLifecycle run the Temporal server knows, as workflow ID → number of runs. */
function workflowRuns(env, temporalCli) {
  const listed = spawnSync(
    temporalCli,
    [
      'workflow',
      'list',
      '--address',
      env.TEMPORAL_ADDRESS,
      '--query',
      "WorkflowType='complaintLifecycle'",
      '--limit',
      '100000',
      '--output',
      'json',
    ],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  if (listed.status !== 0) throw new Error(`temporal workflow list failed: ${listed.stderr}`);
  const text = listed.stdout.trim();
  const executions = text.startsWith('[')
    ? JSON.parse(text)
    : text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
  const runs = {};
  for (const execution of executions) {
    const id = execution.execution?.workflowId ?? execution.workflowId;
    runs[id] = (runs[id] ?? 0) + 1;
  }
  return runs;
}
