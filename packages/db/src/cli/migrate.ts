// Applies pending migrations to DATABASE_URL, as the schema's owner, then each service role's privileges.
// Run by the start and test commands; in production by the deployment, with the owner's URL.
import { openDataSource } from '../data-source';
import { applyServicePrivileges } from '../privileges';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const dataSource = await openDataSource(url, { applicationName: 'migrate' });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((manager) => applyServicePrivileges(manager));
    process.stdout.write(`${applied.length} migration(s) applied, service privileges granted\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`migrations failed: ${error.message}\n`);
  process.exit(1);
});
