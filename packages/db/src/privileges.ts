import type { DataSource, EntityManager } from 'typeorm';

/**
 * Each service connects as its own Postgres role with only what ADR 0009 lets it write
 * (docs/adr/0015-database-roles.md). The schema's owner runs the migrations and then applies this table; the
 * service roles own nothing, so none of them can alter a table or disable its append-only trigger.
 */
export const SERVICE_ROLES = {
  'complaints-api': 'complaints_api',
  correspondence: 'complaints_correspondence',
  worker: 'complaints_worker',
  'joint-protocol': 'complaints_joint_protocol',
  'public-web': 'complaints_public_web',
} as const;

export type ServiceName = keyof typeof SERVICE_ROLES;
type Privilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const READ: Privilege[] = ['SELECT'];
const APPEND: Privilege[] = ['SELECT', 'INSERT'];
const WRITE: Privilege[] = ['SELECT', 'INSERT', 'UPDATE'];

/**
 * Every table in the schema, with what each service may do to it. A table missing here is a test failure
 * (privileges.test.ts), so a new table cannot ship readable by everyone or by no one by accident.
 */
export const TABLE_PRIVILEGES: Record<string, Partial<Record<ServiceName, Privilege[]>>> = {
  // The public web service reads only the organisations whose sites it shows (ADR 0022).
  organisation: {
    'complaints-api': READ,
    correspondence: READ,
    worker: READ,
    'joint-protocol': READ,
    'public-web': READ,
  },
  staff_user: { 'complaints-api': READ, correspondence: READ, worker: READ, 'joint-protocol': READ },
  complaint: {
    'complaints-api': WRITE,
    correspondence: READ,
    worker: ['SELECT', 'UPDATE'],
    'joint-protocol': READ,
  },
  complaint_reference_sequence: { 'complaints-api': WRITE },
  complaint_party: { 'complaints-api': WRITE, correspondence: READ, worker: READ },
  complaint_issue: { 'complaints-api': WRITE, correspondence: READ, worker: READ, 'joint-protocol': READ },
  case_event: { 'complaints-api': APPEND, correspondence: READ, worker: APPEND },
  // Partners read the version out for their approval (R-JOINT-5, ADR 0019); the worker reads the sent version's
  // promised actions into the action plan (ADR 0024).
  final_response_draft: {
    'complaints-api': APPEND,
    correspondence: READ,
    worker: READ,
    'joint-protocol': READ,
  },
  // A refused plan command takes its version back out (ADR 0008).
  investigation_plan: { 'complaints-api': ['SELECT', 'INSERT', 'DELETE'], correspondence: READ },
  equality_monitoring: { 'complaints-api': WRITE },
  // Written only by equality_monitoring's trigger, as the owner.
  equality_monitoring_revision: {},
  contact_restriction: { 'complaints-api': WRITE, correspondence: READ, worker: READ },
  correspondence: { correspondence: WRITE, 'complaints-api': READ },
  template_override: { correspondence: APPEND },
  template_override_decision: { correspondence: APPEND },
  // Need-to-know (ADR 0011): both services read the case team and grants to decide; a refused step's
  // members are taken back out; the access log only grows.
  case_team_member: { 'complaints-api': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], correspondence: READ },
  access_grant: { 'complaints-api': WRITE, correspondence: READ },
  access_log_entry: { 'complaints-api': APPEND, correspondence: APPEND, 'joint-protocol': APPEND },
  // ADR 0013: holds are placed and lifted by complaints managers; the retention review lists what is due; the
  // disposal itself runs as the owner (dispose_case_file), so no service may delete a case file's rows.
  legal_hold: { 'complaints-api': WRITE },
  case_file_disposal: { 'complaints-api': READ, worker: APPEND },
  // The joint protocol (ADR 0017): reference data read by all; the lead's complaints team makes a complaint
  // joint and records consent; the joint-protocol service records a partner's withdrawal. Access links are
  // issued and redeemed by the service whose page they open.
  joint_protocol: { 'complaints-api': READ, correspondence: READ, worker: READ, 'joint-protocol': READ },
  partner_organisation: {
    'complaints-api': READ,
    correspondence: READ,
    worker: READ,
    'joint-protocol': READ,
  },
  partner_user: { 'complaints-api': READ, correspondence: READ, 'joint-protocol': READ },
  // A joint case the complaint's workflow refused is taken back out (ADR 0008, ADR 0018).
  joint_case: {
    'complaints-api': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    correspondence: READ,
    worker: READ,
    'joint-protocol': READ,
  },
  joint_case_partner: {
    'complaints-api': ['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
    correspondence: READ,
    worker: READ,
    'joint-protocol': ['SELECT', 'UPDATE'],
  },
  // The correspondence service issues the experience survey's links with the emails that carry them (ADR 0023),
  // and the progress link or code with the acknowledgement, revoking the one before (ADR 0028).
  access_link: { 'complaints-api': WRITE, 'joint-protocol': WRITE, correspondence: WRITE },
  // The jointResponse records (ADR 0019): the joint-protocol service writes the partners' own (contributions,
  // decisions on drafts, variations, disagreements raised, learning, notifications); the lead's complaints team
  // reads them and writes its own (meeting notes, conflicts and their resolution, a disagreement's outcome, its
  // learning).
  joint_contribution: { 'joint-protocol': APPEND, 'complaints-api': READ },
  joint_draft_decision: { 'joint-protocol': APPEND, 'complaints-api': READ },
  joint_variation: { 'joint-protocol': APPEND, 'complaints-api': READ },
  joint_coordination: { 'complaints-api': APPEND, 'joint-protocol': READ },
  joint_conflict: { 'complaints-api': WRITE, 'joint-protocol': READ },
  joint_disagreement: { 'joint-protocol': APPEND, 'complaints-api': ['SELECT', 'UPDATE'] },
  joint_learning: { 'joint-protocol': APPEND, 'complaints-api': APPEND },
  joint_notification: { 'joint-protocol': WRITE, 'complaints-api': READ },
  // R-MON-3: a quarter's review is recorded once and never changed.
  quarterly_review: { 'complaints-api': APPEND },
  // Themes: complaints managers set the rules and close alerts; the worker's daily review raises them.
  theme_rule: { 'complaints-api': WRITE, worker: READ },
  theme_alert: { 'complaints-api': ['SELECT', 'UPDATE'], worker: APPEND },
  // The experience survey (ADR 0023): the API records an answer when a link is spent and counts them; the
  // correspondence service keeps its invitations, the once-only record of each email with a link.
  experience_survey_answer: { 'complaints-api': APPEND },
  experience_survey_invitation: { correspondence: WRITE, 'complaints-api': READ },
  // ADR 0024: staff record learning and its actions and close actions; the worker writes the actions promised in a
  // sent final response and finds the overdue ones for the daily reminders; the correspondence service checks the
  // reminders workflow acts only on a complaint with one (requireOwnComplaint).
  learning_point: { 'complaints-api': APPEND },
  case_action: { 'complaints-api': WRITE, worker: APPEND, correspondence: READ },
  // ADR 0031: complaints managers record a referral to the Ombudsman and, once, its decision; the annual report's
  // versions are written by the API alone (each edit a new version; approvals and publication set on it).
  ombudsman_referral: { 'complaints-api': WRITE },
  annual_report: { 'complaints-api': WRITE },
  // ADR 0034: the complaints team records and ends the Responsible Person's delegations; the correspondence service
  // reads them to sign a final response in the delegate's name, on the Responsible Person's behalf, and to decide
  // need-to-know as the API does.
  sign_off_delegation: { 'complaints-api': WRITE, correspondence: READ },
};

/**
 * Columns a service may update where the table is otherwise read only to it. ADR 0034: the complaints team keeps
 * the titles letters sign with, and nothing else of the organisation or its staff (roles stay the owner's).
 */
export const COLUMN_UPDATES: Record<string, Partial<Record<ServiceName, string[]>>> = {
  organisation: { 'complaints-api': ['role_titles'] },
  staff_user: { 'complaints-api': ['job_title'] },
};

/** Functions a service may call; every other role, PUBLIC included, may not. */
export const FUNCTION_PRIVILEGES: Record<string, ServiceName[]> = {
  'dispose_case_file(varchar, varchar)': ['complaints-api'],
};

/** Tables only the owner touches. */
export const OWNER_ONLY_TABLES = ['schema_migrations'];

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Makes the grants exactly {@link TABLE_PRIVILEGES}: everything else is revoked. Idempotent; run by the
 * schema's owner after the migrations. The service roles are created here (without login) when missing and
 * the connecting role may create roles; an operator gives them logins (README, Security).
 */
export async function applyServicePrivileges(db: DataSource | EntityManager): Promise<void> {
  const roles = Object.values(SERVICE_ROLES);
  const existing = new Set(
    (await db.query(`SELECT rolname FROM pg_roles WHERE rolname = ANY($1)`, [roles])).map(
      (row: { rolname: string }) => row.rolname,
    ),
  );
  for (const role of roles.filter((name) => !existing.has(name))) {
    await db.query(`CREATE ROLE ${quote(role)} NOLOGIN`).catch((error: Error) => {
      throw new Error(
        `the service role ${role} does not exist and cannot be created (${error.message}): create it, see the README's Security section`,
      );
    });
  }
  const tables: string[] = (
    await db.query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`)
  ).map((row: { tablename: string }) => row.tablename);
  const everyone = roles.map(quote).join(', ');
  await db.query(`GRANT USAGE ON SCHEMA public TO ${everyone}`);
  for (const table of tables) {
    await db.query(`REVOKE ALL ON ${quote(table)} FROM PUBLIC, ${everyone}`);
    for (const [service, privileges] of Object.entries(TABLE_PRIVILEGES[table] ?? {})) {
      await db.query(
        `GRANT ${privileges.join(', ')} ON ${quote(table)} TO ${quote(SERVICE_ROLES[service as ServiceName])}`,
      );
    }
    // REVOKE ALL above also revoked these: column privileges go with the table's.
    for (const [service, columns] of Object.entries(COLUMN_UPDATES[table] ?? {})) {
      await db.query(
        `GRANT UPDATE (${columns.map(quote).join(', ')}) ON ${quote(table)} TO ${quote(SERVICE_ROLES[service as ServiceName])}`,
      );
    }
  }
  for (const [signature, services] of Object.entries(FUNCTION_PRIVILEGES)) {
    await db.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC, ${everyone}`);
    for (const service of services)
      await db.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${quote(SERVICE_ROLES[service])}`);
  }
  await db.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, ${everyone}`);
  for (const { table, sequence } of await sequencesOfTables(db)) {
    const inserters = Object.entries(TABLE_PRIVILEGES[table] ?? {})
      .filter(([, privileges]) => privileges.includes('INSERT'))
      .map(([service]) => quote(SERVICE_ROLES[service as ServiceName]));
    if (inserters.length > 0)
      await db.query(`GRANT USAGE ON SEQUENCE ${sequence} TO ${inserters.join(', ')}`);
  }
}

async function sequencesOfTables(
  db: DataSource | EntityManager,
): Promise<{ table: string; sequence: string }[]> {
  return db.query(`
    SELECT t.relname AS table, quote_ident(s.relname) AS sequence
    FROM pg_class s
    JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
    JOIN pg_class t ON t.oid = d.refobjid
    WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace`);
}
