// ADR 0029's two migrations against the real test Postgres, reverted and applied again inside a transaction that
// is rolled back (Postgres DDL is transactional), so the shared database keeps nothing: each down undoes its up,
// and the checks they add refuse what they should.
import type { DataSource, QueryRunner } from 'typeorm';
import { createDataSource } from '../index';
import { Ko41aAndPublication1763859100000 } from '../migrations/1763859100000-ko41a-and-publication';
import { AnnualTrendReview1763859110000 } from '../migrations/1763859110000-annual-trend-review';

let dataSource: DataSource;

beforeAll(async () => {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  dataSource = await createDataSource(url, {
    poolSize: 2,
    applicationName: 'db-ko41a-migration-test',
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

const columns = async (runner: QueryRunner, table: string): Promise<string[]> =>
  (
    (await runner.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [
      table,
    ])) as { column_name: string }[]
  ).map((row) => row.column_name);

it('reverts and reapplies the clinical area and the public wording', async () => {
  const migration = new Ko41aAndPublication1763859100000();
  await inRolledBackTransaction(async (runner) => {
    await migration.down(runner);
    expect(await columns(runner, 'complaint_issue')).not.toContain('clinical_specialty');
    expect(await columns(runner, 'case_action')).not.toContain('public_wording');
    await migration.up(runner);
    expect(await columns(runner, 'complaint_issue')).toContain('clinical_specialty');
    expect(await columns(runner, 'case_action')).toEqual(
      expect.arrayContaining(['public_wording', 'public_wording_approved_by', 'public_wording_approved_at']),
    );
  });
});

it('takes a year as a review period, and only a quarter once reverted', async () => {
  const migration = new AnnualTrendReview1763859110000();
  const organisation = async (runner: QueryRunner) => {
    await runner.query(
      `INSERT INTO organisation (code, name, profile_id, profile_version) VALUES ('T2998', 'Migration test', 'hpft', 1)`,
    );
    await runner.query(
      `INSERT INTO staff_user (id, organisation_code, display_name, email, roles)
       VALUES ('t2998-senior-manager', 'T2998', 'Senior', 'senior@t2998.test', '{senior-manager}')`,
    );
  };
  const insert = (runner: QueryRunner, period: string) =>
    runner.query(
      `INSERT INTO quarterly_review (organisation_code, quarter, reviewed_by, decisions)
       VALUES ('T2998', $1, 't2998-senior-manager', 'test')`,
      [period],
    );
  await inRolledBackTransaction(async (runner) => {
    await organisation(runner);
    await insert(runner, '2098-99');
    await migration.down(runner);
    const [{ n }] = await runner.query(
      `SELECT count(*)::int AS n FROM quarterly_review WHERE quarter = '2098-99'`,
    );
    expect(n).toBe(0);
    await expect(insert(runner, '2098-99')).rejects.toThrow(/quarterly_review_quarter_check/);
  });
  await inRolledBackTransaction(async (runner) => {
    await organisation(runner);
    await expect(insert(runner, '2098-9')).rejects.toThrow(/quarterly_review_quarter_check/);
  });
});
