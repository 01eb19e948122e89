// The staff authentication guard, validation pipe and problem-details filter, as every service wires them
// (staffAuthProviders + configureApp), over real HTTP against the test Postgres: a token is only as good
// as the active staff_user row it names (ADR 0010).
import { SignJWT } from 'jose';
import request from 'supertest';
import { StaffUser } from '@complaints/db';
import { signStaffToken } from '../auth';
import { addStaffUser, FAILURE_MESSAGE, probeConfig, startProbe, type Probe } from './probe-app';

const SETTINGS = { secret: 'x'.repeat(40), issuer: 'test' };
// A staff_user row is trusted for one second here, so a change to it shows within the test.
const config = probeConfig({ AUTH_STAFF_CACHE_SECONDS: '1', AUTH_TOKEN_MAX_LIFETIME_SECONDS: '3600' });

let probe: Probe;
let handler: StaffUser;
let staff: StaffUser;

beforeAll(async () => {
  probe = await startProbe(config);
  [handler, staff] = await Promise.all([
    addStaffUser(probe.dataSource, { roles: ['handler'] }),
    addStaffUser(probe.dataSource, { roles: ['staff'] }),
  ]);
}, 60_000);

afterAll(async () => {
  await probe?.close();
});

const http = () => request(probe.app.getHttpServer());
const now = () => Math.floor(Date.now() / 1000);
const staffRows = () => probe.dataSource.getRepository(StaffUser);

/** A development token with the claims and times under the test's control. */
async function craftToken(options: {
  subject?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
  issuedAt?: number | null;
  expiresAt?: number | null;
  claims?: Record<string, unknown>;
}): Promise<string> {
  const jwt = new SignJWT(options.claims ?? {})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? handler.id)
    .setIssuer(options.issuer ?? SETTINGS.issuer)
    .setAudience(options.audience ?? 'complaints-staff');
  if (options.issuedAt !== null) jwt.setIssuedAt(options.issuedAt ?? now() - 5);
  if (options.expiresAt !== null) jwt.setExpirationTime(options.expiresAt ?? now() + 600);
  return jwt.sign(new TextEncoder().encode(options.secret ?? SETTINGS.secret));
}

function expectProblem(response: request.Response, status: number, title: string | jest.AsymmetricMatcher) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: 'about:blank', title, status, detail: expect.any(String) }),
  );
  expect(response.body.detail.length).toBeGreaterThan(0);
}

const me = (token: string) => http().get('/probe/me').set('Authorization', `Bearer ${token}`);

describe('StaffAuthGuard', () => {
  it('lets a @Public() route through without a token', async () => {
    const response = await http().get('/probe/public').expect(200);
    expect(response.body).toEqual({ open: true });
  });

  it('answers 401 problem+json when there is no token', async () => {
    const response = await http().get('/probe/me');
    expectProblem(response, 401, 'Unauthorized');
    expect(response.body.detail).toMatch(/bearer token is required/);
    expect(response.body.instance).toBe('/probe/me');
  });

  it('answers 401 to another scheme, and to a bearer header without a token', async () => {
    const token = await signStaffToken(handler, SETTINGS);
    expectProblem(await http().get('/probe/me').set('Authorization', `Basic ${token}`), 401, 'Unauthorized');
    expectProblem(await http().get('/probe/me').set('Authorization', 'Bearer'), 401, 'Unauthorized');
  });

  it('answers 401 to a garbage token, without quoting it', async () => {
    const response = await me('not.a-real.token');
    expectProblem(response, 401, 'Unauthorized');
    expect(response.body.detail).toMatch(/invalid or has expired/);
    expect(JSON.stringify(response.body)).not.toContain('not.a-real.token');
  });

  it('answers 401 to a token signed with another secret', async () => {
    const forged = await signStaffToken(handler, { secret: 'y'.repeat(40), issuer: SETTINGS.issuer });
    expectProblem(await me(forged), 401, 'Unauthorized');
  });

  it('answers 401 to an expired token (the same token unexpired is accepted)', async () => {
    // Past the clock tolerance (30 s by default).
    expectProblem(
      await me(await craftToken({ issuedAt: now() - 600, expiresAt: now() - 60 })),
      401,
      'Unauthorized',
    );
    await me(await craftToken({ expiresAt: now() + 600 })).expect(200);
  });

  it('answers 401 to a token without an expiry, or without an issue time', async () => {
    expectProblem(await me(await craftToken({ expiresAt: null })), 401, 'Unauthorized');
    expectProblem(await me(await craftToken({ issuedAt: null })), 401, 'Unauthorized');
  });

  it('answers 401 to a token living longer than AUTH_TOKEN_MAX_LIFETIME_SECONDS (one just inside is accepted)', async () => {
    const issuedAt = now() - 5;
    expectProblem(await me(await craftToken({ issuedAt, expiresAt: issuedAt + 3601 })), 401, 'Unauthorized');
    await me(await craftToken({ issuedAt, expiresAt: issuedAt + 3600 })).expect(200);
  });

  it('answers 401 to a token of another issuer or audience (the partners’ one included)', async () => {
    for (const token of [
      await craftToken({ issuer: 'someone-else' }),
      await craftToken({ audience: 'another-api' }),
      await signStaffToken(handler, { ...SETTINGS, audience: 'complaints-partners' }),
    ]) {
      expectProblem(await me(token), 401, 'Unauthorized');
    }
  });

  it('answers 401 to a valid token for someone with no staff_user row', async () => {
    const response = await me(await signStaffToken({ id: 'nobody-we-know' }, SETTINGS));
    expectProblem(response, 401, 'Unauthorized');
    expect(response.body.detail).toMatch(/not name an active member of staff/);
    expect(JSON.stringify(response.body)).not.toContain('nobody-we-know');
  });

  it('answers 401 to a valid token for a disabled member of staff', async () => {
    const leaver = await addStaffUser(probe.dataSource, { roles: ['handler'], active: false });
    expectProblem(await me(await signStaffToken(leaver, SETTINGS)), 401, 'Unauthorized');
  });

  it('refuses a token issued before its user was disabled, within the cache time', async () => {
    const leaver = await addStaffUser(probe.dataSource, { roles: ['handler'] });
    const token = await signStaffToken(leaver, SETTINGS);
    await me(token).expect(200);
    await staffRows().update({ id: leaver.id }, { active: false });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expectProblem(await me(token), 401, 'Unauthorized');
  });

  it('takes organisation and roles from the staff_user row, not from the token', async () => {
    const claimsEverything = await craftToken({
      claims: { org: 'NCT', roles: ['responsible-person', 'complaints-manager'] },
    });
    const response = await me(claimsEverything).expect(200);
    expect(response.body).toEqual({ id: handler.id, organisationCode: 'HPFT', roles: ['handler'] });
  });

  it('applies a role changed in staff_user within the cache time', async () => {
    const promoted = await addStaffUser(probe.dataSource, { roles: ['staff'] });
    const token = await signStaffToken(promoted, SETTINGS);
    const handling = () => http().get('/probe/handling').set('Authorization', `Bearer ${token}`);
    expectProblem(await handling(), 403, 'Forbidden');
    await staffRows().update({ id: promoted.id }, { roles: ['complaints-manager'] });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await handling().expect(200);
    expect((await me(token).expect(200)).body.roles).toEqual(['complaints-manager']);
  });

  it('accepts a valid token and exposes the principal to the controller', async () => {
    const response = await me(await signStaffToken(handler, SETTINGS)).expect(200);
    expect(response.body).toEqual({ id: handler.id, organisationCode: 'HPFT', roles: ['handler'] });
  });

  it('answers 403 problem+json when the member of staff lacks the required role', async () => {
    const token = await signStaffToken(staff, SETTINGS);
    const response = await http().get('/probe/handling').set('Authorization', `Bearer ${token}`);
    expectProblem(response, 403, 'Forbidden');
    expect(response.body.detail).toContain('handler, complaints-manager');
  });

  it('answers 200 when the member of staff has one of the required roles', async () => {
    const token = await signStaffToken(handler, SETTINGS);
    const response = await http().get('/probe/handling').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual({ handledBy: handler.id });
  });
});

describe('validation and problem details', () => {
  it('accepts a valid body, transformed into the DTO class', async () => {
    const response = await http().post('/probe/notes').send({ title: 'Call back', priority: 2 }).expect(201);
    expect(response.body).toEqual({ received: { title: 'Call back', priority: 2 }, isDto: true });
  });

  it('refuses an unknown field with 400 and errors [{ field, reason }]', async () => {
    const response = await http()
      .post('/probe/notes')
      .send({ title: 'Call back', priority: 2, isAdmin: true });
    expectProblem(response, 400, 'Invalid request');
    expect(response.body.errors).toEqual([
      { field: 'isAdmin', reason: expect.stringContaining('should not exist') },
    ]);
  });

  it('reports every invalid field, one entry each', async () => {
    const response = await http()
      .post('/probe/notes')
      .send({ title: 'x'.repeat(41), priority: 9 });
    expectProblem(response, 400, 'Invalid request');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'title', reason: expect.stringContaining('40') },
        { field: 'priority', reason: expect.stringContaining('5') },
      ]),
    );
    expect(response.body.errors).toHaveLength(2);
    // `value: false`: the offending values are not echoed back.
    expect(JSON.stringify(response.body)).not.toContain('x'.repeat(41));
  });

  it('answers malformed JSON with a 400 problem, not a 500', async () => {
    const response = await http()
      .post('/probe/notes')
      .set('Content-Type', 'application/json')
      .send('{"title": "Call back", priority: ');
    expectProblem(response, 400, expect.stringMatching(/^(Invalid|Bad) request$/));
    expect(response.body.errors).toBeUndefined();
  });

  it('answers a body over the size limit (100kb) with a 413 problem', async () => {
    const response = await http()
      .post('/probe/notes')
      .send({ title: 'big', priority: 1, body: 'a'.repeat(150 * 1024) });
    expectProblem(response, 413, 'Payload too large');
    // Issue #12 point 12: the answer says the limit, and quotes nothing of the body.
    expect(response.body.limit).toBe(100 * 1024);
    expect(response.body.detail).toMatch(/over the limit of 102400 bytes \(100 KiB\)/);
    const [, length] = /^the request body is (\d+) bytes, over/.exec(response.body.detail) ?? [];
    expect(Number(length)).toBeGreaterThan(150 * 1024);
    expect(JSON.stringify(response.body)).not.toContain('aaaa');
  });

  it('answers a body in a charset it cannot read with a 415 problem that says to send UTF-8', async () => {
    const response = await http()
      .post('/probe/notes')
      .set('Content-Type', 'application/json; charset=klingon')
      .send('{"title":"Call back","priority":1}');
    expectProblem(response, 415, 'Unsupported media type');
    expect(response.body.detail).toMatch(/UTF-8/);
  });

  it('answers an unexpected error with a 500 problem that does not carry its message', async () => {
    const response = await http().get('/probe/failure');
    expectProblem(response, 500, 'Internal server error');
    expect(JSON.stringify(response.body)).not.toContain('Jane Example');
    expect(JSON.stringify(response.body)).not.toContain(FAILURE_MESSAGE);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const response = await http().get('/probe/nowhere');
    expectProblem(response, 404, 'Not found');
  });

  it('echoes a well-formed X-Request-Id and generates one otherwise', async () => {
    const given = await http().get('/probe/public').set('X-Request-Id', 'req-123');
    expect(given.headers['x-request-id']).toBe('req-123');
    const generated = await http().get('/probe/public').set('X-Request-Id', 'bad id with spaces');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
