import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

/**
 * The checks every service must pass: it boots against the real Postgres and Temporal, answers /health
 * with both dependencies up, serves its OpenAPI document, and reports a lost dependency as 503.
 * `breakPostgres` closes the service's own database connection.
 */
export function describeServiceHealth(
  title: string,
  start: () => Promise<{ app: INestApplication; breakPostgres: () => Promise<void> }>,
): void {
  describe(`${title}: health and API docs`, () => {
    let service: Awaited<ReturnType<typeof start>>;
    beforeAll(async () => {
      service = await start();
    }, 60_000);
    afterAll(async () => {
      await service?.app.close();
    });

    it('answers /health without a token when Postgres and Temporal are reachable', async () => {
      const response = await request(service.app.getHttpServer()).get('/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', checks: { postgres: 'up', temporal: 'up' } });
      expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/);
    });

    it(`serves its OpenAPI document at /docs-json, titled "${title}"`, async () => {
      const response = await request(service.app.getHttpServer()).get('/docs-json').expect(200);
      expect(response.body.info.title).toBe(title);
      expect(response.body.paths['/health']).toBeDefined();
      await request(service.app.getHttpServer()).get('/docs').expect(200);
    });

    it('answers 503 naming the dependency that is down', async () => {
      await service.breakPostgres();
      const response = await request(service.app.getHttpServer()).get('/health').expect(503);
      expect(response.body).toEqual({ status: 'unavailable', checks: { postgres: 'down', temporal: 'up' } });
    });
  });
}
