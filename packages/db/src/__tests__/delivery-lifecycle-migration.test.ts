// The data migration of ADR 0007 against the real test Postgres: items recorded with the old statuses are moved
// onto the delivery lifecycle, with a history from their timestamps. Run inside a transaction that is rolled
// back (Postgres DDL is transactional), so the shared database keeps nothing.
import { randomInt } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../index';
import { DeliveryLifecycle1763856800000 } from '../migrations/1763856800000-delivery-lifecycle';

let dataSource: DataSource;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  dataSource = await createDataSource(url, {
    poolSize: 2,
    applicationName: 'db-migration-test',
  }).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
});

async function inRolledBackTransaction(work: (runner: QueryRunner) => Promise<void>): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  try {
    await work(runner);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

const CREATED = '2098-03-02T09:00:00.000Z';
const UPDATED = '2098-03-02T09:05:00.000Z';
const SENT = '2098-03-02T09:01:00.000Z';

it('moves pending and to-print items onto the lifecycle with their history, and refuses the old statuses after', async () => {
  const migration = new DeliveryLifecycle1763856800000();
  const reference = `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  await inRolledBackTransaction(async (runner) => {
    await migration.down(runner);
    const insert = (
      key: string,
      channel: string,
      status: string,
      sentAt: string | null,
      lastError: string | null,
    ) =>
      runner.query(
        `INSERT INTO correspondence (idempotency_key, complaint_reference, template, template_version, channel,
           audience, recipient, subject, html, text, status, message_id, attempts, last_error, sent_at,
           created_at, updated_at)
         VALUES ($1, $2, 'acknowledgement', 1, $3, 'complainant', 'r', 's', '<p>h</p>', 't', $4, '<m@t>', 1, $5,
           $6, $7, $8)`,
        [`${reference}:${key}`, reference, channel, status, lastError, sentAt, CREATED, UPDATED],
      );
    await insert('pending:email', 'email', 'pending', null, 'SMTP delivery failed (ECONNECTION)');
    await insert('to-print:letter', 'letter', 'to-print', null, null);
    await insert('sent:email', 'email', 'sent', SENT, null);
    await insert('failed:email', 'email', 'failed', null, 'SMTP delivery failed (EENVELOPE 550)');

    await migration.up(runner);

    const rows: { key: string; status: string; sent_at: Date | null; history: unknown[] }[] =
      await runner.query(
        `SELECT substring(idempotency_key from length($1) + 2) AS key, status, sent_at, history
       FROM correspondence WHERE complaint_reference = $1 ORDER BY idempotency_key`,
        [reference],
      );
    const drafted = { status: 'drafted', at: CREATED };
    expect(rows.map(({ key, status, sent_at, history }) => ({ key, status, sent_at, history }))).toEqual([
      {
        key: 'failed:email',
        status: 'failed',
        sent_at: null,
        history: [drafted, { status: 'failed', at: UPDATED, reason: 'SMTP delivery failed (EENVELOPE 550)' }],
      },
      { key: 'pending:email', status: 'drafted', sent_at: null, history: [drafted] },
      {
        key: 'sent:email',
        status: 'sent',
        sent_at: new Date(SENT),
        history: [drafted, { status: 'sent', at: SENT }],
      },
      {
        key: 'to-print:letter',
        status: 'sent',
        sent_at: new Date(UPDATED),
        history: [drafted, { status: 'sent', at: UPDATED }],
      },
    ]);
    await expect(
      runner.query(`UPDATE correspondence SET status = 'to-print' WHERE complaint_reference = $1`, [
        reference,
      ]),
    ).rejects.toThrow(/correspondence_status/);
  });
});
