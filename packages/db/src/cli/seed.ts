// Seeds the demo organisations (one per policy profile) and their demo staff users.
import { openDataSource } from '../data-source';
import { seedDemoData } from '../seed/demo-data';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set');
  const dataSource = await openDataSource(url, { applicationName: 'seed' });
  try {
    await seedDemoData(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed failed: ${error.message}\n`);
  process.exit(1);
});
