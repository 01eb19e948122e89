import type { DataSource } from 'typeorm';
import { openDataSource, type ServiceName } from '@complaints/db';

/** The test Postgres (DATABASE_URL set by the test command; migrations already applied). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  return url;
}

/** As the schema's owner: for fixtures and for reading back what the code under test wrote. */
export function openTestDataSource(): Promise<DataSource> {
  return openDataSource(testDatabaseUrl(), { poolSize: 4, applicationName: 'tests' });
}

/**
 * The database URL a service uses in production terms: its own role (docs/adr/0015-database-roles.md), so a
 * test of that service fails where it would lack a privilege. The owner's URL when the test command made none
 * (an external DATABASE_URL).
 */
export function serviceDatabaseUrl(service: ServiceName): string {
  return process.env[`DATABASE_URL_${service.toUpperCase().replaceAll('-', '_')}`] ?? testDatabaseUrl();
}

export function openServiceDataSource(service: ServiceName): Promise<DataSource> {
  return openDataSource(serviceDatabaseUrl(service), { poolSize: 4, applicationName: `tests-${service}` });
}

/** A unique suffix so tests sharing one database never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
