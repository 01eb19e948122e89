// Applies pending migrations to DATABASE_URL. Run by the start and test commands.
import { openDataSource } from '../data-source';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const dataSource = await openDataSource(url, { applicationName: 'migrate' });
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    process.stdout.write(`${applied.length} migration(s) applied\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`migrations failed: ${error.message}\n`);
  process.exit(1);
});
