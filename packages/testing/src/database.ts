import type { DataSource } from 'typeorm';
import { openDataSource } from '@complaints/db';

/** The test Postgres (DATABASE_URL set by the test command; migrations already applied). */
export function testDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run the tests with the README test command');
  return url;
}

export function openTestDataSource(): Promise<DataSource> {
  return openDataSource(testDatabaseUrl(), { poolSize: 4, applicationName: 'tests' });
}

/** A unique suffix so tests sharing one database never collide. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
