// ADR 0013 against the real test Postgres: the schema lets a case file's rows go only inside the sanctioned
// disposal (dispose_case_file), and keeps the stub, the certificate and legal holds as they are. Each case
// runs in a transaction that is rolled back.
import { randomInt } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource, seedDemoData } from '../index';

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await createDataSource(process.env.DATABASE_URL!, { poolSize: 2 }).initialize();
  await seedDemoData(dataSource);
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

/** The error one statement raised, under a savepoint so the transaction goes on. */
async function refusal(runner: QueryRunner, sql: string, parameters: unknown[] = []): Promise<string | null> {
  await runner.query('SAVEPOINT attempt');
  try {
    await runner.query(sql, parameters);
    await runner.query('RELEASE SAVEPOINT attempt');
    return null;
  } catch (error) {
    await runner.query('ROLLBACK TO SAVEPOINT attempt');
    return (error as Error).message;
  }
}

/** A closed complaint with a timeline event and a final response version, found due for disposal. */
async function dueCaseFile(runner: QueryRunner) {
  const reference = `HPFT-2097-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const [{ id }] = await runner.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
       stage, closed_at, created_by)
     VALUES ($1, 'HPFT', 'complaint', 'email', '2000-01-01', 'hpft', 1, 'closed', '2000-06-01', 'disposal-test')
     RETURNING id`,
    [reference],
  );
  await runner.query(
    `INSERT INTO complaint_party (complaint_id, role, name) VALUES ($1, 'complainant', 'Sam Quill')`,
    [id],
  );
  await runner.query(
    `INSERT INTO case_event (complaint_id, occurred_at, actor_type, actor_id, type) VALUES ($1, now(), 'system', 't', 'received')`,
    [id],
  );
  await runner.query(
    `INSERT INTO final_response_draft (complaint_reference, version, content, created_by) VALUES ($1, 1, '{}', 't')`,
    [reference],
  );
  await runner.query(
    `INSERT INTO case_file_disposal (complaint_reference, organisation_code, record_class, rule, retention_years,
       closed_on, due_on, found_by)
     VALUES ($1, 'HPFT', 'complaint-case-file', 'complaint-case-file: 10 years after closure', 10, '2000-06-01', '2010-06-01', 'test')`,
    [reference],
  );
  return { reference, id };
}

it('an ordinary DELETE or UPDATE of the timeline, a final response or a certificate is refused, even with the setting the disposal uses', async () => {
  await inRolledBackTransaction(async (runner) => {
    const { reference, id } = await dueCaseFile(runner);
    expect(await refusal(runner, 'DELETE FROM case_event WHERE complaint_id = $1', [id])).toMatch(
      /append-only/,
    );
    expect(await refusal(runner, `UPDATE case_event SET type = 'x' WHERE complaint_id = $1`, [id])).toMatch(
      /append-only/,
    );
    expect(
      await refusal(runner, 'DELETE FROM final_response_draft WHERE complaint_reference = $1', [reference]),
    ).toMatch(/kept until its case file is disposed of/);
    expect(
      await refusal(runner, 'DELETE FROM case_file_disposal WHERE complaint_reference = $1', [reference]),
    ).toMatch(/never changed or removed/);
    expect(
      await refusal(
        runner,
        `UPDATE case_file_disposal SET due_on = '2001-01-01' WHERE complaint_reference = $1`,
        [reference],
      ),
    ).toMatch(/never changed or removed/);
    // The transaction-local marker the disposal sets, set by hand, lets nothing go either.
    await runner.query(`SELECT set_config('complaints.case_file_disposal', $1, true)`, [reference]);
    expect(await refusal(runner, 'DELETE FROM case_event WHERE complaint_id = $1', [id])).toMatch(
      /append-only/,
    );
    expect(
      await refusal(runner, 'DELETE FROM final_response_draft WHERE complaint_reference = $1', [reference]),
    ).toMatch(/kept until/);
    expect(await refusal(runner, `UPDATE case_event SET type = 'x' WHERE complaint_id = $1`, [id])).toMatch(
      /append-only/,
    );
    await runner.query(`SELECT set_config('complaints.case_file_disposal', '', true)`);
    const [{ n }] = await runner.query('SELECT count(*)::int AS n FROM case_event WHERE complaint_id = $1', [
      id,
    ]);
    expect(n).toBe(1);
  });
});

it('a case file that is not due, or is under a legal hold, is not disposed of; a hold is only ever lifted', async () => {
  await inRolledBackTransaction(async (runner) => {
    const { reference, id } = await dueCaseFile(runner);
    const [hold] = await runner.query(
      `INSERT INTO legal_hold (complaint_reference, reason, placed_by) VALUES ($1, 'claim', 'm') RETURNING id`,
      [reference],
    );
    expect(await refusal(runner, `SELECT dispose_case_file($1, 'm')`, [reference])).toMatch(
      /under a legal hold/,
    );
    expect(await refusal(runner, 'DELETE FROM legal_hold WHERE id = $1', [hold.id])).toMatch(
      /only ever lifted/,
    );
    expect(await refusal(runner, `UPDATE legal_hold SET reason = 'other' WHERE id = $1`, [hold.id])).toMatch(
      /only ever lifted/,
    );
    await runner.query(
      `UPDATE legal_hold SET lift_reason = 'settled', lifted_by = 'm', lifted_at = now() WHERE id = $1`,
      [hold.id],
    );
    expect(
      await refusal(runner, `UPDATE legal_hold SET lift_reason = 'again' WHERE id = $1`, [hold.id]),
    ).toMatch(/only ever lifted/);

    const [other] = await runner.query(
      `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
         stage, created_by) VALUES ($1, 'HPFT', 'complaint', 'email', '2000-01-01', 'hpft', 1, 'closed', 't') RETURNING id`,
      [`${reference}N`],
    );
    expect(other.id).toBeDefined();
    expect(await refusal(runner, `SELECT dispose_case_file($1, 'm')`, [`${reference}N`])).toMatch(/not due/);

    const [{ erased }] = await runner.query(`SELECT dispose_case_file($1, 'm') AS erased`, [reference]);
    expect(erased).toMatchObject({ parties: 1, timelineEvents: 1, finalResponseVersions: 1 });
    const [{ n }] = await runner.query('SELECT count(*)::int AS n FROM case_event WHERE complaint_id = $1', [
      id,
    ]);
    expect(n).toBe(0);
  });
});

it('the stub a disposal leaves is never changed or removed, and the certificate never changes', async () => {
  await inRolledBackTransaction(async (runner) => {
    const { reference } = await dueCaseFile(runner);
    await runner.query(`SELECT dispose_case_file($1, 'hpft-complaints-manager')`, [reference]);
    expect(
      await refusal(runner, `UPDATE complaint SET outcome_sought = 'x' WHERE reference = $1`, [reference]),
    ).toMatch(/statistical stub is kept/);
    expect(await refusal(runner, 'DELETE FROM complaint WHERE reference = $1', [reference])).toMatch(
      /statistical stub is kept/,
    );
    expect(
      await refusal(
        runner,
        `UPDATE case_file_disposal SET approved_by = 'x' WHERE complaint_reference = $1`,
        [reference],
      ),
    ).toMatch(/never changed or removed/);
    const [certificate] = await runner.query(
      'SELECT status, approved_by, disposed_at FROM case_file_disposal WHERE complaint_reference = $1',
      [reference],
    );
    expect(certificate).toMatchObject({ status: 'disposed', approved_by: 'hpft-complaints-manager' });
    // Disposing again changes nothing and answers what was erased.
    const [{ erased }] = await runner.query(`SELECT dispose_case_file($1, 'someone-else') AS erased`, [
      reference,
    ]);
    expect(erased).toMatchObject({ parties: 1 });
  });
});

it('learning and the action plan are kept until disposal, and erased with the case file (ADR 0024)', async () => {
  await inRolledBackTransaction(async (runner) => {
    const { reference } = await dueCaseFile(runner);
    const [point] = await runner.query(
      `INSERT INTO learning_point (complaint_reference, learning, recorded_by) VALUES ($1, 'told late', 'm') RETURNING id`,
      [reference],
    );
    await runner.query(
      `INSERT INTO case_action (complaint_reference, action_key, source, learning_point_id, description, owner_id, due, created_by)
       VALUES ($1, 'learning-1', 'learning', $2, 'brief the team', 'hpft-handler', '2000-02-01', 'm')`,
      [reference, point.id],
    );
    expect(
      await refusal(runner, 'DELETE FROM case_action WHERE complaint_reference = $1', [reference]),
    ).toMatch(/kept until/);
    expect(
      await refusal(runner, `UPDATE case_action SET status = 'done' WHERE complaint_reference = $1`, [
        reference,
      ]),
    ).toMatch(/violates check constraint/);
    const [{ erased }] = await runner.query(`SELECT dispose_case_file($1, 'm') AS erased`, [reference]);
    expect(erased).toMatchObject({ actions: 1, learningPoints: 1 });
    const [{ n }] = await runner.query(
      `SELECT (SELECT count(*) FROM case_action WHERE complaint_reference = $1)
            + (SELECT count(*) FROM learning_point WHERE complaint_reference = $1) AS n`,
      [reference],
    );
    expect(Number(n)).toBe(0);
  });
});
