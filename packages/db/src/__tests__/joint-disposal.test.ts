// ADR 0019 with ADR 0013, on the real test Postgres: a joint case's records (the partners' contributions,
// decisions, variations, meetings, conflicts, disagreements, learning, notifications), the joint case, its
// members and its access links go only with their case file, through dispose_case_file(). Rolled back.
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

const JOINT_TABLES = [
  'joint_contribution',
  'joint_draft_decision',
  'joint_variation',
  'joint_coordination',
  'joint_conflict',
  'joint_disagreement',
  'joint_learning',
  'joint_notification',
];

/** A closed HPFT complaint due for disposal, made joint with the council, with one row in every joint table. */
async function dueJointCaseFile(runner: QueryRunner) {
  const reference = `HPFT-2096-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const [{ id }] = await runner.query(
    `INSERT INTO complaint (reference, organisation_code, kind, channel, received_on, profile_id, profile_version,
       stage, closed_at, created_by)
     VALUES ($1, 'HPFT', 'complaint', 'email', '2000-01-01', 'hpft', 1, 'closed', '2000-06-01', 'disposal-test')
     RETURNING id`,
    [reference],
  );
  const [jointCase] = await runner.query(
    `INSERT INTO joint_case (complaint_id, protocol_code, lead_code, received_by_code, lead_received_on, lead_decision, decided_by)
     SELECT $1, protocol_code, 'HPFT', 'HPFT', '2000-01-01', '{"decisive":["primary-focus"],"reasons":"r"}', 't'
     FROM partner_organisation WHERE code = 'HPFT' RETURNING id`,
    [id],
  );
  const j = jointCase.id as string;
  await runner.query(
    `INSERT INTO joint_case_partner (joint_case_id, partner_code, role) VALUES ($1, 'HPFT', 'lead'), ($1, 'HCCACS', 'partner')`,
    [j],
  );
  const [link] = await runner.query(
    `INSERT INTO access_link (token_hash, purpose, complaint_id, partner_code, single_use, issued_by, expires_at)
     VALUES (sha256(random()::text::bytea), 'partner-case', $1, 'HCCACS', true, 't', now() + interval '1 day') RETURNING id`,
    [id],
  );
  await runner.query(
    `INSERT INTO joint_contribution (joint_case_id, partner_code, version, body, submitted_by) VALUES ($1, 'HCCACS', 1, 'Our part.', 'u')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_draft_decision (joint_case_id, partner_code, draft_version, decision, decided_by) VALUES ($1, 'HCCACS', 1, 'approved', 'u')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_variation (joint_case_id, partner_code, kind, reasons, recorded_by) VALUES ($1, 'HCCACS', 'variation', 'r', 'u')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_coordination (joint_case_id, held_on, kind, notes, recorded_by) VALUES ($1, '2000-01-05', 'call', 'n', 's')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_conflict (joint_case_id, between_codes, description, flagged_by) VALUES ($1, '{HPFT,HCCACS}', 'd', 's')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_disagreement (joint_case_id, raised_by_code, with_codes, matter, raised_by) VALUES ($1, 'HCCACS', '{HPFT}', 'm', 'u')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_learning (joint_case_id, organisation_code, learning, recorded_by) VALUES ($1, 'HCCACS', 'l', 'u')`,
    [j],
  );
  await runner.query(
    `INSERT INTO joint_notification (joint_case_id, partner_code, step, notice, sent_to, status, access_link_id)
     VALUES ($1, 'HCCACS', 'opened-HCCACS', 'joint-case-opened', 'complaints-manager', 'sent', $2)`,
    [j, link.id],
  );
  await runner.query(
    `INSERT INTO case_file_disposal (complaint_reference, organisation_code, record_class, rule, retention_years, closed_on, due_on, found_by)
     VALUES ($1, 'HPFT', 'complaint', 'r', 10, '2000-06-01', '2010-06-01', 'test')`,
    [reference],
  );
  return { reference, id, jointCaseId: j };
}

const count = async (runner: QueryRunner, sql: string, parameters: unknown[]) =>
  ((await runner.query(sql, parameters)) as { n: number }[])[0].n;

it('a joint case file keeps every joint record until dispose_case_file() erases them all, with the joint case and its links', async () => {
  await inRolledBackTransaction(async (runner) => {
    const { reference, id, jointCaseId } = await dueJointCaseFile(runner);
    for (const table of JOINT_TABLES)
      expect(await refusal(runner, `DELETE FROM ${table} WHERE joint_case_id = $1`, [jointCaseId])).toMatch(
        /kept until its case file is disposed of/,
      );

    const [{ erased }] = await runner.query(`SELECT dispose_case_file($1, 'm') AS erased`, [reference]);
    expect(erased).toMatchObject({ jointContributions: 1, jointCases: 1, accessLinks: 1 });
    for (const table of JOINT_TABLES)
      expect(
        await count(runner, `SELECT count(*)::int AS n FROM ${table} WHERE joint_case_id = $1`, [
          jointCaseId,
        ]),
      ).toBe(0);
    expect(
      await count(runner, 'SELECT count(*)::int AS n FROM joint_case_partner WHERE joint_case_id = $1', [
        jointCaseId,
      ]),
    ).toBe(0);
    expect(
      await count(runner, 'SELECT count(*)::int AS n FROM joint_case WHERE complaint_id = $1', [id]),
    ).toBe(0);
    expect(
      await count(runner, 'SELECT count(*)::int AS n FROM access_link WHERE complaint_id = $1', [id]),
    ).toBe(0);
  });
});
