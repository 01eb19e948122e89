// What every service answers besides its API: per-user rate limits as RFC 9457 problems with
// Retry-After, security headers on every response, and no public API docs in production.
import request from 'supertest';
import { signStaffToken } from '../auth';
import { addStaffUser, probeConfig, startProbe, type Probe } from './probe-app';

const SETTINGS = { secret: 'x'.repeat(40), issuer: 'test' };

describe('rate limits', () => {
  let probe: Probe;
  beforeAll(async () => {
    probe = await startProbe(
      probeConfig({
        RATE_LIMIT_PER_MINUTE: '5',
        RATE_LIMIT_PDF_PER_MINUTE: '2',
        RATE_LIMIT_INTAKE_PER_MINUTE: '3',
      }),
    );
  }, 60_000);
  afterAll(async () => probe?.close());

  const tokenOfNewUser = async () =>
    signStaffToken(await addStaffUser(probe.dataSource, { roles: ['handler'] }), SETTINGS);
  const get = (path: string, token: string) =>
    request(probe.app.getHttpServer()).get(path).set('Authorization', `Bearer ${token}`);

  it('answers 429 problem details with Retry-After once a member of staff is over the standard budget', async () => {
    const token = await tokenOfNewUser();
    for (let i = 0; i < 5; i++) await get('/probe/me', token).expect(200);
    const refused = await get('/probe/me', token);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toEqual({
      type: 'about:blank',
      title: 'Too many requests',
      status: 429,
      detail: expect.stringMatching(/^more than 5 requests a minute: try again in \d+ s$/),
      instance: '/probe/me',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('counts per member of staff: another one is not held back', async () => {
    const busy = await tokenOfNewUser();
    for (let i = 0; i < 6; i++) await get('/probe/me', busy);
    expect((await get('/probe/me', busy)).status).toBe(429);
    await get('/probe/me', await tokenOfNewUser()).expect(200);
  });

  it('puts PDF building and intake on their own, tighter budgets', async () => {
    const token = await tokenOfNewUser();
    await get('/probe/pdf', token).expect(200);
    await get('/probe/pdf', token).expect(200);
    const refused = await get('/probe/pdf', token);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toMatch(/^more than 2 PDFs built a minute/);
    // The standard budget is untouched by PDFs, and intake has its own.
    await get('/probe/me', token).expect(200);
    const post = () =>
      request(probe.app.getHttpServer()).post('/probe/intake').set('Authorization', `Bearer ${token}`);
    for (let i = 0; i < 3; i++) await post().expect(201);
    expect((await post()).status).toBe(429);
  });

  it('checks the token before counting: a request without one is a 401, not a 429', async () => {
    for (let i = 0; i < 8; i++) await request(probe.app.getHttpServer()).get('/probe/me').expect(401);
  });
});

describe('security headers and API docs', () => {
  it('sends the security headers on every response, the API’s and its errors', async () => {
    const probe = await startProbe(probeConfig());
    try {
      for (const response of [
        await request(probe.app.getHttpServer()).get('/probe/public').expect(200),
        await request(probe.app.getHttpServer()).get('/probe/me').expect(401),
      ]) {
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['referrer-policy']).toBe('no-referrer');
        expect(response.headers['x-powered-by']).toBeUndefined();
      }
      // Outside production the docs are served, and Swagger UI still loads under the policy.
      await request(probe.app.getHttpServer()).get('/docs').expect(200);
      await request(probe.app.getHttpServer()).get('/docs-json').expect(200);
    } finally {
      await probe.close();
    }
  });

  it('serves no API docs in production', async () => {
    const probe = await startProbe(
      probeConfig({
        NODE_ENV: 'production',
        AUTH_JWT_SECRET: undefined,
        OIDC_ISSUER: 'https://idp.invalid/realms/staff',
      }),
    );
    try {
      for (const path of ['/docs', '/docs-json'])
        expect((await request(probe.app.getHttpServer()).get(path)).status).toBe(404);
      await request(probe.app.getHttpServer()).get('/probe/public').expect(200);
    } finally {
      await probe.close();
    }
  });
});
