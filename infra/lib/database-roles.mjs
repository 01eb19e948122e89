// The embedded Postgres's roles (docs/adr/0015-database-roles.md): the cluster's superuser only makes them;
// `complaints_owner` owns the schema and runs the migrations; each service logs in as its own role, which
// owns nothing. Passwords are made on first use and kept with the mode's keys (secrets.mjs).

export const OWNER_ROLE = 'complaints_owner';
// Must match packages/db/src/privileges.ts SERVICE_ROLES (the migrations grant to these names).
export const SERVICE_ROLES = {
  'complaints-api': 'complaints_api',
  correspondence: 'complaints_correspondence',
  worker: 'complaints_worker',
  'joint-protocol': 'complaints_joint_protocol',
  'public-web': 'complaints_public_web',
};

/** The variable carrying a service's own database URL, e.g. DATABASE_URL_COMPLAINTS_API. */
export const serviceUrlVariable = (service) => `DATABASE_URL_${service.toUpperCase().replaceAll('-', '_')}`;

const quote = (identifier) => `"${identifier.replaceAll('"', '""')}"`;
const literal = (value) => `'${value.replaceAll("'", "''")}'`;

/**
 * Makes (or updates) the owner and service logins, and hands the database and everything in its public
 * schema to the owner (a cluster made before the roles existed has its tables owned by the superuser).
 * Returns the URLs: DATABASE_URL (the owner's) and one per service.
 */
export async function provisionDatabaseRoles(superuserUrl, passwords) {
  const url = new URL(superuserUrl);
  const database = url.pathname.slice(1);
  const logins = { [OWNER_ROLE]: passwords.owner };
  for (const [service, role] of Object.entries(SERVICE_ROLES)) logins[role] = passwords[service];

  const { default: pg } = await import('pg'); // infra's own dependency, installed before infrastructure starts
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    for (const [role, password] of Object.entries(logins)) {
      const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      const options = `LOGIN NOSUPERUSER NOCREATEDB NOREPLICATION NOBYPASSRLS PASSWORD ${literal(password)}`;
      await client.query(`${exists.rowCount ? 'ALTER' : 'CREATE'} ROLE ${quote(role)} ${options}`);
    }
    await client.query(`ALTER DATABASE ${quote(database)} OWNER TO ${quote(OWNER_ROLE)}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM PUBLIC`);
    await client.query(`ALTER SCHEMA public OWNER TO ${quote(OWNER_ROLE)}`);
    await client.query(`
      DO $$
      DECLARE item record;
      BEGIN
        FOR item IN
          SELECT c.relname AS name, CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind
          FROM pg_class c
          WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S')
            AND pg_get_userbyid(c.relowner) <> ${literal(OWNER_ROLE)}
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
        LOOP
          EXECUTE format('ALTER %s %I OWNER TO ${OWNER_ROLE}', item.kind, item.name);
        END LOOP;
        FOR item IN
          SELECT p.oid::regprocedure AS signature FROM pg_proc p
          WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> ${literal(OWNER_ROLE)}
        LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', item.signature);
        END LOOP;
      END $$`);
  } finally {
    await client.end();
  }

  const as = (role) => {
    const own = new URL(superuserUrl);
    own.username = role;
    own.password = logins[role];
    return own.toString();
  };
  return {
    DATABASE_URL: as(OWNER_ROLE),
    ...Object.fromEntries(
      Object.entries(SERVICE_ROLES).map(([service, role]) => [serviceUrlVariable(service), as(role)]),
    ),
  };
}
