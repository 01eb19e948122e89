// The staff authentication guard, validation pipe and problem-details filter, as every service wires them
// (staffAuthProviders + configureApp), exercised over real HTTP with supertest.
import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { SignJWT } from 'jose';
import request from 'supertest';
import { CurrentStaff, Public, Roles, signStaffToken, type StaffPrincipal } from '../auth';
import { configureApp } from '../bootstrap';
import { staffAuthProviders } from '../infrastructure.module';
import { loggingModule } from '../logging';

const SETTINGS = { secret: 'x'.repeat(40), issuer: 'test' };
const HANDLER: StaffPrincipal = { id: 'hpft-handler', organisationCode: 'HPFT', roles: ['handler'] };
const STAFF: StaffPrincipal = { id: 'hpft-staff', organisationCode: 'HPFT', roles: ['staff'] };
const FAILURE_MESSAGE = 'cannot process Jane Example, 12 Acacia Avenue';

class CreateNoteDto {
  @IsString()
  @MaxLength(40)
  title!: string;

  @IsInt()
  @Min(1)
  @Max(5)
  priority!: number;

  @IsOptional()
  @IsString()
  body?: string;
}

@Controller('probe')
class ProbeController {
  @Public()
  @Get('public')
  open() {
    return { open: true };
  }

  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return staff;
  }

  @Roles('handler', 'complaints-manager')
  @Get('handling')
  handling(@CurrentStaff() staff: StaffPrincipal) {
    return { handledBy: staff.id };
  }

  @Public()
  @Post('notes')
  create(@Body() note: CreateNoteDto) {
    return { received: note, isDto: note instanceof CreateNoteDto };
  }

  @Public()
  @Get('failure')
  failure() {
    throw new Error(FAILURE_MESSAGE);
  }
}

let app: INestApplication;

beforeAll(async () => {
  const moduleRef = await Test.createTestingModule({
    imports: [loggingModule('test', 'silent')],
    controllers: [ProbeController],
    providers: staffAuthProviders({ AUTH_JWT_SECRET: SETTINGS.secret, AUTH_JWT_ISSUER: SETTINGS.issuer }),
  }).compile();
  app = moduleRef.createNestApplication({ bufferLogs: true, logger: false });
  configureApp(app, { title: 'probe', description: 'staff-auth test app' });
  await app.init();
});

afterAll(async () => {
  await app?.close();
});

const http = () => request(app.getHttpServer());

/** A token as signStaffToken makes it, with the claims and times under the test's control. */
async function craftToken(options: {
  secret?: string;
  issuer?: string;
  audience?: string;
  expiresAt: number;
  claims?: Record<string, unknown>;
}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(options.claims ?? { org: HANDLER.organisationCode, roles: HANDLER.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(HANDLER.id)
    .setIssuer(options.issuer ?? SETTINGS.issuer)
    .setAudience(options.audience ?? 'complaints-staff')
    .setIssuedAt(Math.min(now, options.expiresAt - 60))
    .setExpirationTime(options.expiresAt)
    .sign(new TextEncoder().encode(options.secret ?? SETTINGS.secret));
}

function expectProblem(response: request.Response, status: number, title: string | jest.AsymmetricMatcher) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(response.body).toEqual(
    expect.objectContaining({ type: 'about:blank', title, status, detail: expect.any(String) }),
  );
  expect(response.body.detail.length).toBeGreaterThan(0);
}

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
    const token = await signStaffToken(HANDLER, SETTINGS);
    expectProblem(await http().get('/probe/me').set('Authorization', `Basic ${token}`), 401, 'Unauthorized');
    expectProblem(await http().get('/probe/me').set('Authorization', 'Bearer'), 401, 'Unauthorized');
  });

  it('answers 401 to a garbage token, without quoting it', async () => {
    const response = await http().get('/probe/me').set('Authorization', 'Bearer not.a-real.token');
    expectProblem(response, 401, 'Unauthorized');
    expect(response.body.detail).toMatch(/invalid or has expired/);
    expect(JSON.stringify(response.body)).not.toContain('not.a-real.token');
  });

  it('answers 401 to a token signed with another secret', async () => {
    const forged = await signStaffToken(HANDLER, { secret: 'y'.repeat(40), issuer: SETTINGS.issuer });
    expectProblem(
      await http().get('/probe/me').set('Authorization', `Bearer ${forged}`),
      401,
      'Unauthorized',
    );
  });

  it('answers 401 to an expired token (the same token unexpired is accepted)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await craftToken({ expiresAt: now - 60 });
    expectProblem(
      await http().get('/probe/me').set('Authorization', `Bearer ${expired}`),
      401,
      'Unauthorized',
    );
    const current = await craftToken({ expiresAt: now + 600 });
    await http().get('/probe/me').set('Authorization', `Bearer ${current}`).expect(200);
  });

  it('answers 401 to a token of another issuer or audience, or without roles', async () => {
    const expiresAt = Math.floor(Date.now() / 1000) + 600;
    for (const token of [
      await craftToken({ expiresAt, issuer: 'someone-else' }),
      await craftToken({ expiresAt, audience: 'another-api' }),
      await craftToken({ expiresAt, claims: { org: 'HPFT' } }),
    ]) {
      expectProblem(
        await http().get('/probe/me').set('Authorization', `Bearer ${token}`),
        401,
        'Unauthorized',
      );
    }
  });

  it('accepts a valid token and exposes the principal to the controller', async () => {
    const token = await signStaffToken(HANDLER, SETTINGS);
    const response = await http().get('/probe/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual(HANDLER);
  });

  it('answers 403 problem+json when the token lacks the required role', async () => {
    const token = await signStaffToken(STAFF, SETTINGS);
    const response = await http().get('/probe/handling').set('Authorization', `Bearer ${token}`);
    expectProblem(response, 403, 'Forbidden');
    expect(response.body.detail).toContain('handler, complaints-manager');
  });

  it('answers 200 when the token has one of the required roles', async () => {
    const token = await signStaffToken(HANDLER, SETTINGS);
    const response = await http().get('/probe/handling').set('Authorization', `Bearer ${token}`).expect(200);
    expect(response.body).toEqual({ handledBy: HANDLER.id });
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
