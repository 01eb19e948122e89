// The deadline storm (issue #16): N complaints whose acknowledgement falls due on the same day, so their
// N reminders fire together at 09:00 on the working day before and their N breaches together when the
// day ends. Measured on the time-skipping test server, which jumps to those instants: the API, the
// worker and the correspondence worker run as they do in production, pointed at it, with the real
// Postgres and SMTP server. Each storm is timed from the jump until every reminder (or breach and
// escalation) is in the timeline and every staff email is accepted by the SMTP server; the baseline is
// N plain timers of an empty workflow firing together on the same server.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { staffToken, wholeSystemMode } from '../infra/lib/whole-system.mjs';
import {
  POLL_MS,
  closedLoop,
  eventCount,
  expectStatus,
  fromApi,
  fromDomain,
  fromWorker,
  londonDate,
  ms,
  onTimeSkippingServer,
  report,
  waitFor,
} from './lib.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SDK_MODULES = path.resolve(
  createRequire(path.join(HERE, '..', 'workflows', 'package.json')).resolve(
    '@temporalio/workflow/package.json',
  ),
  '..',
  '..',
  '..',
);

/** Runs the storm with `complaints` deadlines (the issue's figure is 5,000) at `concurrency` for intake. */
export async function stormBenchmark({ complaints, concurrency }) {
  await onTimeSkippingServer(wholeSystemMode('bench-storm', 20_000), (system) =>
    storm(system, complaints, concurrency),
  );
}

async function storm({ env, api, db, connection, clock }, count, concurrency) {
  // N complaints to one trust, received on the same (server) day, so one acknowledgement due date.
  const token = staffToken(env, 'hpft-handler');
  const receivedOn = londonDate(new Date(await clock.now()));
  const intake = await closedLoop(count, concurrency, (i) =>
    expectStatus(
      `${api}/complaints`,
      {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(complaintBody(i, receivedOn)),
      },
      201,
    ),
  );
  const opened = await waitFor(
    () => eventCount(db, 'acknowledgement-clock-started'),
    (n) => n >= count,
    600_000,
  );
  if (opened < count) throw new Error(`only ${opened} of ${count} acknowledgement clocks started`);
  const dues = (
    await db.query(
      `SELECT DISTINCT data->>'due' AS due FROM case_event WHERE type = 'acknowledgement-clock-started'`,
    )
  ).rows.map((row) => row.due);
  if (dues.length !== 1) throw new Error(`expected one due date, got ${dues.join(', ')}`);
  const [due] = dues;
  const domain = fromDomain();
  const calendar = domain.createWorkingDayCalendar();
  const reminderAt =
    domain.startOfLondonDay(domain.workingDayBefore(due, calendar)).getTime() + 9 * 3_600_000;
  const breachAt = domain.endOfLondonDay(due).getTime();

  const reminders = await timeStorm(db, env, () => clock.jumpTo(reminderAt + 1_000), {
    event: 'acknowledgement-reminder-sent',
    template: 'deadline-reminder',
    count,
  });
  const breaches = await timeStorm(db, env, () => clock.jumpTo(breachAt + 1_000), {
    event: 'acknowledgement-breach-escalated',
    template: 'deadline-breach',
    count,
  });
  const timers = await plainTimers({ connection, address: env.TEMPORAL_ADDRESS, count, concurrency, clock });

  report(`a deadline storm: ${count} acknowledgements due ${due} (HPFT), on the time-skipping server`, {
    intake: `${intake.perSecond.toFixed(1)}/s, errors ${intake.errors}`,
    'reminders (09:00 the day before)': `${ms(reminders.ms)}  (${reminders.events} recorded, ${reminders.emails} emails accepted)`,
    'reminders: where the time went': steps(reminders.at),
    'breaches (the day ends)': `${ms(breaches.ms)}  (${breaches.events} escalated, ${breaches.emails} emails accepted)`,
    'breaches: where the time went': steps(breaches.at),
    [`baseline: ${count} plain timers`]: ms(timers),
    'ratio reminders (target <= 2)': (reminders.ms / timers).toFixed(2),
    'ratio breaches (target <= 2)': (breaches.ms / timers).toFixed(2),
  });
}

/** Jumps the clock, then waits until `count` events are recorded and their staff emails accepted. */
async function timeStorm(db, env, jump, { event, template, count }) {
  const started = performance.now();
  await jump();
  // Where the time goes: when the clock had jumped, every email was written (rendered and stored), every
  // one was accepted by the SMTP server, and every event was recorded, from the jump's start.
  const at = { jumped: performance.now() - started };
  // Each notice goes to the complaint's handler or, with none allocated yet, to every complaints manager.
  const done = async () => {
    const [{ items, sent }] = (
      await db.query(
        `SELECT count(*)::int AS items, (count(*) FILTER (WHERE status IN ('sent', 'delivered')))::int AS sent
           FROM correspondence WHERE template = $1`,
        [template],
      )
    ).rows;
    const events = await eventCount(db, event);
    const now = performance.now() - started;
    if (items >= count) at.written ??= now;
    if (sent >= count) at.sent ??= now;
    if (events >= count) at.recorded ??= now;
    return { events, items, sent };
  };
  const finished = ({ events, items, sent }) => events >= count && items >= count && sent === items;
  const figures = await waitFor(done, finished, 1_800_000);
  const elapsed = performance.now() - started;
  if (!finished(figures))
    throw new Error(
      `${event}: ${figures.events} of ${count} recorded, ${figures.sent} of ${figures.items} emails sent`,
    );
  // `sent` is recorded after the SMTP server accepted the message: each one is in the mail catcher.
  const ids = new Set(
    (
      await db.query(
        `SELECT message_id FROM correspondence WHERE template = $1 AND status IN ('sent', 'delivered')`,
        [template],
      )
    ).rows.map((row) => row.message_id.replace(/[<>]/g, '')),
  );
  const inbox = await (await fetch(`${env.MAIL_INBOX_URL}/email`)).json();
  const accepted = inbox.filter((mail) => ids.has(String(mail.messageId ?? '').replace(/[<>]/g, ''))).length;
  if (accepted < ids.size)
    throw new Error(`${template}: ${accepted} of ${ids.size} emails in the mail catcher`);
  return { ms: elapsed, events: figures.events, emails: accepted, at };
}

/** The storm's milestones, from the jump's start. */
function steps({ jumped, written, sent, recorded }) {
  return `clock jumped ${ms(jumped)}, all emails written ${ms(written)}, sent ${ms(sent)}, all events ${ms(recorded)}`;
}

/** N empty workflows each waiting on one timer to the same instant; the time from the jump until all end. */
async function plainTimers({ connection, address, count, concurrency, clock }) {
  const { Client } = fromApi('@temporalio/client');
  const { DefaultLogger, NativeConnection, Runtime, Worker } = fromWorker('@temporalio/worker');
  // The baseline's worker lives in this process; its per-task warnings would bury the figures.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const taskQueue = `bench-timers-${randomUUID()}`;
  const nativeConnection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowsPath: path.join(HERE, 'plain-timer.workflow.cjs'),
    // bench/ is no package: the bundle finds the SDK's workflow library where the workflows package does.
    bundlerOptions: {
      webpackConfigHook: (config) => ({
        ...config,
        resolve: {
          ...config.resolve,
          modules: [...(config.resolve?.modules ?? ['node_modules']), SDK_MODULES],
        },
      }),
    },
  });
  const client = new Client({ connection });
  const running = worker.run();
  try {
    const at = (await clock.now()) + 86_400_000;
    const ids = Array.from({ length: count }, (_, i) => `plain-timer-${i}-${randomUUID()}`);
    await closedLoop(count, concurrency, (i) =>
      client.workflow.start('plainTimer', { taskQueue, workflowId: ids[i], args: [at] }),
    );
    // Every timer started (the workflow's first task done) before the clock moves.
    await closedLoop(count, concurrency, async (i) => {
      for (;;) {
        const { raw } = await client.workflow.getHandle(ids[i]).describe();
        if (Number(raw.workflowExecutionInfo?.historyLength ?? 0) >= 5) return;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    });
    const started = performance.now();
    await clock.jumpTo(at + 1_000);
    const ended = await closedLoop(count, concurrency, (i) => client.workflow.getHandle(ids[i]).result());
    if (ended.errors > 0) throw new Error(`${ended.errors} plain timers did not end`);
    return performance.now() - started;
  } finally {
    worker.shutdown();
    await running;
    await nativeConnection.close();
  }
}

function complaintBody(index, receivedOn) {
  return {
    organisation: 'HPFT',
    kind: 'complaint',
    channel: 'email',
    receivedOn,
    complainant: {
      name: `Jo Storm ${index}`,
      email: `jo.storm.${index}@example.org`,
      relationship: 'patient',
      address: { lines: [`${index} Station Road`, 'Hatfield'], postcode: 'AL10 8YE' },
    },
    replyChannels: ['email'],
    issues: [{ description: `The discharge letter did not reach my GP (${index}).` }],
    outcomeSought: 'An explanation and an apology',
  };
}
