// The schema against the real test Postgres (DATABASE_URL, migrated by the test command): migrations applied and
// matching the entities, the append-only case timeline, the idempotent demo seed and the snake_case naming.
import { randomInt } from 'node:crypto';
import type { DataSource, QueryRunner } from 'typeorm';
import { PROFILE_IDS, STAFF_ROLES } from '@complaints/domain';
import {
  CaseEvent,
  Complaint,
  ComplaintParty,
  createDataSource,
  DEMO_ORGANISATIONS,
  DEMO_STAFF,
  ENTITIES,
  MIGRATIONS,
  seedDemoData,
  SnakeNamingStrategy,
  StaffUser,
  DEMO_PARTNER_USERS,
  HERTFORDSHIRE_MEMBERS,
} from '../index';

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  return url;
}

const demoCodes = DEMO_ORGANISATIONS.map((organisation) => organisation.code);
const demoStaffIds = DEMO_STAFF.map((user) => user.id);

let dataSource: DataSource;

beforeAll(async () => {
  dataSource = await createDataSource(databaseUrl(), {
    poolSize: 4,
    applicationName: 'db-schema-test',
  }).initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
});

/** Runs `work` in a transaction that is always rolled back, so the shared database keeps nothing. */
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

/** Runs one statement under a savepoint and returns the error it raised (the transaction stays usable). */
async function errorOf(runner: QueryRunner, sql: string, parameters: unknown[]): Promise<Error | null> {
  await runner.query('SAVEPOINT attempt');
  try {
    await runner.query(sql, parameters);
    await runner.query('RELEASE SAVEPOINT attempt');
    return null;
  } catch (error) {
    await runner.query('ROLLBACK TO SAVEPOINT attempt');
    return error as Error;
  }
}

function testReference(): string {
  return `HPFT-2098-${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
}

describe('migrations', () => {
  it('are all applied: nothing is pending and the migrations table lists each one', async () => {
    await expect(dataSource.showMigrations()).resolves.toBe(false);
    const applied: { name: string }[] = await dataSource.query(
      'SELECT name FROM schema_migrations ORDER BY timestamp',
    );
    expect(applied.map((row) => row.name)).toEqual(MIGRATIONS.map((migration) => new migration().name));
  });

  it('create a table for every entity, with every mapped column and its nullability', async () => {
    const columns: { table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }[] =
      await dataSource.query(
        `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
      );
    const actual = new Map(
      columns.map((column) => [`${column.table_name}.${column.column_name}`, column.is_nullable === 'YES']),
    );
    expect(ENTITIES).toHaveLength(42);
    for (const entity of ENTITIES) {
      const metadata = dataSource.getMetadata(entity);
      // Join columns of relations: existence only. The @ManyToOne relations do not declare `nullable: false`
      // while the migration makes complaint_id NOT NULL (reported drift), so their nullability is not compared.
      const expected = metadata.columns.map((column) => ({
        column: `${metadata.tableName}.${column.databaseName}`,
        nullable: column.relationMetadata ? expect.any(Boolean) : column.isNullable,
      }));
      const found = expected.map(({ column }) => ({ column, nullable: actual.get(column) }));
      expect(found).toEqual(expected);
    }
  });
});

describe('the case timeline (case_event)', () => {
  it('is append-only: an event can be inserted, but UPDATE and DELETE are refused by the trigger', async () => {
    await seedDemoData(dataSource);
    await inRolledBackTransaction(async (runner) => {
      const reference = testReference();
      await runner.manager.insert(Complaint, {
        reference,
        organisationCode: 'HPFT',
        kind: 'complaint',
        channel: 'email',
        receivedOn: '2098-03-02',
        profileId: 'hpft',
        profileVersion: 1,
        stage: 'received',
        createdBy: 'schema-test',
      });
      const complaint = await runner.manager.findOneByOrFail(Complaint, { reference });
      await runner.manager.insert(CaseEvent, {
        complaintId: complaint.id,
        occurredAt: new Date('2098-03-02T10:00:00Z'),
        actorType: 'system',
        actorId: 'schema-test',
        type: 'received',
        rule: 'R-INT-1',
      });
      const [event]: { id: string; type: string; data: unknown }[] = await runner.query(
        'SELECT id, type, data FROM case_event WHERE complaint_id = $1',
        [complaint.id],
      );
      expect(event).toMatchObject({ type: 'received', data: {} });

      const update = await errorOf(runner, `UPDATE case_event SET type = 'tampered' WHERE id = $1`, [
        event.id,
      ]);
      expect(update?.message).toMatch(/append-only/);
      const remove = await errorOf(runner, 'DELETE FROM case_event WHERE id = $1', [event.id]);
      expect(remove?.message).toMatch(/append-only/);

      const after: { type: string }[] = await runner.query(
        'SELECT type FROM case_event WHERE complaint_id = $1',
        [complaint.id],
      );
      expect(after).toEqual([{ type: 'received' }]);
    });
  });
});

describe("the Responsible Person's delegations (sign_off_delegation, R-RESP-2)", () => {
  it('R-RESP-2: refuses a delegation ending before it starts, to the one who delegates, or ended by nobody', async () => {
    await inRolledBackTransaction(async (runner) => {
      const insert = (delegate: string, startsOn: string, endsOn: string, endedAt: Date | null) =>
        errorOf(
          runner,
          `INSERT INTO sign_off_delegation
             (organisation_code, delegated_by, delegate_id, function, starts_on, ends_on, recorded_by, ended_at)
           VALUES ('HPFT', 'hpft-responsible-person', $1, 'final-response-sign-off', $2, $3, 'hpft-responsible-person', $4)`,
          [delegate, startsOn, endsOn, endedAt],
        );
      expect(await insert('hpft-senior-manager', '2026-12-01', '2026-12-14', null)).toBeNull();
      expect((await insert('hpft-senior-manager', '2026-12-14', '2026-12-01', null))?.message).toMatch(
        /check/,
      );
      expect((await insert('hpft-responsible-person', '2026-12-01', '2026-12-14', null))?.message).toMatch(
        /check/,
      );
      expect((await insert('hpft-senior-manager', '2026-12-01', '2026-12-14', new Date()))?.message).toMatch(
        /check/,
      );
    });
  });
});

describe('seedDemoData', () => {
  async function snapshot() {
    const organisations: { code: string; profile_id: string; created_at: Date }[] = await dataSource.query(
      'SELECT code, profile_id, created_at FROM organisation WHERE code = ANY($1) ORDER BY code',
      [demoCodes],
    );
    const staff: { id: string; organisation_code: string; roles: string[]; created_at: Date }[] =
      await dataSource.query(
        'SELECT id, organisation_code, roles, created_at FROM staff_user WHERE id = ANY($1) ORDER BY id',
        [demoStaffIds],
      );
    return { organisations, staff };
  }

  it('is idempotent: a second run (and two at once) changes nothing it already inserted', async () => {
    await seedDemoData(dataSource);
    const first = await snapshot();
    await seedDemoData(dataSource);
    await Promise.all([seedDemoData(dataSource), seedDemoData(dataSource)]);
    const second = await snapshot();

    expect(first.organisations).toHaveLength(5);
    expect(first.staff).toHaveLength(DEMO_ORGANISATIONS.length * 6);
    // Same rows, same creation instants: nothing was deleted and inserted again.
    expect(second).toEqual(first);
  });

  it('gives one organisation per policy profile, and the ICB on the PHSO model, each with a user for every role of procedure §7', async () => {
    await seedDemoData(dataSource);
    const { organisations } = await snapshot();
    expect([...new Set(organisations.map((organisation) => organisation.profile_id))].sort()).toEqual(
      [...PROFILE_IDS].sort(),
    );
    expect(Object.fromEntries(organisations.map((o) => [o.code, o.profile_id]))).toEqual({
      CWTH: 'cwth',
      HPFT: 'hpft',
      HWEICB: 'phso-model',
      ITRUST: 'itrust',
      NCT: 'phso-model',
    });

    const coverage: { code: string; role: string; users: string }[] = await dataSource.query(
      `SELECT o.code, r.role, count(s.id) AS users
         FROM organisation o
         CROSS JOIN unnest($2::text[]) AS r(role)
         LEFT JOIN staff_user s ON s.organisation_code = o.code AND r.role = ANY(s.roles) AND s.id = ANY($3)
        WHERE o.code = ANY($1)
        GROUP BY o.code, r.role`,
      [demoCodes, [...STAFF_ROLES], demoStaffIds],
    );
    expect(coverage).toHaveLength(DEMO_ORGANISATIONS.length * STAFF_ROLES.length);
    expect(coverage.filter((row) => Number(row.users) < 1)).toEqual([]);

    const hpftHandler = await dataSource
      .getRepository(StaffUser)
      .findOneByOrFail({ email: 'handler@hpft.demo' });
    expect(hpftHandler).toMatchObject({ organisationCode: 'HPFT', roles: ['handler'] });
  });

  it('seeds the Hertfordshire Joint Protocol: its members, POhWER only signposted, and partner users (procedure §6)', async () => {
    await seedDemoData(dataSource);
    await seedDemoData(dataSource);
    const members: { code: string; care: string; takes_part: boolean; organisation_code: string | null }[] =
      await dataSource.query(
        `SELECT code, care, takes_part, organisation_code FROM partner_organisation
          WHERE protocol_code = 'hertfordshire' ORDER BY code`,
      );
    expect(members.map((m) => m.code)).toEqual(HERTFORDSHIRE_MEMBERS.map((m) => m.code).sort());
    expect(members.filter((m) => !m.takes_part).map((m) => m.code)).toEqual(['POHWER']);
    expect(members.filter((m) => m.care === 'social-care').map((m) => m.code)).toEqual(['HCCACS']);
    expect(members.find((m) => m.code === 'HPFT')?.organisation_code).toBe('HPFT');
    expect(members.find((m) => m.code === 'HWEICB')?.organisation_code).toBe('HWEICB');

    const partnerUsers: { partner_code: string; role: string }[] = await dataSource.query(
      `SELECT partner_code, role FROM partner_user WHERE id = ANY($1) ORDER BY partner_code, role`,
      [DEMO_PARTNER_USERS.map((user) => user.id)],
    );
    expect(partnerUsers).toEqual([
      { partner_code: 'ENHT', role: 'complaints-manager' },
      { partner_code: 'ENHT', role: 'deputy' },
      { partner_code: 'HCCACS', role: 'complaints-manager' },
      { partner_code: 'HCCACS', role: 'deputy' },
      { partner_code: 'HPFT', role: 'complaints-manager' },
      { partner_code: 'HPFT', role: 'deputy' },
    ]);
  });
});

describe('SnakeNamingStrategy', () => {
  it('maps class and property names in camelCase to snake_case', () => {
    const naming = new SnakeNamingStrategy();
    expect(naming.tableName('CaseEvent', undefined)).toBe('case_event');
    expect(naming.tableName('CaseEvent', 'custom_name')).toBe('custom_name');
    expect(naming.columnName('dateOfReceipt', undefined, [])).toBe('date_of_receipt');
    expect(naming.columnName('line1', undefined, ['postalAddress'])).toBe('postal_address_line1');
    expect(naming.columnName('anything', 'givenName', [])).toBe('given_name');
    expect(naming.joinColumnName('complaint', 'id')).toBe('complaint_id');
  });

  it('is what the data source maps the entities with', () => {
    expect(dataSource.getMetadata(StaffUser).tableName).toBe('staff_user');
    expect(dataSource.getMetadata(ComplaintParty).tableName).toBe('complaint_party');
    const complaint = dataSource.getMetadata(Complaint);
    expect(complaint.findColumnWithPropertyName('organisationCode')?.databaseName).toBe('organisation_code');
    expect(complaint.findColumnWithPropertyName('nextDeadline')?.databaseName).toBe('next_deadline');
    expect(complaint.findColumnWithPropertyName('workflowStartedAt')?.databaseName).toBe(
      'workflow_started_at',
    );
    const party = dataSource.getMetadata(ComplaintParty);
    expect(
      party.findRelationWithPropertyPath('complaint')?.joinColumns.map((column) => column.databaseName),
    ).toEqual(['complaint_id']);
  });

  it('round-trips camelCase properties through snake_case columns', async () => {
    await seedDemoData(dataSource);
    await inRolledBackTransaction(async (runner) => {
      const reference = testReference();
      await runner.manager.insert(Complaint, {
        reference,
        organisationCode: 'HPFT',
        kind: 'complaint',
        channel: 'letter',
        receivedOn: '2098-05-04',
        becameAwareOn: '2098-04-30',
        profileId: 'hpft',
        profileVersion: 1,
        stage: 'received',
        replyChannels: ['letter'],
        nextDeadline: '2098-05-07',
        createdBy: 'schema-test',
      });
      const [row] = await runner.query(
        `SELECT received_on::text, became_aware_on::text, next_deadline::text, reply_channels, organisation_code FROM complaint WHERE reference = $1`,
        [reference],
      );
      expect(row).toEqual({
        received_on: '2098-05-04',
        became_aware_on: '2098-04-30',
        next_deadline: '2098-05-07',
        reply_channels: ['letter'],
        organisation_code: 'HPFT',
      });
    });
  });
});
