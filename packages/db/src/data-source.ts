import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

export function createDataSource(
  url: string,
  options: { poolSize?: number; applicationName?: string } = {},
): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    poolSize: options.poolSize ?? 10,
    applicationName: options.applicationName,
    connectTimeoutMS: 10_000,
  });
}

/** Connects, naming the cause and the fix when Postgres cannot be reached. */
export async function openDataSource(
  url: string,
  options: Parameters<typeof createDataSource>[1] = {},
): Promise<DataSource> {
  const dataSource = createDataSource(url, options);
  try {
    return await dataSource.initialize();
  } catch (error) {
    const safeUrl = url.replace(/\/\/[^@]*@/, '//***@');
    throw new Error(
      `cannot connect to Postgres at ${safeUrl}: ${(error as Error).message} (check DATABASE_URL)`,
    );
  }
}
