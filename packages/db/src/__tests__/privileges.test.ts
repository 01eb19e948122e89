// Each service's own database role (docs/adr/0015-database-roles.md), against the real test Postgres the test
// command made: every table has a rule, the grants are exactly the rules, and a service role can neither
// change what it may only read nor get around the append-only and immutable-version triggers.
import { Client } from 'pg';
import {
  COLUMN_UPDATES,
  OWNER_ONLY_TABLES,
  SERVICE_ROLES,
  TABLE_PRIVILEGES,
  type ServiceName,
} from '../index';

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;
const SERVICES = Object.keys(SERVICE_ROLES) as ServiceName[];

function urlOf(service?: ServiceName): string {
  const variable = service ? `DATABASE_URL_${service.toUpperCase().replaceAll('-', '_')}` : 'DATABASE_URL';
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set: run the tests with the README test command`);
  return url;
}

async function connect(service?: ServiceName): Promise<Client> {
  const client = new Client({ connectionString: urlOf(service), application_name: 'privileges-test' });
  await client.connect();
  return client;
}

/** The error a statement raises, run in a transaction that is rolled back either way. */
async function refusal(client: Client, sql: string): Promise<string | null> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.query('ROLLBACK');
  }
}

let owner: Client;
let tables: string[];

beforeAll(async () => {
  owner = await connect();
  tables = (
    await owner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`,
    )
  ).rows.map((row) => row.tablename);
});

afterAll(async () => {
  await owner?.end();
});

it('every table in the schema has a privilege rule (a new table without one fails here)', () => {
  const ruled = [...Object.keys(TABLE_PRIVILEGES), ...OWNER_ONLY_TABLES].sort();
  expect(tables).toEqual(ruled);
});

it('each service role holds exactly the privileges its rules give, on every table, and nothing for PUBLIC', async () => {
  const granted: string[] = [];
  const expected: string[] = [];
  for (const table of tables) {
    for (const service of SERVICES) {
      const role = SERVICE_ROLES[service];
      for (const privilege of PRIVILEGES) {
        const { rows } = await owner.query<{ has: boolean }>(
          'SELECT has_table_privilege($1, $2, $3) AS has',
          [role, table, privilege],
        );
        if (rows[0].has) granted.push(`${role} ${privilege} ${table}`);
      }
      for (const privilege of TABLE_PRIVILEGES[table]?.[service] ?? []) {
        expected.push(`${role} ${privilege} ${table}`);
      }
    }
  }
  expect(granted.sort()).toEqual(expected.sort());
  const { rows } = await owner.query(
    `SELECT table_name, privilege_type FROM information_schema.role_table_grants
     WHERE grantee = 'PUBLIC' AND table_schema = current_schema()`,
  );
  expect(rows).toEqual([]);
}, 30_000);

it('a service updates only the columns its column rules give, where the table is read only to it (ADR 0034: titles)', async () => {
  const roles = Object.values(SERVICE_ROLES);
  const { rows } = await owner.query<{ grantee: string; table_name: string; column_name: string }>(
    `SELECT grantee, table_name, column_name FROM information_schema.column_privileges
     WHERE privilege_type = 'UPDATE' AND table_schema = current_schema() AND grantee = ANY($1)`,
    [roles],
  );
  const tableWide = (table: string, service: ServiceName) =>
    (TABLE_PRIVILEGES[table]?.[service] ?? []).includes('UPDATE');
  const granted = rows
    .filter((row) => {
      const service = SERVICES.find((name) => SERVICE_ROLES[name] === row.grantee)!;
      return !tableWide(row.table_name, service);
    })
    .map((row) => `${row.grantee} ${row.table_name}.${row.column_name}`);
  const expected = Object.entries(COLUMN_UPDATES).flatMap(([table, byService]) =>
    Object.entries(byService).flatMap(([service, columns]) =>
      columns!.map((column) => `${SERVICE_ROLES[service as ServiceName]} ${table}.${column}`),
    ),
  );
  expect(granted.sort()).toEqual(expected.sort());
});

describe.each(SERVICES)('the %s role', (service) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(service);
  });
  afterAll(async () => {
    await client?.end();
  });

  it('is its own login, not a superuser, owning no table', async () => {
    const { rows } = await client.query(
      `SELECT current_user AS role, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
              (SELECT count(*)::int FROM pg_tables WHERE tableowner = current_user) AS owned
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows[0]).toEqual({
      role: SERVICE_ROLES[service],
      rolsuper: false,
      rolcreaterole: false,
      rolcreatedb: false,
      rolbypassrls: false,
      owned: 0,
    });
  });

  it('cannot disable the append-only trigger, replicate around it, or change the schema', async () => {
    expect(await refusal(client, 'ALTER TABLE case_event DISABLE TRIGGER case_event_append_only')).toMatch(
      /must be owner/,
    );
    expect(await refusal(client, 'SET session_replication_role = replica')).toMatch(/permission denied/);
    expect(await refusal(client, 'DROP TABLE case_event')).toMatch(/must be owner/);
    expect(await refusal(client, 'CREATE TABLE smuggled (id int)')).toMatch(/permission denied/);
    expect(await refusal(client, 'TRUNCATE case_event')).toMatch(/permission denied/);
  });

  it('cannot update or delete a case event, whatever the trigger says', async () => {
    expect(await refusal(client, `UPDATE case_event SET type = 'tampered'`)).toMatch(/permission denied/);
    expect(await refusal(client, 'DELETE FROM case_event')).toMatch(/permission denied/);
  });
});

it('a service cannot write what another service owns (ADR 0009)', async () => {
  const worker = await connect('worker');
  const correspondence = await connect('correspondence');
  const api = await connect('complaints-api');
  const partner = await connect('joint-protocol');
  try {
    expect(await refusal(worker, `DELETE FROM correspondence`)).toMatch(/permission denied/);
    expect(await refusal(correspondence, `UPDATE complaint SET stage = 'closed'`)).toMatch(
      /permission denied/,
    );
    expect(await refusal(api, `INSERT INTO template_override DEFAULT VALUES`)).toMatch(/permission denied/);
    expect(await refusal(api, `UPDATE staff_user SET roles = '{responsible-person}'`)).toMatch(
      /permission denied/,
    );
    expect(await refusal(api, `UPDATE staff_user SET job_title = job_title`)).toBeNull();
    expect(await refusal(api, `UPDATE organisation SET name = name`)).toMatch(/permission denied/);
    // The joint-protocol service reads a complaint's issues for a partner's shared view (ADR 0019), never writes it.
    expect(await refusal(partner, `UPDATE complaint SET stage = 'closed'`)).toMatch(/permission denied/);
    expect(await refusal(partner, 'SELECT count(*) FROM complaint_party')).toMatch(/permission denied/);
    // What a service does hold, it can use: the worker reads the record it projects.
    expect(await refusal(worker, 'SELECT count(*) FROM complaint')).toBeNull();
  } finally {
    await Promise.all([worker, correspondence, api, partner].map((client) => client.end()));
  }
});
