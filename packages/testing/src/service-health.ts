import type { DynamicModule, INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { configureApp, DATA_SOURCE, type ServiceDescription } from '@complaints/service-kit';

/**
 * The checks every service must pass: it boots against the real Postgres and Temporal, answers /health
 * with both dependencies up, serves its OpenAPI document, and reports a lost dependency as 503.
 */
export function describeServiceHealth(description: ServiceDescription, module: () => DynamicModule): void {
  describe(`${description.title}: health and API docs`, () => {
    let app: INestApplication;
    beforeAll(async () => {
      app = (await Test.createTestingModule({ imports: [module()] }).compile()).createNestApplication({
        bufferLogs: true,
      });
      configureApp(app, description);
      await app.init();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it('answers /health without a token when Postgres and Temporal are reachable', async () => {
      const response = await request(app.getHttpServer()).get('/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', checks: { postgres: 'up', temporal: 'up' } });
      expect(response.headers['x-request-id']).toMatch(/^[\w-]+$/);
    });

    it(`serves its OpenAPI document at /docs-json, titled "${description.title}"`, async () => {
      const response = await request(app.getHttpServer()).get('/docs-json').expect(200);
      expect(response.body.info.title).toBe(description.title);
      expect(response.body.paths['/health']).toBeDefined();
      await request(app.getHttpServer()).get('/docs').expect(200);
    });

    it('answers 503 naming the dependency that is down', async () => {
      await app.get<DataSource>(DATA_SOURCE).destroy();
      const response = await request(app.getHttpServer()).get('/health').expect(503);
      expect(response.body).toEqual({ status: 'unavailable', checks: { postgres: 'down', temporal: 'up' } });
    });
  });
}
